import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import { MAX_IMAGE_BYTES } from './limits'

export type UploadedFile = { name: string; bytes: Uint8Array }

export type ParsedUpload = {
  /** The text fields (files are not in it). */
  formData: FormData
  /** Files of `fileField`, in the order chosen, each within the size limit. */
  files: UploadedFile[]
  /** Names of the files refused for their size; their bytes were read and dropped, never kept. */
  oversize: string[]
  /** More than `maxFiles` were sent: the extra ones were dropped. */
  tooMany: boolean
}

/**
 * Reads a multipart form holding photos without ever keeping more than the limits in memory:
 * a file over `maxFileBytes` is drained and reported instead of failing the whole form (so the
 * other fields are not lost and the producer sees which photo was too big), text fields are
 * capped too. Works the same with JavaScript off: it is a plain form post.
 */
export async function parseMultipartWithFiles(
  request: Request,
  {
    fileField,
    maxFiles,
    maxFileBytes = MAX_IMAGE_BYTES,
    maxTextBytes = 256 * 1024,
  }: { fileField: string; maxFiles: number; maxFileBytes?: number; maxTextBytes?: number }
): Promise<ParsedUpload> {
  const files: UploadedFile[] = []
  const oversize: string[] = []
  let tooMany = false
  // A form posted without files (another client, a crafted request) is read as a plain form:
  // its fields then fail validation like any incomplete form, instead of a server error.
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    return { formData: await request.formData().catch(() => new FormData()), files, oversize, tooMany }
  }
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = []
      let size = 0
      for await (const chunk of data) {
        size += chunk.byteLength
        if (size <= maxTextBytes) chunks.push(chunk)
      }
      // An oversized text field is cut; its schema's max length then reports it as too long. A
      // zero byte (PostgreSQL refuses it in text) is dropped: urlencoded forms are refused for it
      // before any route (utils/request-guards.server.ts), but files make a multipart body binary.
      return new TextDecoder().decode(Buffer.concat(chunks)).replaceAll('\u0000', '')
    }
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of data) {
      size += chunk.byteLength
      if (size <= maxFileBytes) chunks.push(chunk)
    }
    // An empty file input still sends a nameless, empty part.
    if (name !== fileField || (size === 0 && !filename)) return undefined
    if (size > maxFileBytes) oversize.push(filename)
    else if (files.length >= maxFiles) tooMany = true
    else files.push({ name: filename.replaceAll('\u0000', ''), bytes: Buffer.concat(chunks) })
    return undefined
  }
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(request, handler)
  } catch (error) {
    // A body cut off before its last boundary, or whose boundary is not the one announced: a bad
    // request, not a server error (nothing was kept: files are only collected in memory here).
    if (error instanceof Response) throw error
    throw new Response('Bad request', { status: 400 })
  }
  return { formData, files, oversize, tooMany }
}
