// Loaded on demand by the product form's uploader and by the forms with one photo (the application's
// card photo, the shop's logo: `useShrinkOnSubmit`), a dynamic import when a photo is chosen or sent:
// never on a buyer page. Decodes a camera photo with its EXIF orientation applied, scales it so its long side
// is at most 1600 px (the largest width we store is 1280) and encodes it at 85 %, so a 4–5 MB
// original leaves the phone as a few hundred KB. Plain canvas: ~1 KB gzipped, where pica is 15 KB
// and browser-image-compression 20 KB (decision 017). The server still checks and re-encodes it.

export const MAX_EDGE = 1600
const QUALITY = 0.85

type Canvas = OffscreenCanvas | HTMLCanvasElement

function makeCanvas(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}

function encode(canvas: Canvas, type: string): Promise<Blob | null> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality: QUALITY }).catch(() => null)
  return new Promise((resolve) => canvas.toBlob(resolve, type, QUALITY))
}

async function decode(file: Blob): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    // An older browser that does not know the option, or a file it cannot decode (then the
    // server says what is wrong with it).
    try {
      return await createImageBitmap(file)
    } catch {
      return null
    }
  }
}

/**
 * The photo to send: a smaller WebP (JPEG where the browser cannot encode WebP), or the original
 * when the browser cannot decode it or it is already small — the server judges it either way.
 */
export async function shrinkPhoto(file: File, { maxEdge = MAX_EDGE }: { maxEdge?: number } = {}): Promise<{ blob: Blob; name: string }> {
  if (typeof createImageBitmap !== 'function') return { blob: file, name: file.name }
  const bitmap = await decode(file)
  if (!bitmap) return { blob: file, name: file.name }
  try {
    const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height))
    if (scale === 1 && file.size < 600_000) return { blob: file, name: file.name }
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    let source: ImageBitmap = bitmap
    try {
      // The browser's own high-quality downscale (Lanczos-like in Chromium), off the canvas.
      source = await createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' })
    } catch {
      source = bitmap
    }
    const canvas = makeCanvas(width, height)
    const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
    if (!context) return { blob: file, name: file.name }
    context.imageSmoothingQuality = 'high'
    context.drawImage(source, 0, 0, width, height)
    if (source !== bitmap) source.close()
    // Safari answers PNG when asked for WebP: then JPEG.
    let blob = await encode(canvas, 'image/webp')
    if (!blob || blob.type !== 'image/webp') blob = await encode(canvas, 'image/jpeg')
    if (!blob || blob.size >= file.size) return { blob: file, name: file.name }
    const base = file.name.replace(/\.[^.]*$/, '') || 'photo'
    return { blob, name: `${base}.${blob.type === 'image/webp' ? 'webp' : 'jpg'}` }
  } finally {
    bitmap.close()
  }
}
