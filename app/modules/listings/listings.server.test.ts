import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseWithZod } from '@conform-to/zod/v4'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { productImages, products } from '#db/schema'
import { getPublicProduct } from '~/modules/catalog/catalog.server'
import { MediaError } from '~/modules/media/images.server'
import { createDiskStorage, type MediaStorage } from '~/modules/media/storage.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop } from '../../../tests/support/factories'
import { decompressionBombPng, fakePdfNamedJpg, phonePhotoWithGps, smallJpeg } from '../../../tests/support/images'
import {
  addListingPhotos,
  archiveListing,
  createListing,
  getShopListing,
  ListingNotFoundError,
  listShopListings,
  makeProductSlug,
  moveListingPhoto,
  PhotoRequiredError,
  removeListingPhoto,
  restoreListing,
  ShopCannotPublishError,
  TooManyPhotosError,
  updateListing,
  updateListingPrice,
  updateListingStock,
  type ListingInput,
} from './listings.server'
import { ProductSchema, toListingInput } from './schemas'

let t: TestDatabase
let dir: string
let storage: MediaStorage
let categoryId: string
let otherCategoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-listings-'))
  storage = createDiskStorage(dir)
  categoryId = (await createCategory(t.db)).id
  otherCategoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
  await rm(dir, { recursive: true, force: true })
})

const input = (overrides: Partial<ListingInput> = {}): ListingInput => ({
  title: 'كسكس بالشعير',
  description: 'كسكس مفتول باليد.',
  categoryId,
  price: 120_000,
  stock: 12,
  madeToOrderDays: 0,
  weightG: 1000,
  ...overrides,
})
const photo = async (name = 'photo.jpg') => ({ name, bytes: await smallJpeg() })
const storedFiles = async (productId: string) => readdir(path.join(dir, 'products', productId)).catch(() => [] as string[])
const rowOf = async (id: string) => (await t.db.select().from(products).where(eq(products.id, id)))[0]!

/** An approved shop with one of its products already live. */
async function liveListing() {
  const shop = await createShop(t.db)
  const product = await createListing(t.db, storage, { shop, input: input(), photos: [await photo('a.jpg'), await photo('b.jpg')] })
  await t.db.update(products).set({ status: 'active', publishedAt: new Date(), submittedAt: null }).where(eq(products.id, product.id))
  return { shop, product }
}

