import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ActionFunction } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { photoUploads, productImages, rateLimits } from '#db/schema'
import { createListing } from '~/modules/listings/listings.server'
import { cleanupStalePhotoUploads, MAX_PENDING_UPLOADS, PhotoUploadMissingError, uploadRateLimit } from '~/modules/listings/photo-uploads.server'
import { imageFileNames } from '~/modules/media/images.server'
import { createDiskStorage, getMediaStorage } from '~/modules/media/storage.server'
import { createCategory, createShop, createUser } from '../support/factories'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { phonePhotoWithGps } from '../support/images'
import { callAction, sessionCookieFor, useDatabaseForRoutes } from '../support/route-actions'

// Issue 16: the product form's photos uploaded one by one (resources+/product-photos.ts). Who may
// upload, the per-shop limits, that the stored photo is the server's own re-encoding, that a product
// takes its uploads in order, and the job that removes photos never attached after a day.

const uploadsDir = await mkdtemp(path.join(tmpdir(), 'taswiq-uploads-'))
vi.hoisted(() => {
  // Set before the app's env is read: the storage writes into this test's own folder.
  process.env.UPLOADS_DIR = `${process.env.TMPDIR ?? '/tmp'}/taswiq-photo-uploads-${process.pid}`
})

let t: TestDatabase
let cookies: Record<'producer' | 'other' | 'buyer' | 'suspended' | 'moderator', string>
let shopId: string
let otherShopId: string
let categoryId: string

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  const verified = { emailVerifiedAt: new Date() }
  categoryId = (await createCategory(t.db)).id
  const producer = await createUser(t.db, { ...verified, role: 'producer' })
  shopId = (await createShop(t.db, { ownerId: producer.id })).id
  const other = await createUser(t.db, { ...verified, role: 'producer' })
  otherShopId = (await createShop(t.db, { ownerId: other.id })).id
  const suspended = await createUser(t.db, { ...verified, role: 'producer' })
  await createShop(t.db, { ownerId: suspended.id, status: 'suspended' })
  const buyer = await createUser(t.db, verified)
  const moderator = await createUser(t.db, { ...verified, role: 'moderator' })
  cookies = {
    producer: await sessionCookieFor(t, producer.id),
    other: await sessionCookieFor(t, other.id),
    buyer: await sessionCookieFor(t, buyer.id),
    suspended: await sessionCookieFor(t, suspended.id),
    moderator: await sessionCookieFor(t, moderator.id),
  }
})

afterAll(async () => {
  await t?.close()
  await rm(uploadsDir, { recursive: true, force: true })
  await rm(process.env.UPLOADS_DIR!, { recursive: true, force: true })
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
})

const routeModules = import.meta.glob('../../app/routes/resources+/product-photos.ts')
const action = async () => ((await routeModules['../../app/routes/resources+/product-photos.ts']!()) as { action: ActionFunction }).action

function upload(cookie: string | null, bytes: Buffer, name = 'photo.jpg') {
  const form = new FormData()
  form.append('photo', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name)
  const headers = new Headers({ 'Accept-Language': 'ar-DZ,ar;q=0.9', Origin: 'http://localhost' })
  if (cookie) headers.set('Cookie', cookie)
  return new Request('http://localhost/resources/product-photos', { method: 'POST', headers, body: form })
}

async function send(request: Request) {
  const outcome = await callAction(await action(), request)
  if (outcome.kind !== 'response') throw new Error(`unexpected ${JSON.stringify(outcome)}`)
  return { status: outcome.status, body: JSON.parse(outcome.body) as { photo?: { id: string; src: string; width: number; height: number }; error?: string } }
}

const pendingOf = (shop: string) => t.db.select().from(photoUploads).where(eq(photoUploads.shopId, shop))

