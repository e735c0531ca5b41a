import sharp from 'sharp'
import type { MediaStorage } from './storage.server'

/** Widths stored for every photo; pages pick one with srcset/sizes. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const

export type StoredImage = { storageKey: string; width: number; height: number }
export type ResponsiveImage = { src: string; srcSet: string; width: number; height: number }

const variantName = (storageKey: string, width: number) => `${storageKey}-${width}.webp`

function widthsFor(originalWidth: number) {
  const widths = IMAGE_WIDTHS.filter((w) => w <= originalWidth)
  return widths.length ? widths : [IMAGE_WIDTHS[0]]
}

/**
 * Stores a photo as WebP in each width. sharp drops all metadata (EXIF GPS included) unless asked
 * to keep it, and `rotate()` applies the camera's orientation before that happens.
 */
export async function storeImage(storage: MediaStorage, storageKey: string, input: Buffer): Promise<StoredImage> {
  const oriented = sharp(input, { limitInputPixels: 40_000_000 }).rotate()
  const { data, info } = await oriented.toBuffer({ resolveWithObject: true })
  for (const width of widthsFor(info.width)) {
    const webp = await sharp(data).resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer()
    await storage.put(variantName(storageKey, width), webp, 'image/webp')
  }
  return { storageKey, width: info.width, height: info.height }
}

export function responsiveImage(storage: MediaStorage, image: StoredImage): ResponsiveImage {
  const widths = widthsFor(image.width)
  // Browsers without srcset support get the middle size: sharp enough on a phone, still small.
  const fallback = widths.find((w) => w === 640) ?? widths[widths.length - 1] ?? IMAGE_WIDTHS[0]
  return {
    src: storage.publicUrl(variantName(image.storageKey, fallback)),
    srcSet: widths.map((w) => `${storage.publicUrl(variantName(image.storageKey, w))} ${w}w`).join(', '),
    width: image.width,
    height: image.height,
  }
}