describe('createListing', () => {
  it('creates the product pending review, queued by submittedAt, with its photos in order', async () => {
    const shop = await createShop(t.db)
    const now = new Date('2026-12-01T10:00:00Z')
    const product = await createListing(t.db, storage, { shop, input: input(), photos: [await photo('1.jpg'), await photo('2.jpg'), await photo('3.jpg')] }, now)
    const row = await rowOf(product.id)
    expect(row).toMatchObject({ status: 'pending_review', shopId: shop.id, price: 120_000, stock: 12, weightG: 1000 })
    expect(row.submittedAt?.toISOString()).toBe(now.toISOString())
    expect(row.slug).toMatch(/^ksks-balchair-[a-z0-9]{8}$/)
    const images = await t.db.select().from(productImages).where(eq(productImages.productId, product.id)).orderBy(productImages.position)
    expect(images.map((i) => i.position)).toEqual([0, 1, 2])
    expect(await storedFiles(product.id)).toHaveLength(6) // 3 photos × (320, 640) for an 800 px photo
    expect(await getPublicProduct(t.db, { slug: row.slug, language: 'ar' })).toBeNull()
  })

  it('stores a phone photo without its GPS position', async () => {
    const shop = await createShop(t.db)
    const product = await createListing(t.db, storage, { shop, input: input(), photos: [{ name: 'gps.jpg', bytes: await phonePhotoWithGps() }] })
    const files = await storedFiles(product.id)
    expect(files).toHaveLength(3)
    for (const file of files) {
      const meta = await sharp(path.join(dir, 'products', product.id, file)).metadata()
      expect(meta.format).toBe('webp')
      expect(meta.exif).toBeUndefined()
    }
  })

  it('refuses a PDF named .jpg, a decompression bomb, and stores nothing at all', async () => {
    const shop = await createShop(t.db)
    const before = await readdir(path.join(dir, 'products')).catch(() => [] as string[])
    for (const [bytes, code] of [
      [fakePdfNamedJpg(), 'type'],
      [decompressionBombPng(), 'too_many_pixels'],
    ] as const) {
      const error = await createListing(t.db, storage, { shop, input: input(), photos: [await photo('good.jpg'), { name: 'bad.jpg', bytes }] }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MediaError)
      expect(error).toMatchObject({ code, fileName: 'bad.jpg' })
    }
    expect(await t.db.select().from(products).where(eq(products.shopId, shop.id))).toEqual([])
    // The good photo stored before the bad one was read is removed again.
    const after = await readdir(path.join(dir, 'products'))
    for (const folder of after.filter((f) => !before.includes(f))) expect(await storedFiles(folder)).toEqual([])
  })

  it('removes the stored photos when the database write fails', async () => {
    const ghostShop = { id: 'no-such-shop', status: 'approved' }
    const before = await readdir(path.join(dir, 'products')).catch(() => [] as string[])
    await expect(createListing(t.db, storage, { shop: ghostShop, input: input(), photos: [await photo()] })).rejects.toThrow()
    const after = await readdir(path.join(dir, 'products'))
    const added = after.filter((f) => !before.includes(f))
    for (const folder of added) expect(await storedFiles(folder)).toEqual([])
  })

  it('needs 1 to 8 photos, and an approved shop', async () => {
    const shop = await createShop(t.db)
    await expect(createListing(t.db, storage, { shop, input: input(), photos: [] })).rejects.toBeInstanceOf(PhotoRequiredError)
    const nine = await Promise.all(Array.from({ length: 9 }, (_, i) => photo(`${i}.jpg`)))
    await expect(createListing(t.db, storage, { shop, input: input(), photos: nine })).rejects.toBeInstanceOf(TooManyPhotosError)
    const suspended = await createShop(t.db, { status: 'suspended' })
    await expect(createListing(t.db, storage, { shop: suspended, input: input(), photos: [await photo()] })).rejects.toBeInstanceOf(ShopCannotPublishError)
    expect(await t.db.select().from(products).where(eq(products.shopId, shop.id))).toEqual([])
  })
})

describe('editing a live listing', () => {
  it('sends it back to review when the title, description or category change, hidden from the public', async () => {
    for (const change of [{ title: 'كسكس بالقمح' }, { description: 'وصف جديد' }, { categoryId: otherCategoryId }]) {
      const { shop, product } = await liveListing()
      expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).not.toBeNull()
      const now = new Date('2026-12-02T08:00:00Z')
      const { sentToReview } = await updateListing(t.db, { shop, productId: product.id, input: input(change) }, now)
      expect(sentToReview).toBe(true)
      const row = await rowOf(product.id)
      expect(row.status).toBe('pending_review')
      expect(row.submittedAt?.toISOString()).toBe(now.toISOString())
      expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).toBeNull()
    }
  })

  it('keeps it live when only price, stock, delay or weight change', async () => {
    const { shop, product } = await liveListing()
    await updateListing(t.db, { shop, productId: product.id, input: input({ price: 99_000, stock: 3, madeToOrderDays: 5, weightG: 500 }) })
    await updateListingPrice(t.db, { shop, productId: product.id, price: 88_000 })
    await updateListingStock(t.db, { shop, productId: product.id, stock: 0 })
    expect(await rowOf(product.id)).toMatchObject({ status: 'active', price: 88_000, stock: 0, madeToOrderDays: 5, weightG: 500 })
    expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).toMatchObject({ price: 88_000, stock: 0 })
  })

  it('sends it back to review when photos are added, removed or reordered', async () => {
    const { shop, product } = await liveListing()
    const [first, second] = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!.images
    await moveListingPhoto(t.db, { shop, productId: product.id, imageId: second!.id, to: 'cover' })
    expect((await rowOf(product.id)).status).toBe('pending_review')
    const detail = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!
    expect(detail.images.map((i) => i.id)).toEqual([second!.id, first!.id])

    await t.db.update(products).set({ status: 'active' }).where(eq(products.id, product.id))
    await removeListingPhoto(t.db, storage, { shop, productId: product.id, imageId: second!.id })
    expect((await rowOf(product.id)).status).toBe('pending_review')
    const after = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!
    expect(after.images.map((i) => [i.id, i.position])).toEqual([[first!.id, 0]])
    expect((await storedFiles(product.id)).filter((f) => f.startsWith(second!.storageKey.split('/').pop()!))).toEqual([])
    // The last photo stays: a listing is never left without one.
    await expect(removeListingPhoto(t.db, storage, { shop, productId: product.id, imageId: first!.id })).rejects.toBeInstanceOf(PhotoRequiredError)
  })

  it('holds at most 8 photos', async () => {
    const { shop, product } = await liveListing()
    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => photo(`${i}.jpg`)))
    await addListingPhotos(t.db, storage, { shop, productId: product.id, photos: six })
    const detail = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!
    expect(detail.images.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const filesBefore = await storedFiles(product.id)
    await expect(addListingPhotos(t.db, storage, { shop, productId: product.id, photos: [await photo()] })).rejects.toBeInstanceOf(TooManyPhotosError)
    expect(await storedFiles(product.id)).toEqual(filesBefore)
  })

  it('moves photos one place earlier or later', async () => {
    const shop = await createShop(t.db)
    const product = await createListing(t.db, storage, { shop, input: input(), photos: [await photo('a.jpg'), await photo('b.jpg'), await photo('c.jpg')] })
    const ids = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!.images.map((i) => i.id)
    await moveListingPhoto(t.db, { shop, productId: product.id, imageId: ids[2]!, to: 'earlier' })
    await moveListingPhoto(t.db, { shop, productId: product.id, imageId: ids[0]!, to: 'later' })
    const order = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!.images
    expect(order.map((i) => i.id)).toEqual([ids[2], ids[0], ids[1]])
    expect(order.map((i) => i.position)).toEqual([0, 1, 2])
  })
})

