import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { uploadRefusal } from '~/modules/listings/errors.server'
import { discardPhotoUpload, stagePhotoUpload, UploadLimitError } from '~/modules/listings/photo-uploads.server'
import { MediaError } from '~/modules/media/images.server'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { readForm } from '~/utils/forms.server'

// One photo of the product form, uploaded as soon as it is chosen (decision 017). Answers JSON for
// the form's uploader: the staged photo's id and preview, or a translated error shown next to that
// photo. Only the signed-in producer of an approved shop uploads, within the per-shop limits.

/** JSON with a status (a plain Response: the uploader is an XHR, not Remix's data protocol). */
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

const DiscardForm = z.object({ intent: z.literal('discard'), id: z.string().min(1).max(40) })

export async function loader() {
  return json({ error: 'Method not allowed' }, 405, { Allow: 'POST' })
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await i18nServer.getFixedT(request)
  let shop
  try {
    ;({ shop } = await requireProducerShop(request, { statuses: ['approved'] }))
  } catch (thrown) {
    // The gate redirects pages; an uploader wants a status and a message it can show.
    if (thrown instanceof Response) return json({ error: t('photoUploads.errors.signedOut') }, 403)
    throw thrown
  }
  const db = await getDb()
  const storage = getMediaStorage()

  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    const parsed = DiscardForm.safeParse(Object.fromEntries(await readForm(request)))
    if (!parsed.success) return json({ error: 'Bad request' }, 400)
    await discardPhotoUpload(db, storage, { shop, uploadId: parsed.data.id })
    return json({ discarded: true })
  }

  const upload = await parseMultipartWithFiles(request, { fileField: 'photo', maxFiles: 1 })
  const refused = uploadRefusal(upload, t)
  if (refused) return json({ error: refused }, 422)
  const file = upload.files[0]
  if (!file) return json({ error: t('listings.errors.photoRequired') }, 422)
  try {
    const photo = await stagePhotoUpload(db, storage, { shop, bytes: file.bytes })
    return json({ photo })
  } catch (error) {
    if (error instanceof MediaError) return json({ error: t(`media.errors.${error.code}`) }, 422)
    if (error instanceof UploadLimitError) {
      const headers: Record<string, string> = error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {}
      return json({ error: t(error.retryAfterSeconds ? 'photoUploads.errors.tooFast' : 'photoUploads.errors.tooMany') }, 429, headers)
    }
    throw error
  }
}
