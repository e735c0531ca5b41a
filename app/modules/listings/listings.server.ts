import { createId } from '@paralleldrive/cuid2'
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { categories, productImages, products } from '#db/schema'
import { stockStatus } from '~/modules/catalog/stock'
import { MediaError, removeImage, responsiveImage, storeImage, type StoredImage } from '~/modules/media/images.server'
import type { UploadedFile } from '~/modules/media/multipart.server'
import type { MediaStorage } from '~/modules/media/storage.server'
import { algeriaDay } from '~/utils/dates'
import type { Language } from '~/utils/i18n'
import { claimPhotoUploads } from './photo-uploads.server'
import { foodFields, MAX_PHOTOS, translationFields, type FoodField, type TranslationField } from './schemas'

// The producer's side of listings: what a shop's owner may do with its own products. Every query
// is scoped by the shop's id, so another shop's product is simply "not found". The public side
// (what buyers see) is ~/modules/catalog; moderators' decisions are ~/modules/moderation.

type Product = typeof products.$inferSelect
export type ProductStatus = Product['status']
/** The shop acting, as loaded by the route from the signed-in owner. */
export type ActingShop = { id: string; status: string }

/** The product does not exist or belongs to another shop (the route answers 404 for both). */
export class ListingNotFoundError extends Error {
  constructor() {
    super('Listing not found')
    this.name = 'ListingNotFoundError'
  }
}
/** A suspended (or not yet approved) shop's owner may look at the listings but change nothing. */
export class ShopCannotPublishError extends Error {
  constructor() {
    super('This shop cannot publish')
    this.name = 'ShopCannotPublishError'
  }
}
export class TooManyPhotosError extends Error {
  constructor() {
    super(`At most ${MAX_PHOTOS} photos per product`)
    this.name = 'TooManyPhotosError'
  }
}
/** A new product needs at least one photo: moderators and buyers judge it by them. */
export class PhotoRequiredError extends Error {
  constructor() {
    super('A product needs at least one photo')
    this.name = 'PhotoRequiredError'
  }
}

/** What the producer types; money in centimes. */
export type ListingInput = {
  title: string
  description: string
  categoryId: string
  price: number
  stock: number
  madeToOrderDays: number
  /** Pieces a week for a made-to-order product (null: no limit); omitted: left as it is. */
  capacityPerWeek?: number | null
  /** Seasonal availability (YYYY-MM-DD, either may be null); omitted: left as they are. */
  availableFrom?: string | null
  availableUntil?: string | null
  weightG: number | null
} & Partial<Record<TranslationField, string | null>> & // omitted: left as they are
  Partial<Record<FoodField, string | null>>

/** A food product without its required information, or with a best-before already past: field → locale key. */
export class FoodInformationError extends Error {
  constructor(readonly fields: Partial<Record<FoodField, string>>) {
    super(`Food information missing or invalid: ${Object.keys(fields).join(', ')}`)
    this.name = 'FoodInformationError'
  }
}

export function assertCanPublish(shop: ActingShop) {
  if (shop.status !== 'approved') throw new ShopCannotPublishError()
}

// Arabic letters to the Latin spelling Algerians use (French-based): good enough for a readable URL.
const arabicToLatin: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'dj', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r',
  ز: 'z', س: 's', ش: 'ch', ص: 's', ض: 'd', ط: 't', ظ: 'dh', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm',
  ن: 'n', ه: 'h', ة: 'a', و: 'ou', ؤ: 'ou', ي: 'i', ى: 'a', ئ: 'i', ء: '', ڤ: 'v', پ: 'p', گ: 'g',
}

/**
 * A readable, unique slug: the title in Latin letters (Arabic transliterated, French accents
 * dropped) and a short random tail, so two "Couscous" never collide and no lookup is needed.
 * It is fixed at creation: links shared on WhatsApp keep working after a title edit.
 */
export function makeProductSlug(title: string) {
  const latin = [...title.normalize('NFKD').replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')]
    .map((c) => arabicToLatin[c] ?? c)
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `${latin || 'produit'}-${createId().slice(0, 8)}`
}

/**
 * The status after the producer changes what moderators judge (title, description, category,
 * photos): a live or refused product goes (back) to review and is hidden until approved again
 * (docs/decisions/003-listing-edits.md). A product already waiting keeps its place in the queue;
 * an archived one stays archived (restoring it sends it to review).
 */
export function afterContentChange(product: Pick<Product, 'status'>, now: Date) {
  if (product.status === 'active' || product.status === 'rejected' || product.status === 'draft') {
    return { status: 'pending_review' as const, submittedAt: now, reviewReasonCode: null, reviewReason: null, updatedAt: now }
  }
  return { updatedAt: now }
}

export async function lockOwnProduct(tx: DbOrTx, shopId: string, productId: string) {
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.shopId, shopId)))
    .for('update')
    .limit(1)
  if (!product) throw new ListingNotFoundError()
  return product
}