describe('rejected and archived listings', () => {
  it('resubmits a rejected listing on any save, clearing the old reason', async () => {
    const shop = await createShop(t.db)
    const category = await createCategory(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, status: 'rejected', reviewReasonCode: 'poor_photos', reviewReason: 'الصور مظلمة' })
    await updateListing(t.db, {
      shop,
      productId: product.id,
      input: { ...input(), title: product.title, description: product.description, categoryId: category.id },
    })
    expect(await rowOf(product.id)).toMatchObject({ status: 'pending_review', reviewReasonCode: null, reviewReason: null })
  })

  it('archives (hidden) and restores to review', async () => {
    const { shop, product } = await liveListing()
    await archiveListing(t.db, { shop, productId: product.id })
    expect((await rowOf(product.id)).status).toBe('archived')
    expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).toBeNull()
    await restoreListing(t.db, { shop, productId: product.id })
    expect((await rowOf(product.id)).status).toBe('pending_review')
  })
})

describe('another shop', () => {
  it('can neither read nor change a listing it does not own', async () => {
    const { shop, product } = await liveListing()
    const intruder = await createShop(t.db)
    const before = await rowOf(product.id)
    const imageId = (await getShopListing(t.db, storage, { shopId: shop.id, productId: product.id }))!.images[0]!.id
    expect(await getShopListing(t.db, storage, { shopId: intruder.id, productId: product.id })).toBeNull()
    expect((await listShopListings(t.db, storage, intruder.id)).map((p) => p.id)).not.toContain(product.id)
    const extra = await photo()
    const attempts = [
      () => updateListing(t.db, { shop: intruder, productId: product.id, input: input({ title: 'مسروق' }) }),
      () => updateListingPrice(t.db, { shop: intruder, productId: product.id, price: 1 }),
      () => updateListingStock(t.db, { shop: intruder, productId: product.id, stock: 0 }),
      () => archiveListing(t.db, { shop: intruder, productId: product.id }),
      () => restoreListing(t.db, { shop: intruder, productId: product.id }),
      () => addListingPhotos(t.db, storage, { shop: intruder, productId: product.id, photos: [extra] }),
      () => removeListingPhoto(t.db, storage, { shop: intruder, productId: product.id, imageId }),
      () => moveListingPhoto(t.db, { shop: intruder, productId: product.id, imageId, to: 'later' }),
    ]
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ListingNotFoundError)
    expect(await rowOf(product.id)).toEqual(before)
    expect(await t.db.select().from(productImages).where(eq(productImages.productId, product.id))).toHaveLength(2)
  })

  it('a suspended shop sees its listings but cannot change them, except to withdraw one', async () => {
    const { shop, product } = await liveListing()
    await t.db.update(products).set({ status: 'active' }).where(eq(products.id, product.id))
    const suspended = { ...shop, status: 'suspended' as const }
    expect((await listShopListings(t.db, storage, shop.id)).map((p) => p.id)).toEqual([product.id])
    await expect(updateListingStock(t.db, { shop: suspended, productId: product.id, stock: 1 })).rejects.toBeInstanceOf(ShopCannotPublishError)
    await expect(updateListing(t.db, { shop: suspended, productId: product.id, input: input({ title: 'جديد' }) })).rejects.toBeInstanceOf(ShopCannotPublishError)
    await archiveListing(t.db, { shop: suspended, productId: product.id })
    await expect(restoreListing(t.db, { shop: suspended, productId: product.id })).rejects.toBeInstanceOf(ShopCannotPublishError)
  })
})

