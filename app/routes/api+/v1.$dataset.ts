import type { LoaderFunctionArgs } from '@remix-run/node'
import { handlePartnerRequest } from '~/modules/partners/api.server'
import { getDb } from '~/utils/db.server'

// The partner API (issue 22, decision 021): GET /api/v1/{dataset}, a key in `Authorization: Bearer`.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handlePartnerRequest(await getDb(), request, { dataset: params.dataset ?? '', ip: (context.clientIp as string | undefined) ?? null })
}