async function assertCategory(tx: DbOrTx, categoryId: string, input?: ListingInput, now = new Date()) {
  const [category] = await tx.select({ id: categories.id, food: categories.food }).from(categories).where(eq(categories.id, categoryId)).limit(1)
  if (!category) throw new InvalidCategoryError()
  if (category.food && input) assertFoodInformation(input, now)
}

/**
 * A product of a food category states what law and buyers need (decision 019): every food field,
 * and a best-before that is not already past (Algerian calendar day).
 */
export function assertFoodInformation(input: Partial<Record<FoodField, string | null>>, now = new Date()) {
  const errors: Partial<Record<FoodField, string>> = {}
  for (const field of foodFields) if (!input[field]?.trim()) errors[field] = 'food.errors.required'
  if (input.foodBestBefore && input.foodBestBefore < algeriaDay(now)) errors.foodBestBefore = 'food.errors.bestBeforePast'
  if (Object.keys(errors).length) throw new FoodInformationError(errors)
}
export class InvalidCategoryError extends Error {
  constructor() {
    super('Unknown category')
    this.name = 'InvalidCategoryError'
  }
}

/**
 * Checks, cleans and stores photos before any database write; if one is refused, the ones already
 * stored for this request are removed and the MediaError (with the file's name) is thrown.
 */
async function storePhotos(storage: MediaStorage, productId: string, photos: UploadedFile[]) {
  const stored: StoredImage[] = []
  try {
    // One at a time: two cores are shared with everything else the server does.
    for (const photo of photos) {
      try {
        stored.push(await storeImage(storage, `products/${productId}/${createId()}`, photo.bytes))
      } catch (error) {
        if (error instanceof MediaError) throw new MediaError(error.code, photo.name)
        throw error
      }
    }
  } catch (error) {
    await discardPhotos(storage, stored)
    throw error
  }
  return stored
}

function discardPhotos(storage: MediaStorage, stored: StoredImage[]) {
  return Promise.allSettled(stored.map((image) => removeImage(storage, image.storageKey)))
}

/** Runs `write` after the photos are stored; if it fails, the photos are removed: no file without its row. */
async function withStoredPhotos<T>(storage: MediaStorage, stored: StoredImage[], write: () => Promise<T>) {
  try {
    return await write()
  } catch (error) {
    await discardPhotos(storage, stored)
    throw error
  }
}

/**
 * Creates a listing with its photos; it waits for a moderator (`pending_review`, queued by `submittedAt`).
 * Photos come as files posted with the form (without JavaScript) and/or as `uploadIds` of photos the
 * form uploaded one by one (photo-uploads.server.ts); the uploaded ones come first, in the given order.
 */
export async function createListing(
  db: Db,
  storage: MediaStorage,
  { shop, input, photos, uploadIds = [] }: { shop: ActingShop; input: ListingInput; photos: UploadedFile[]; uploadIds?: string[] },
  now = new Date(),
) {
  assertCanPublish(shop)
  const claimed = [...new Set(uploadIds)]
  if (photos.length + claimed.length === 0) throw new PhotoRequiredError()
  if (photos.length + claimed.length > MAX_PHOTOS) throw new TooManyPhotosError()
  await assertCategory(db, input.categoryId, input, now)
  const productId = createId()
  const stored = await storePhotos(storage, productId, photos)
  return withStoredPhotos(storage, stored, () =>
    db.transaction(async (tx) => {
      const uploaded = await claimPhotoUploads(tx, shop.id, claimed)
      const [product] = await tx
        .insert(products)
        .values({ id: productId, shopId: shop.id, slug: makeProductSlug(input.title), ...input, status: 'pending_review', submittedAt: now })
        .returning()
      await tx.insert(productImages).values([...uploaded, ...stored].map((image, position) => ({ productId, ...image, position })))
      return product!
    }),
  )
}

/**
 * Saves the form of an existing listing. Price, stock, delay and weight apply at once and never
 * change the status; a change to the title, description (or one of their translations) or category
 * sends it back to review.
 */