describe('the upload route', () => {
  it('stores a phone photo as the server’s own WebP widths, without EXIF, and keeps a pending row', async () => {
    const photo = await phonePhotoWithGps({ width: 1600, height: 1200, orientation: 6 })
    const { status, body } = await send(upload(cookies.producer, photo))
    expect(status).toBe(200)
    // Orientation 6: the camera stored it sideways; the stored photo stands upright.
    expect(body.photo).toMatchObject({ width: 1200, height: 1600 })
    const [row] = await t.db.select().from(photoUploads).where(eq(photoUploads.id, body.photo!.id))
    expect(row).toMatchObject({ shopId, width: 1200, height: 1600, bytesReceived: photo.byteLength })
    const storage = getMediaStorage()
    const names = imageFileNames(row!)
    // The widths we store up to the photo's own (1200 px): 320 and 640.
    expect(names).toEqual([`${row!.storageKey}-320.webp`, `${row!.storageKey}-640.webp`])
    for (const name of names) {
      const file = await storage.get(name)
      const meta = await sharp(file!).metadata()
      expect(meta.format).toBe('webp')
      expect(meta.exif).toBeUndefined()
    }
  })

  it('answers a broken file with its translated reason, and stores nothing', async () => {
    const before = (await pendingOf(shopId)).length
    const { status, body } = await send(upload(cookies.producer, Buffer.from('%PDF-1.4\n%%EOF\n'), 'scan.jpg'))
    expect(status).toBe(422)
    expect(body.error).toBe('نقبل صور JPEG أو PNG أو WebP فقط.')
    expect((await pendingOf(shopId)).length).toBe(before)
  })

  it('lets only the owner of an approved shop upload', async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#a63' } }).jpeg().toBuffer()
    for (const who of [null, cookies.buyer, cookies.suspended, cookies.moderator]) {
      const { status, body } = await send(upload(who, photo))
      expect(status).toBe(403)
      expect(body.error).toContain('سجّلي الدخول')
    }
  })

  it('discards only the shop’s own upload', async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a6' } }).jpeg().toBuffer()
    const { body } = await send(upload(cookies.producer, photo))
    const id = body.photo!.id
    const discard = (cookie: string) =>
      new Request('http://localhost/resources/product-photos', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ intent: 'discard', id }),
      })
    await send(discard(cookies.other))
    expect((await t.db.select().from(photoUploads).where(eq(photoUploads.id, id))).length).toBe(1)
    await send(discard(cookies.producer))
    expect((await t.db.select().from(photoUploads).where(eq(photoUploads.id, id))).length).toBe(0)
  })

  it('refuses past the per-shop limits: too many unattached photos, then too many an hour', async () => {
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#66a' } }).jpeg().toBuffer()
    // The other shop fills its unattached allowance (rows written directly: the limit is a count).
    const held = (await pendingOf(otherShopId)).length
    await t.db.insert(photoUploads).values(
      Array.from({ length: MAX_PENDING_UPLOADS - held }, (_, i) => ({ shopId: otherShopId, storageKey: `uploads/${otherShopId}/filler${i}`, width: 320, height: 240, bytesReceived: 1 })),
    )
    const full = await send(upload(cookies.other, photo))
    expect(full.status).toBe(429)
    expect(full.body.error).toContain('صور كثيرة')
    // The producer's own allowance is untouched by the other shop; its hourly pace runs out.
    const spent = { points: uploadRateLimit.points, expiresAt: new Date(Date.now() + 3_600_000) }
    await t.db.insert(rateLimits).values({ key: `photo-upload:${shopId}`, ...spent }).onConflictDoUpdate({ target: rateLimits.key, set: spent })
    const fast = await send(upload(cookies.producer, photo))
    expect(fast.status).toBe(429)
    expect(fast.body.error).toContain('ساعة')
    await t.db.delete(rateLimits).where(eq(rateLimits.key, `photo-upload:${shopId}`))
  })
})

describe('a product made of uploads, and the clean-up job', () => {
  const input = { title: 'كسكس', description: '', categoryId: '', price: 90_000, stock: 3, madeToOrderDays: 0, weightG: null }

  it('takes the uploads in the order sent and removes their pending rows; another shop’s upload fails the product', async () => {
    const colours = ['#b5793c', '#6d8f3a', '#3a6d8f']
    const ids: string[] = []
    for (const colour of colours) {
      const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } }).jpeg().toBuffer()
      ids.push((await send(upload(cookies.producer, bytes))).body.photo!.id)
    }
    const keys = new Map((await pendingOf(shopId)).map((row) => [row.id, row.storageKey]))
    const order = [ids[2]!, ids[0]!, ids[1]!]
    const shop = { id: shopId, status: 'approved' }
    const product = await createListing(t.db, getMediaStorage(), { shop, input: { ...input, categoryId }, photos: [], uploadIds: order })
    const images = await t.db.select().from(productImages).where(eq(productImages.productId, product.id)).orderBy(productImages.position)
    expect(images.map((i) => i.storageKey)).toEqual(order.map((id) => keys.get(id)))
    expect((await pendingOf(shopId)).filter((row) => ids.includes(row.id))).toEqual([])

    const [foreign] = await pendingOf(otherShopId)
    await expect(createListing(t.db, getMediaStorage(), { shop, input: { ...input, categoryId }, photos: [], uploadIds: [foreign!.id] })).rejects.toBeInstanceOf(PhotoUploadMissingError)
    expect((await t.db.select().from(photoUploads).where(eq(photoUploads.id, foreign!.id))).length).toBe(1)
  })

  it('removes photos never attached after a day, rows and files, and keeps younger ones', async () => {
    const storage = createDiskStorage(uploadsDir)
    const now = new Date()
    const old = { shopId, storageKey: `uploads/${shopId}/old1`, width: 320, height: 240, bytesReceived: 10, createdAt: new Date(now.getTime() - 25 * 3_600_000) }
    const young = { ...old, storageKey: `uploads/${shopId}/young1`, createdAt: new Date(now.getTime() - 23 * 3_600_000) }
    for (const row of [old, young]) await storage.put(`${row.storageKey}-320.webp`, Buffer.from('x'), 'image/webp')
    const [oldRow] = await t.db.insert(photoUploads).values(old).returning()
    const [youngRow] = await t.db.insert(photoUploads).values(young).returning()
    // The 40 filler rows of the other shop are young too: they stay.
    const removed = await cleanupStalePhotoUploads(t.db, storage, now)
    expect(removed).toBe(1)
    expect(await t.db.select().from(photoUploads).where(eq(photoUploads.id, oldRow!.id))).toEqual([])
    expect(await storage.get(`${old.storageKey}-320.webp`)).toBeNull()
    expect(await t.db.select().from(photoUploads).where(eq(photoUploads.id, youngRow!.id))).toHaveLength(1)
    expect(await storage.get(`${young.storageKey}-320.webp`)).not.toBeNull()
    // A day later still, the young one goes too (with the others' unattached photos).
    expect(await cleanupStalePhotoUploads(t.db, storage, new Date(now.getTime() + 2 * 3_600_000), { batch: 2 })).toBeGreaterThanOrEqual(1)
    expect(await t.db.select().from(photoUploads).where(eq(photoUploads.id, youngRow!.id))).toEqual([])
  })
})

