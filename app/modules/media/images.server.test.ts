import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decompressionBombPng, fakeHeic, fakePdfNamedJpg, phonePhotoWithGps } from '../../../tests/support/images'
import { imageFileNames, inspectImage, MediaError, removeImage, storeImage } from './images.server'
import { MAX_IMAGE_BYTES } from './limits'
import { createDiskStorage, type MediaStorage } from './storage.server'

let dir: string
let storage: MediaStorage
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-media-'))
  storage = createDiskStorage(dir)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MediaError)
  return (error as MediaError).code
}

/** Offset of the GPS IFD in an EXIF block (tag 0x8825 in IFD0), 0 if there is none. */
function gpsIfdOffset(exif: Buffer) {
  const tiff = exif.indexOf('MM\0*') >= 0 ? exif.indexOf('MM\0*') : exif.indexOf('II*\0')
  const le = exif[tiff] === 0x49
  const u16 = (o: number) => (le ? exif.readUInt16LE(tiff + o) : exif.readUInt16BE(tiff + o))
  const u32 = (o: number) => (le ? exif.readUInt32LE(tiff + o) : exif.readUInt32BE(tiff + o))
  const ifd0 = u32(4)
  for (let i = 0; i < u16(ifd0); i++) {
    const entry = ifd0 + 2 + i * 12
    if (u16(entry) === 0x8825) return u32(entry + 8)
  }
  return 0
}

async function filesIn(folder: string) {
  return readdir(path.join(dir, folder)).catch(() => [] as string[])
}

describe('storeImage', () => {
  it('stores WebP in 320, 640 and 1280 px without any EXIF (GPS above all)', async () => {
    const input = await phonePhotoWithGps()
    // The test photo really carries a GPS position…
    const inputMeta = await sharp(input).metadata()
    expect(inputMeta.exif?.byteLength).toBeGreaterThan(50)
    expect(gpsIfdOffset(inputMeta.exif!)).toBeGreaterThan(0)

    const stored = await storeImage(storage, 'products/p1/gps', input)
    expect(stored).toEqual({ storageKey: 'products/p1/gps', width: 1600, height: 1200 })
    expect(imageFileNames(stored)).toEqual(['products/p1/gps-320.webp', 'products/p1/gps-640.webp', 'products/p1/gps-1280.webp'])
    for (const name of imageFileNames(stored)) {
      const file = await storage.get(name)
      const meta = await sharp(file!).metadata()
      expect(meta.format).toBe('webp')
      // …and none of the stored files does: no EXIF, XMP, IPTC or ICC block at all.
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.iptc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
    }
    expect((await sharp((await storage.get('products/p1/gps-640.webp'))!).metadata()).width).toBe(640)
  })

  it('applies the camera orientation before dropping it', async () => {
    const input = await phonePhotoWithGps({ width: 800, height: 400, orientation: 6 })
    const stored = await storeImage(storage, 'products/p1/rotated', input)
    expect(stored).toMatchObject({ width: 400, height: 800 })
    const meta = await sharp((await storage.get('products/p1/rotated-320.webp'))!).metadata()
    expect([meta.width, meta.height]).toEqual([320, 640])
  })

  it('refuses a PDF named .jpg, by its bytes', async () => {
    expect(await refusal(storeImage(storage, 'products/p2/pdf', fakePdfNamedJpg()))).toBe('type')
    expect(await filesIn('products/p2')).toEqual([])
  })

  it('refuses a file over 15 MB', async () => {
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    expect(await refusal(storeImage(storage, 'products/p3/big', big))).toBe('too_large')
    expect(await filesIn('products/p3')).toEqual([])
  })

  it('refuses a decompression bomb from its header, quickly and without decoding it', async () => {
    const bomb = decompressionBombPng()
    expect(bomb.byteLength).toBeLessThan(1024 * 1024)
    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    expect(await refusal(storeImage(storage, 'products/p4/bomb', bomb))).toBe('too_many_pixels')
    expect(performance.now() - started).toBeLessThan(500)
    // Decoding 20000×20000 would need >400 MB; reading the header needs next to nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024)
    expect(await filesIn('products/p4')).toEqual([])
  })

  it('refuses HEIC with its own code (sharp’s prebuilt libheif cannot decode HEVC)', async () => {
    expect(await refusal(inspectImage(fakeHeic()))).toBe('heic_unsupported')
  })

  it('refuses a truncated JPEG as unreadable and stores nothing', async () => {
    const input = await phonePhotoWithGps()
    expect(await refusal(storeImage(storage, 'products/p5/cut', input.subarray(0, 2000)))).toBe('unreadable')
    expect(await filesIn('products/p5')).toEqual([])
  })

  it('removes every width of a photo', async () => {
    const stored = await storeImage(storage, 'products/p6/gone', await phonePhotoWithGps({ width: 700, height: 500 }))
    expect(await filesIn('products/p6')).toHaveLength(2)
    await removeImage(storage, stored.storageKey)
    expect(await filesIn('products/p6')).toEqual([])
  })
})