export async function updateListing(db: Db, { shop, productId, input }: { shop: ActingShop; productId: string; input: ListingInput }, now = new Date()) {
  assertCanPublish(shop)
  await assertCategory(db, input.categoryId, input, now)
  return db.transaction(async (tx) => {
    const current = await lockOwnProduct(tx, shop.id, productId)
    // Translations are text buyers read: a change to one is reviewed like the original.
    const contentChanged =
      current.title !== input.title ||
      current.description !== input.description ||
      current.categoryId !== input.categoryId ||
      translationFields.some((field) => input[field] !== undefined && current[field] !== input[field])
    // A refused product is resubmitted by any save: the producer answers the moderator by editing.
    const resubmit = contentChanged || current.status === 'rejected'
    // A product with options has its price and stock per combination (the grid): the product row
    // keeps the summary the database computes from them.
    const { price, stock, ...rest } = input
    const [product] = await tx
      .update(products)
      .set({ ...rest, ...(current.option1Name ? {} : { price, stock }), ...(resubmit ? afterContentChange(current, now) : {}) })
      .where(eq(products.id, current.id))
      .returning()
    return { product: product!, sentToReview: product!.status === 'pending_review' && current.status !== 'pending_review' }
  })
}

/** One-tap price change from the list: applies at once, whatever the status. */
export async function updateListingPrice(db: Db, { shop, productId, price }: { shop: ActingShop; productId: string; price: number }) {
  assertCanPublish(shop)
  const [row] = await db
    .update(products)
    .set({ price })
    // A product with options is priced per combination (its grid); its row only holds the summary.
    .where(and(eq(products.id, productId), eq(products.shopId, shop.id), isNull(products.option1Name)))
    .returning({ id: products.id, price: products.price, status: products.status })
  if (!row) throw new ListingNotFoundError()
  return row
}

/** One-tap stock change from the list: the count the producer has in hand, applies at once. */
export async function updateListingStock(db: Db, { shop, productId, stock }: { shop: ActingShop; productId: string; stock: number }) {
  assertCanPublish(shop)
  const [row] = await db
    .update(products)
    .set({ stock })
    .where(and(eq(products.id, productId), eq(products.shopId, shop.id), isNull(products.option1Name)))
    .returning({ id: products.id, stock: products.stock, status: products.status })
  if (!row) throw new ListingNotFoundError()
  return row
}

/** Takes a listing off sale (hidden, kept with its photos and past orders). */
export async function archiveListing(db: Db, { shop, productId }: { shop: ActingShop; productId: string }) {
  // Allowed to a suspended shop too: withdrawing is never publishing.
  const [row] = await db
    .update(products)
    .set({ status: 'archived' })
    .where(and(eq(products.id, productId), eq(products.shopId, shop.id)))
    .returning({ id: products.id, status: products.status })
  if (!row) throw new ListingNotFoundError()
  return row
}

/** Puts an archived listing back on sale: a moderator looks at it again first. */
export async function restoreListing(db: Db, { shop, productId }: { shop: ActingShop; productId: string }, now = new Date()) {
  assertCanPublish(shop)
  return db.transaction(async (tx) => {
    const current = await lockOwnProduct(tx, shop.id, productId)
    if (current.status !== 'archived') return current
    const [row] = await tx
      .update(products)
      .set({ status: 'pending_review', submittedAt: now, reviewReasonCode: null, reviewReason: null })
      .where(eq(products.id, current.id))
      .returning()
    return row!
  })
}

async function countPhotos(tx: DbOrTx, productId: string) {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(productImages).where(eq(productImages.productId, productId))
  return Number(row?.n ?? 0)
}

/** Adds photos after the existing ones (at most MAX_PHOTOS in all); the listing goes back to review. */
export async function addListingPhotos(
  db: Db,
  storage: MediaStorage,
  { shop, productId, photos }: { shop: ActingShop; productId: string; photos: UploadedFile[] },
  now = new Date(),
) {
  assertCanPublish(shop)
  if (photos.length === 0) return []
  // A first check before the costly resizing; the transaction checks again under the row lock.
  const [owned] = await db.select({ id: products.id }).from(products).where(and(eq(products.id, productId), eq(products.shopId, shop.id))).limit(1)
  if (!owned) throw new ListingNotFoundError()
  if ((await countPhotos(db, productId)) + photos.length > MAX_PHOTOS) throw new TooManyPhotosError()
  const stored = await storePhotos(storage, productId, photos)
  return withStoredPhotos(storage, stored, () =>
    db.transaction(async (tx) => {
      const current = await lockOwnProduct(tx, shop.id, productId)
      const existing = await countPhotos(tx, productId)
      if (existing + stored.length > MAX_PHOTOS) throw new TooManyPhotosError()
      const rows = await tx
        .insert(productImages)
        .values(stored.map((image, i) => ({ productId, ...image, position: existing + i })))
        .returning()
      await tx.update(products).set(afterContentChange(current, now)).where(eq(products.id, productId))
      return rows
    }),
  )
}

async function orderedImages(tx: DbOrTx, productId: string) {
  return tx.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position), asc(productImages.createdAt))
}

