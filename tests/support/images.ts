import { deflateSync } from 'node:zlib'
import sharp from 'sharp'

// Test images made on the spot: a phone photo with GPS in its EXIF, files that only pretend to be
// photos, and a decompression bomb.

/** A JPEG like a phone's: `width`×`height`, with the camera's GPS position and orientation in EXIF. */
export function phonePhotoWithGps({ width = 1600, height = 1200, orientation }: { width?: number; height?: number; orientation?: number } = {}) {
  let image = sharp({ create: { width, height, channels: 3, background: { r: 190, g: 120, b: 60 } } }).jpeg({ quality: 80 })
  image = image.withExif({
    IFD0: { Make: 'TestPhone', Model: 'Cheap Android' },
    IFD3: {
      GPSLatitudeRef: 'N',
      GPSLatitude: '36/1 42/1 1234/100',
      GPSLongitudeRef: 'E',
      GPSLongitude: '4/1 2/1 3456/100',
    },
  })
  if (orientation) image = image.withMetadata({ orientation })
  return image.toBuffer()
}

export function smallJpeg(colour = '#c96') {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: colour } }).jpeg({ quality: 70 }).toBuffer()
}

export function fakePdfNamedJpg() {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
}

/** The first bytes of an iPhone HEIC (ftyp box, brand heic) followed by junk. */
export function fakeHeic() {
  const ftyp = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')])
  return Buffer.concat([ftyp, Buffer.alloc(2048, 7)])
}

function crc32(bytes: Buffer) {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A valid PNG of `size`×`size` black pixels (1-bit greyscale): tens of kilobytes on disk, but
 * 400 megapixels — over a gigabyte — once decoded.
 */
export function decompressionBombPng(size = 20_000) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // greyscale
  const rowBytes = 1 + Math.ceil(size / 8)
  const raw = Buffer.alloc(rowBytes * size) // filter byte 0 and black pixels: all zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A photo like a phone camera's: `width`×`height` of one colour with grain, so it does not
 * compress away (4000×3000 at quality 90 is ~4 MB, like the originals producers send), with an
 * optional EXIF orientation. Used by the browser tests and the bench.
 */
export function cameraLikeJpeg({ width = 4000, height = 3000, colour = [181, 121, 60], orientation, quality = 90 }: { width?: number; height?: number; colour?: [number, number, number]; orientation?: number; quality?: number } = {}) {
  const pixels = Buffer.alloc(width * height * 3)
  let seed = (colour[0] * 65_536 + colour[1] * 256 + colour[2]) | 1
  for (let i = 0; i < pixels.length; i += 3) {
    // xorshift: fast, deterministic grain of ±28 around the colour.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    const grain = ((seed >>> 0) % 57) - 28
    pixels[i] = Math.max(0, Math.min(255, colour[0] + grain))
    pixels[i + 1] = Math.max(0, Math.min(255, colour[1] + ((grain * 7) % 28)))
    pixels[i + 2] = Math.max(0, Math.min(255, colour[2] - grain))
  }
  let image = sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality })
  if (orientation) image = image.withMetadata({ orientation })
  return image.toBuffer()
}
