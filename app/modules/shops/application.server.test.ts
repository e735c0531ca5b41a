import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDiskStorage, type MediaStorage } from '~/modules/media/storage.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createUser } from '../../../tests/support/factories'
import {
  addShopDocument,
  ApplicationLockedError,
  DocumentRejectedError,
  getShopDocumentForViewer,
  IncompleteApplicationError,
  listShopDocuments,
  removeShopDocument,
  saveApplication,
  submitApplication,
} from './application.server'

let t: TestDatabase
let dir: string
let storage: MediaStorage
beforeAll(async () => {
  t = await createTestDatabase()
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-docs-'))
  storage = createDiskStorage(dir)
})
afterAll(async () => {
  await t?.close()
  await rm(dir, { recursive: true, force: true })
})

const complete = {
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

/** A small JPEG carrying EXIF GPS, as a phone photo of a card would. */
async function photoWithGps() {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0663a' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 42/1 0/1' } })
    .toBuffer()
}

describe('applying to sell', () => {
  it('keeps a draft, refuses an incomplete submission, then goes to pending and locks', async () => {
    const user = await createUser(t.db)
    const draft = await saveApplication(t.db, user.id, { name: complete.name, producerCategory: 'rural_woman' })
    expect(draft.status).toBe('draft')
    await expect(submitApplication(t.db, user.id)).rejects.toBeInstanceOf(IncompleteApplicationError)

    await saveApplication(t.db, user.id, complete)
    await expect(submitApplication(t.db, user.id)).rejects.toMatchObject({ missing: ['documents'] })
    await addShopDocument(t.db, storage, { shopId: draft.id, fileName: 'carte.jpg', bytes: await photoWithGps() })

    const submitted = await submitApplication(t.db, user.id)
    expect(submitted).toMatchObject({ status: 'pending', id: draft.id })
    expect(submitted.submittedAt).toBeInstanceOf(Date)
    await expect(saveApplication(t.db, user.id, { name: 'Autre nom' })).rejects.toBeInstanceOf(ApplicationLockedError)
    await expect(submitApplication(t.db, user.id)).rejects.toBeInstanceOf(ApplicationLockedError)
  })

  it('stores document photos without their metadata and refuses other types, big files and a fourth file', async () => {
    const user = await createUser(t.db)
    const shop = await saveApplication(t.db, user.id, complete)
    const photo = await photoWithGps()
    expect((await sharp(photo).metadata()).exif).toBeDefined()
    const stored = await addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'carte.jpg', bytes: photo })
    const metadata = await sharp((await storage.get(stored.storageKey))!).metadata()
    expect(metadata.exif).toBeUndefined()

    const pdfRenamed = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
    expect((await addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'scan.jpg', bytes: pdfRenamed })).contentType).toBe('application/pdf')
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    await expect(addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'x.jpg', bytes: html })).rejects.toEqual(new DocumentRejectedError('type'))
    const huge = new Uint8Array(10 * 1024 * 1024 + 1)
    await expect(addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'big.pdf', bytes: huge })).rejects.toEqual(new DocumentRejectedError('size'))
    await addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'c.pdf', bytes: pdfRenamed })
    await expect(addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'd.pdf', bytes: pdfRenamed })).rejects.toEqual(new DocumentRejectedError('count'))
    expect(await listShopDocuments(t.db, shop.id)).toHaveLength(3)
  })

  it('twelve uploads at once keep at most three documents, and leave no file behind for the refused ones', async () => {
    const user = await createUser(t.db)
    const shop = await saveApplication(t.db, user.id, complete)
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF')
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => addShopDocument(t.db, storage, { shopId: shop.id, fileName: `scan-${i}.pdf`, bytes: pdf })),
    )
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3)
    for (const refused of outcomes.filter((o) => o.status === 'rejected')) expect(refused.reason).toEqual(new DocumentRejectedError('count'))
    expect(await listShopDocuments(t.db, shop.id)).toHaveLength(3)
    expect(await readdir(path.join(dir, 'shop-documents', shop.id))).toHaveLength(3)
  })

  it('no document is added or removed once the application was sent', async () => {
    const user = await createUser(t.db)
    const shop = await saveApplication(t.db, user.id, complete)
    const kept = await addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'carte.jpg', bytes: await photoWithGps() })
    await submitApplication(t.db, user.id)
    await expect(addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'late.jpg', bytes: await photoWithGps() })).rejects.toBeInstanceOf(ApplicationLockedError)
    await expect(removeShopDocument(t.db, storage, { shopId: shop.id, documentId: kept.id })).rejects.toBeInstanceOf(ApplicationLockedError)
    expect((await listShopDocuments(t.db, shop.id)).map((d) => d.id)).toEqual([kept.id])
  })

  it('shows a document to its owner and to moderators, to no other producer or buyer', async () => {
    const owner = await createUser(t.db)
    const shop = await saveApplication(t.db, owner.id, complete)
    const document = await addShopDocument(t.db, storage, { shopId: shop.id, fileName: 'carte.jpg', bytes: await photoWithGps() })
    const otherProducer = await createUser(t.db, { role: 'producer' })
    const buyer = await createUser(t.db)
    const moderator = await createUser(t.db, { role: 'moderator' })
    const admin = await createUser(t.db, { role: 'admin' })

    expect(await getShopDocumentForViewer(t.db, document.id, owner)).toMatchObject({ id: document.id })
    expect(await getShopDocumentForViewer(t.db, document.id, moderator)).toMatchObject({ id: document.id })
    expect(await getShopDocumentForViewer(t.db, document.id, admin)).toMatchObject({ id: document.id })
    expect(await getShopDocumentForViewer(t.db, document.id, otherProducer)).toBeNull()
    expect(await getShopDocumentForViewer(t.db, document.id, buyer)).toBeNull()
    expect(await getShopDocumentForViewer(t.db, 'no-such-document', moderator)).toBeNull()
  })
})