/** Writes positions 0..n-1 in the given order: the first is the cover everywhere. */
async function renumber(tx: DbOrTx, ids: string[]) {
  for (const [position, id] of ids.entries()) {
    await tx.update(productImages).set({ position }).where(eq(productImages.id, id))
  }
}

/**
 * Removes a photo (rows first, then its files once the transaction is committed). The last photo
 * cannot be removed: a listing without a photo would reach moderators and buyers empty.
 */
export async function removeListingPhoto(
  db: Db,
  storage: MediaStorage,
  { shop, productId, imageId }: { shop: ActingShop; productId: string; imageId: string },
  now = new Date(),
) {
  assertCanPublish(shop)
  const removed = await db.transaction(async (tx) => {
    const current = await lockOwnProduct(tx, shop.id, productId)
    const images = await orderedImages(tx, productId)
    const image = images.find((i) => i.id === imageId)
    if (!image) throw new ListingNotFoundError()
    if (images.length === 1) throw new PhotoRequiredError()
    await tx.delete(productImages).where(eq(productImages.id, image.id))
    await renumber(tx, images.filter((i) => i.id !== image.id).map((i) => i.id))
    await tx.update(products).set(afterContentChange(current, now)).where(eq(products.id, productId))
    return image
  })
  await removeImage(storage, removed.storageKey)
}

/** Moves a photo one place earlier or later, or to the front (the cover). */
export async function moveListingPhoto(
  db: Db,
  { shop, productId, imageId, to }: { shop: ActingShop; productId: string; imageId: string; to: 'earlier' | 'later' | 'cover' },
  now = new Date(),
) {
  assertCanPublish(shop)
  await db.transaction(async (tx) => {
    const current = await lockOwnProduct(tx, shop.id, productId)
    const ids = (await orderedImages(tx, productId)).map((i) => i.id)
    const from = ids.indexOf(imageId)
    if (from === -1) throw new ListingNotFoundError()
    const target = to === 'cover' ? 0 : to === 'earlier' ? Math.max(0, from - 1) : Math.min(ids.length - 1, from + 1)
    if (target === from) return
    ids.splice(from, 1)
    ids.splice(target, 0, imageId)
    await renumber(tx, ids)
    await tx.update(products).set(afterContentChange(current, now)).where(eq(products.id, productId))
  })
}

/** The shop's listings for its dashboard, newest first, archived ones last, each with its cover. */
export async function listShopListings(db: DbOrTx, storage: MediaStorage, shopId: string, { limit = 200 } = {}) {
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      title: products.title,
      price: products.price,
      stock: products.stock,
      madeToOrderDays: products.madeToOrderDays,
      hasOptions: sql<boolean>`${products.option1Name} is not null`,
      status: products.status,
      reviewReasonCode: products.reviewReasonCode,
      imageKey: productImages.storageKey,
      imageWidth: productImages.width,
      imageHeight: productImages.height,
    })
    .from(products)
    .leftJoin(productImages, and(eq(productImages.productId, products.id), eq(productImages.position, 0)))
    .where(eq(products.shopId, shopId))
    .orderBy(sql`${products.status} = 'archived'`, desc(products.createdAt), desc(products.id))
    .limit(limit)
  return rows.map(({ imageKey, imageWidth, imageHeight, ...row }) => ({
    ...row,
    stockStatus: stockStatus(row.stock),
    cover: imageKey && imageWidth && imageHeight ? responsiveImage(storage, { storageKey: imageKey, width: imageWidth, height: imageHeight }) : null,
  }))
}
export type ShopListing = Awaited<ReturnType<typeof listShopListings>>[number]

/** One of the shop's own listings with its photos in order, or null (unknown or another shop's). */
export async function getShopListing(db: DbOrTx, storage: MediaStorage, { shopId, productId }: { shopId: string; productId: string }) {
  const [product] = await db.select().from(products).where(and(eq(products.id, productId), eq(products.shopId, shopId))).limit(1)
  if (!product) return null
  const images = await orderedImages(db, product.id)
  return {
    ...product,
    images: images.map((image) => ({ id: image.id, position: image.position, storageKey: image.storageKey, ...responsiveImage(storage, image) })),
  }
}
export type ShopListingDetail = NonNullable<Awaited<ReturnType<typeof getShopListing>>>

/** Categories to choose from, in the reader's language, in their display order. */
export async function listCategoryOptions(db: DbOrTx, language: Language) {
  const rows = await db
    .select({ id: categories.id, nameAr: categories.nameAr, nameFr: categories.nameFr, nameEn: categories.nameEn })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.nameFr))
  return rows.map((c) => ({ id: c.id, name: language === 'ar' ? c.nameAr : language === 'en' ? c.nameEn : c.nameFr }))
}

