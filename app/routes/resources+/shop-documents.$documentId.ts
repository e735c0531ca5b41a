import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPrivateStorage } from '~/modules/media/storage.server'
import { getShopDocumentForViewer } from '~/modules/shops/application.server'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'

// A seller's private document, streamed only to the shop's owner and to moderators. The id is an
// unguessable cuid2, and even a known id gives nothing to anyone else: the same 404 as a wrong id.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const document = await getShopDocumentForViewer(await getDb(), params.documentId ?? '', user)
  if (!document) throw new Response('Not found', { status: 404 })
  const data = await getPrivateStorage().get(document.storageKey)
  if (!data) throw new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': document.contentType,
      'Content-Length': String(data.byteLength),
      // Shown in the browser, never cached by anyone but this browser (helmet's nosniff, on every
      // response, keeps it from being read as another type: a second one here was sent twice).
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