describe('the product form', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData()
    for (const [k, v] of Object.entries({ title: 'عسل السدر', description: '', categoryId, price: '2500', stock: '4', ...fields })) data.append(k, v)
    return parseWithZod(data, { schema: ProductSchema })
  }

  it('gives field errors for a negative price, an empty title and a 100 KB description, and nothing is written', async () => {
    const { shop, product } = await liveListing()
    const before = await rowOf(product.id)
    const submission = form({ price: '-5', title: '', description: 'ع'.repeat(100 * 1024) })
    expect(submission.status).toBe('error')
    const errors = submission.status === 'error' ? submission.error : {}
    expect(errors).toMatchObject({
      price: ['listings.validation.pricePositive'],
      title: ['validation.required'],
      description: ['validation.tooLong'],
    })
    // The route only calls the module with a valid submission; the row is untouched.
    expect(await rowOf(product.id)).toEqual(before)
    expect(shop.status).toBe('approved')
  })

  it('turns dinars into centimes and an empty weight into null', () => {
    const submission = form({ price: '2500.5', weightG: '' })
    expect(submission.status).toBe('success')
    if (submission.status === 'success') expect(toListingInput(submission.value)).toMatchObject({ price: 250_050, weightG: null, madeToOrderDays: 0 })
  })

  it('made to order: a weekly capacity needs preparation days; a season ends after it starts; saved at once without review', async () => {
    const refused = form({ madeToOrderDays: '0', capacityPerWeek: '5', availableFrom: '2027-03-01', availableUntil: '2027-02-01' })
    expect(refused.status === 'error' ? refused.error : {}).toMatchObject({
      capacityPerWeek: ['listings.validation.capacityNeedsDays'],
      availableUntil: ['listings.validation.seasonEndsBeforeStart'],
    })
    const badDay = form({ availableFrom: '2027-02-30' })
    expect(badDay.status === 'error' ? badDay.error : {}).toMatchObject({ availableFrom: ['validation.invalid'] })
    const tooMany = form({ madeToOrderDays: '3', capacityPerWeek: '0' })
    expect(tooMany.status === 'error' ? tooMany.error : {}).toMatchObject({ capacityPerWeek: ['validation.number'] })

    const { shop, product } = await liveListing()
    const current = await rowOf(product.id)
    const ok = form({ title: current.title, description: current.description, categoryId: current.categoryId, madeToOrderDays: '4', capacityPerWeek: '6', availableFrom: '2027-02-15' })
    expect(ok.status).toBe('success')
    if (ok.status !== 'success') return
    const value = toListingInput(ok.value)
    expect(value).toMatchObject({ capacityPerWeek: 6, availableFrom: '2027-02-15', availableUntil: null })
    await updateListing(t.db, { shop, productId: product.id, input: value })
    expect(await rowOf(product.id)).toMatchObject({ status: 'active', madeToOrderDays: 4, capacityPerWeek: 6, availableFrom: '2027-02-15' })
  })
})

describe('makeProductSlug', () => {
  it('transliterates Arabic and drops French accents, with a unique tail', () => {
    expect(makeProductSlug('كسكس بالشعير')).toMatch(/^ksks-balchair-[a-z0-9]{8}$/)
    expect(makeProductSlug('Poterie de Maâtkas')).toMatch(/^poterie-de-maatkas-[a-z0-9]{8}$/)
    expect(makeProductSlug('!!!')).toMatch(/^produit-[a-z0-9]{8}$/)
    expect(makeProductSlug('عسل')).not.toBe(makeProductSlug('عسل'))
  })
})
