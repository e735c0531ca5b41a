import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assistanceArrangements, photoUploads, shopDocuments } from '../../db/schema'
import { connect, type DbConnection } from '../../db/client'
import { createFacilitator, recordSignedConsent, startAssistedApplication } from '~/modules/assistance/assistance.server'
import { MAX_PENDING_UPLOADS, stagePhotoUpload, UploadLimitError } from '~/modules/listings/photo-uploads.server'
import { createDiskStorage } from '~/modules/media/storage.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createShop, createUser } from '../support/factories'
import { smallJpeg } from '../support/images'
import { testServerUrl, withDatabase } from '../support/postgres-url'

// Nothing is left behind when a request fails half-way: a file stored before the transaction that
// then refuses is removed again. On the PostgreSQL server the racing calls use a pool of their own
// (two connections really at once); on PGlite they interleave on its one connection.

let t: TestDatabase
let pool: DbConnection
let dir: string
let facilitatorId: string

beforeAll(async () => {
  t = await createTestDatabase()
  const server = testServerUrl()
  pool = server ? await connect({ url: withDatabase(server, t.name), max: 6 }) : t
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-halfway-'))
  const admin = await createUser(t.db, { role: 'admin' })
  facilitatorId = (await createFacilitator(t.db, { adminId: admin.id, email: 'cell.halfway@social.dz', name: 'Cellule', wilayaCodes: [15] })).id
})
afterAll(async () => {
  if (pool && pool !== t) await pool.close()
  await t?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const filesUnder = async (folder: string) =>
  (await readdir(path.join(dir, folder), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).length

describe('half-way failures leave nothing behind', () => {
  it('a signed consent form sent twice at once (a double tap): one document kept, the other file removed', async () => {
    const started = await startAssistedApplication(t.db, {
      facilitatorId,
      producer: { email: 'double.tap@example.dz', name: 'Fatma Double' },
      shop: { name: 'Tapis de Fatma', communeCode: '15029', producerCategory: 'artisan' },
    })
    const storage = createDiskStorage(dir)
    const bytes = await smallJpeg()
    const send = () => recordSignedConsent(pool.db, storage, { facilitatorId, arrangementId: started.arrangement.id, fileName: 'consent.jpg', bytes })
    const results = await Promise.allSettled([send(), send()])
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true)
    const documents = await t.db.select().from(shopDocuments).where(eq(shopDocuments.shopId, started.shop.id))
    const [arrangement] = await t.db.select().from(assistanceArrangements).where(eq(assistanceArrangements.id, started.arrangement.id))
    expect(arrangement).toMatchObject({ status: 'active', consentMethod: 'signed_form' })
    expect(documents.map((d) => d.id)).toEqual([arrangement!.consentDocumentId])
    expect(await filesUnder(`shop-documents/${started.shop.id}`)).toBe(1)
  })

  it('a signed consent form for an arrangement already consented to (by SMS code, another tab): refused, nothing stored', async () => {
    const started = await startAssistedApplication(t.db, {
      facilitatorId,
      producer: { email: 'late.form@example.dz', name: 'Khadija Late' },
      shop: { name: 'Poterie de Khadija', communeCode: '15029', producerCategory: 'artisan' },
    })
    const storage = createDiskStorage(dir)
    const bytes = await smallJpeg()
    const first = await recordSignedConsent(t.db, storage, { facilitatorId, arrangementId: started.arrangement.id, fileName: 'consent.jpg', bytes })
    await expect(recordSignedConsent(t.db, storage, { facilitatorId, arrangementId: started.arrangement.id, fileName: 'again.jpg', bytes })).rejects.toThrow()
    const documents = await t.db.select().from(shopDocuments).where(eq(shopDocuments.shopId, started.shop.id))
    expect(documents.map((d) => d.id)).toEqual([first.consentDocumentId])
    expect(await filesUnder(`shop-documents/${started.shop.id}`)).toBe(1)
  })

  it('photos uploaded at once when the shop holds one short of its limit: one kept, the others refused and their files removed', async () => {
    const shop = await createShop(t.db)
    const held = Array.from({ length: MAX_PENDING_UPLOADS - 1 }, (_, i) => ({
      shopId: shop.id,
      storageKey: `uploads/${shop.id}/held-${i}`,
      width: 10,
      height: 10,
      bytesReceived: 100,
    }))
    await t.db.insert(photoUploads).values(held)
    const storage = createDiskStorage(dir)
    const bytes = await smallJpeg()
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => stagePhotoUpload(pool.db, storage, { shop: { id: shop.id, status: 'approved' }, bytes }))
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UploadLimitError)
    expect(await t.db.$count(photoUploads, eq(photoUploads.shopId, shop.id))).toBe(MAX_PENDING_UPLOADS)
    const kept = (await t.db.select().from(photoUploads).where(eq(photoUploads.shopId, shop.id))).filter((row) => !row.storageKey.includes('/held-'))
    const files = (await readdir(path.join(dir, 'uploads', shop.id), { recursive: true }).catch(() => [])).map(String)
    expect(files.length).toBeGreaterThan(0)
    expect(files.every((name) => name.startsWith(path.basename(kept[0]!.storageKey)))).toBe(true)
  })
})
