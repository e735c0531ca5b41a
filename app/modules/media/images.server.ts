import type { Metadata } from 'sharp'
import { loadSharp } from './sharp.server'
import { sniffFileType, type SniffedType } from './file-type.server'
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, type MediaErrorCode } from './limits'
import type { MediaStorage } from './storage.server'
import type { ResponsiveImage } from './responsive-image'

/** Widths stored for every photo; pages pick one with srcset/sizes. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const

export type StoredImage = { storageKey: string; width: number; height: number }

/** A refused upload; `code` picks the translated message shown next to the field. */
export class MediaError extends Error {
  constructor(
    public code: MediaErrorCode,
    public fileName?: string,
  ) {
    super(`Image refused: ${code}${fileName ? ` (${fileName})` : ''}`)
    this.name = 'MediaError'
  }
}

const variantName = (storageKey: string, width: number) => `${storageKey}-${width}.webp`

function widthsFor(originalWidth: number) {
  const widths = IMAGE_WIDTHS.filter((w) => w <= originalWidth)
  return widths.length ? widths : [IMAGE_WIDTHS[0]]
}

export type InspectedImage = { type: SniffedType; width: number; height: number }

/**
 * Decides whether bytes are a photo we accept, without decoding it: the type from the magic
 * bytes, the size, then the dimensions from the header alone (sharp's metadata reads no pixels),
 * so a small file declaring 20000×20000 pixels is refused before any memory is allocated for it.
 */
export async function inspectImage(bytes: Uint8Array): Promise<InspectedImage> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new MediaError('too_large')
  const type = sniffFileType(bytes)
  if (!type || type.mime === 'application/pdf') throw new MediaError('type')
  const sharp = await loadSharp()
  let metadata: Metadata
  try {
    // No pixel limit here, so that sharp reports the size instead of failing: we judge it below.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    // sharp's prebuilt libheif decodes AVIF only: HEVC (iPhone HEIC) is patent-encumbered.
    throw new MediaError(type.mime === 'image/heic' ? 'heic_unsupported' : 'unreadable')
  }
  if (type.mime === 'image/heic' && metadata.format !== 'heif') throw new MediaError('heic_unsupported')
  const { width, height } = metadata
  if (!width || !height) throw new MediaError('unreadable')
  if (width * height > MAX_IMAGE_PIXELS) throw new MediaError('too_many_pixels')
  // Multi-page files (animated WebP) would be flattened to their first frame: fine for a photo.
  return { type, width, height }
}

export type EncodedImage = { width: number; height: number; variants: { width: number; data: Buffer }[] }

/**
 * A photo as WebP in each width, after `inspectImage`'s checks. sharp drops all metadata (EXIF
 * GPS included) unless asked to keep it, and `autoOrient()` applies the camera's orientation
 * before that happens.
 */
export async function encodeImage(input: Buffer | Uint8Array): Promise<EncodedImage> {
  await inspectImage(input)
  const sharp = await loadSharp()
  // failOn 'error' refuses broken pixel data but tolerates the harmless warnings many phone
  // JPEGs trigger (trailing bytes), which the stricter default would turn away.
  const base = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).autoOrient()
  let oriented: { width: number; height: number }
  try {
    // The size once the camera's orientation is applied (a portrait photo is often stored sideways).
    oriented = (await base.clone().metadata()).autoOrient
  } catch {
    throw new MediaError('unreadable')
  }
  try {
    const variants = await Promise.all(
      widthsFor(oriented.width).map(async (width) => ({
        width,
        data: await base.clone().resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer(),
      })),
    )
    return { width: oriented.width, height: oriented.height, variants }
  } catch {
    throw new MediaError('unreadable')
  }
}

/** Writes an encoded photo's widths under `storageKey`: all of them or none (a failure removes what was written). */
export async function putEncodedImage(storage: MediaStorage, storageKey: string, image: EncodedImage): Promise<StoredImage> {
  const written: string[] = []
  try {
    for (const variant of image.variants) {
      const name = variantName(storageKey, variant.width)
      await storage.put(name, variant.data, 'image/webp')
      written.push(name)
    }
  } catch (error) {
    await Promise.allSettled(written.map((name) => storage.remove(name)))
    throw error
  }
  return { storageKey, width: image.width, height: image.height }
}

/** Checks, encodes and stores a photo (see `encodeImage` and `putEncodedImage`). */
export async function storeImage(storage: MediaStorage, storageKey: string, input: Buffer | Uint8Array): Promise<StoredImage> {
  return putEncodedImage(storage, storageKey, await encodeImage(input))
}

/** Removes every stored width of a photo; missing files are not an error. */
export async function removeImage(storage: MediaStorage, storageKey: string) {
  await Promise.allSettled(IMAGE_WIDTHS.map((width) => storage.remove(variantName(storageKey, width))))
}

/** Names of the files stored for a photo (tests and clean-up jobs look at them). */
export function imageFileNames(image: StoredImage) {
  return widthsFor(image.width).map((width) => variantName(image.storageKey, width))
}

/** CARD_IMAGE_WIDTH: a product card is at most 240 CSS px wide (half a phone screen): 640 covers it at 2×. */
export const CARD_IMAGE_WIDTH = 640

/** The photo's stored widths, up to `maxWidth` when the page never shows it larger (product cards). */
export function responsiveImage(storage: MediaStorage, image: StoredImage, { maxWidth = Infinity }: { maxWidth?: number } = {}): ResponsiveImage {
  const stored = widthsFor(image.width)
  const widths = stored.filter((w) => w <= maxWidth).length ? stored.filter((w) => w <= maxWidth) : stored.slice(0, 1)
  // Browsers without srcset support get the middle size: sharp enough on a phone, still small.
  const fallback = widths.find((w) => w === 640) ?? widths[widths.length - 1] ?? IMAGE_WIDTHS[0]
  return {
    src: storage.publicUrl(variantName(image.storageKey, fallback)),
    srcSet: widths.map((w) => `${storage.publicUrl(variantName(image.storageKey, w))} ${w}w`).join(', '),
    width: image.width,
    height: image.height,
  }
}
