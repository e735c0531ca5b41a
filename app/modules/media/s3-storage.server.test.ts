import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createUser } from '../../../tests/support/factories'
import { phonePhotoWithGps } from '../../../tests/support/images'
import { startS3Server } from '../../../tests/support/s3-server'
import { parseEnv as parseEnvOf } from '~/utils/env.server'
import { addShopDocument, removeShopDocument, saveApplication } from '../shops/application.server'
import { imageFileNames, removeImage, storeImage } from './images.server'
import { copyStorage } from './migrate-storage.server'
import { createDiskStorage, createS3StoragesFromEnv, mediaBackend, type ListableStorage } from './storage.server'

// The S3 backend through the real AWS SDK against a local S3-compatible server (s3rver): the same
// media operations as the disk backend, private documents in their own bucket, and the migration
// command's copy from disk to the bucket and back, twice (the second run copies nothing).

const parseEnv = (values: Record<string, string>) => parseEnvOf(values as NodeJS.ProcessEnv)

let s3: Awaited<ReturnType<typeof startS3Server>>
let dir: string
let t: TestDatabase
const backends: Record<'disk' | 's3', { public: ListableStorage; private: ListableStorage }> = {} as never

beforeAll(async () => {
  s3 = await startS3Server(['photos', 'documents'])
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-media-s3-'))
  backends.disk = { public: createDiskStorage(path.join(dir, 'public')), private: createDiskStorage(path.join(dir, 'private'), '/resources/private-unreachable') }
  backends.s3 = createS3StoragesFromEnv(parseEnv({ ...s3.env, S3_BUCKET: 'photos', S3_PRIVATE_BUCKET: 'documents' }))
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
  await s3?.close()
  await rm(dir, { recursive: true, force: true })
})

const application = {
  name: 'فخار تاسقة',
  producerCategory: 'rural_woman' as const,
  communeCode: '15029',
  phone: '+213661234567',
  artisanCardNumber: 'CA-15-2020-00123',
  nif: '198815290012345',
  payoutMethod: 'ccp' as const,
  payoutAccount: '0012345678 42',
  payoutHolderName: 'Ouardia',
}

async function names(storage: ListableStorage) {
  const all: string[] = []
  for await (const name of storage.list()) all.push(name)
  return all.sort()
}

describe.each(['disk', 's3'] as const)('%s storage', (backend) => {
  it('stores a photo in three WebP sizes without EXIF, serves them back, and removes them all', async () => {
    const storage = backends[backend].public
    const stored = await storeImage(storage, `products/p-${backend}/photo`, await phonePhotoWithGps())
    expect(stored).toEqual({ storageKey: `products/p-${backend}/photo`, width: 1600, height: 1200 })
    for (const [i, name] of imageFileNames(stored).entries()) {
      const meta = await sharp((await storage.get(name))!).metadata()
      expect(meta).toMatchObject({ format: 'webp', width: [320, 640, 1280][i] })
      expect(meta.exif).toBeUndefined()
      expect(await storage.has(name)).toBe(true)
    }
    expect(storage.publicUrl(`products/p-${backend}/photo-640.webp`)).toBe(`/media/products/p-${backend}/photo-640.webp`)
    await removeImage(storage, stored.storageKey)
    for (const name of imageFileNames(stored)) expect(await storage.get(name)).toBeNull()
    expect(await storage.get('products/never/stored-640.webp')).toBeNull()
    await expect(storage.put('../escape.webp', Buffer.from('x'), 'image/webp')).rejects.toThrow(/Unsafe/)
  })

  it("keeps a seller's documents in the private store only, never under a public address", async () => {
    const user = await createUser(t.db)
    const shop = await saveApplication(t.db, user.id, application)
    const document = await addShopDocument(t.db, backends[backend].private, { shopId: shop.id, fileName: 'carte.jpg', bytes: await phonePhotoWithGps() })
    expect(await backends[backend].private.has(document.storageKey)).toBe(true)
    expect(await backends[backend].public.has(document.storageKey)).toBe(false)
    expect(backends[backend].private.publicUrl(document.storageKey)).toMatch(/^\/resources\/private-unreachable\//)
    await removeShopDocument(t.db, backends[backend].private, { shopId: shop.id, documentId: document.id })
    expect(await backends[backend].private.get(document.storageKey)).toBeNull()
  })
})

describe('S3 configuration', () => {
  it('is chosen by S3_BUCKET (or MEDIA_STORAGE), and refuses one bucket for photos and private documents', () => {
    expect(mediaBackend(parseEnv({}))).toBe('disk')
    expect(mediaBackend(parseEnv({ S3_BUCKET: 'photos' }))).toBe('s3')
    expect(mediaBackend(parseEnv({ S3_BUCKET: 'photos', MEDIA_STORAGE: 'disk' }))).toBe('disk')
    expect(() => createS3StoragesFromEnv(parseEnv({ ...s3.env, S3_BUCKET: 'same', S3_PRIVATE_BUCKET: 'same' }))).toThrow(/must differ/)
    const cdn = createS3StoragesFromEnv(parseEnv({ ...s3.env, S3_BUCKET: 'photos', S3_PRIVATE_BUCKET: 'documents', S3_PUBLIC_URL: 'https://media.taswiq.dz' }))
    expect(cdn.public.publicUrl('products/p/a-640.webp')).toBe('https://media.taswiq.dz/products/p/a-640.webp')
    expect(cdn.private.publicUrl('shop-documents/s/a.pdf')).toMatch(/^\/resources\/private-unreachable\//)
  })
})

describe('media:migrate (copyStorage)', () => {
  it('copies disk → S3 and S3 → a fresh disk, byte for byte; a second run copies nothing', async () => {
    const from = { public: createDiskStorage(path.join(dir, 'm-public')), private: createDiskStorage(path.join(dir, 'm-private')) }
    const photo = await storeImage(from.public, 'products/m1/a', await phonePhotoWithGps())
    await from.private.put('shop-documents/s1/card.pdf', Buffer.from('%PDF-1.7\n%%EOF'), 'application/pdf')

    const s3Storage = createS3StoragesFromEnv(parseEnv({ ...s3.env, S3_BUCKET: 'photos', S3_PRIVATE_BUCKET: 'documents' }))
    expect(await copyStorage(from.public, s3Storage.public)).toEqual({ copied: 3, skipped: 0 })
    expect(await copyStorage(from.private, s3Storage.private)).toEqual({ copied: 1, skipped: 0 })
    expect(await copyStorage(from.public, s3Storage.public)).toEqual({ copied: 0, skipped: 3 })
    expect(await names(s3Storage.private)).toContain('shop-documents/s1/card.pdf')
    expect(await names(s3Storage.public)).not.toContain('shop-documents/s1/card.pdf')

    const back = { public: createDiskStorage(path.join(dir, 'back-public')), private: createDiskStorage(path.join(dir, 'back-private')) }
    await copyStorage(s3Storage.public, back.public)
    expect(await copyStorage(s3Storage.private, back.private)).toMatchObject({ copied: 1 })
    expect(await copyStorage(s3Storage.public, back.public)).toMatchObject({ copied: 0 })
    for (const name of imageFileNames(photo)) {
      expect(await readFile(path.join(dir, 'back-public', name))).toEqual(await readFile(path.join(dir, 'm-public', name)))
    }
    expect((await readFile(path.join(dir, 'back-private', 'shop-documents/s1/card.pdf'))).toString()).toBe('%PDF-1.7\n%%EOF')
  })
})
