import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { parcelLabel } from '~/modules/delivery/labels.server'
import { deliveryDepsFromEnv } from '~/modules/delivery/settings.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { invariantResponse } from '~/utils/responses'

/** The parcel's label to print: the carrier's PDF (EcoTrack) or its label page (Yalidine). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const label = await parcelLabel(await getDb(), deliveryDepsFromEnv(), { orderId: params.orderId ?? '', shopId: shop.id })
  invariantResponse(label, 'Not found', { status: 404 })
  if (label.kind === 'url') throw redirect(label.url)
  return new Response(Buffer.from(label.bytes), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${label.filename}"`, 'Cache-Control': 'private, no-store' },
  })
}
