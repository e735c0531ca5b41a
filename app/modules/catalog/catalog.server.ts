import { and, asc, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '#db/client'
import { categories, communes, productImages, products, productVariants, shops, wilayas } from '#db/schema'
import { CARD_IMAGE_WIDTH, responsiveImage } from '~/modules/media/images.server'
import { getMediaStorage, type MediaStorage } from '~/modules/media/storage.server'
import type { Language } from '~/utils/i18n'
import type { ProductCard } from './product-card'

/** A shop the public may see (its page, its products): approved by a moderator, not suspended. */
export const isShopPublic = eq(shops.status, 'approved')

/**
 * Food past its best-before date (Algerian calendar day) is off sale by itself: no job to run, the
 * same rule hides it everywhere and checkout's decrement repeats it (docs/decisions/019-variants.md).
 */
export const isWithinBestBefore = sql`(${products.foodBestBefore} is null or ${products.foodBestBefore} >= (now() at time zone 'Africa/Algiers')::date)`

/**
 * A seasonal product is on sale only between its dates (Algerian calendar days, either may be
 * open). Outside, its page is still shown, with "available from" and "notify me" (decision 031);
 * the cart and checkout's decrement refuse it.
 */
export const isInSeason = sql`((${products.availableFrom} is null or ${products.availableFrom} <= (now() at time zone 'Africa/Algiers')::date) and (${products.availableUntil} is null or ${products.availableUntil} >= (now() at time zone 'Africa/Algiers')::date))`

/**
 * The one rule for what the public may see: an active product of an approved shop (food within its best-before date). Every public
 * query (home, category, search, shop, product page, sitemap) goes through it, joined to `shops`.
 */
export const isPubliclyVisible = and(eq(products.status, 'active'), isShopPublic, isWithinBestBefore) as SQL

/** The name column to show a reader of `language` (places have no English name: French is used). */
function localizedName(language: Language, names: { ar: AnyPgColumn; fr: AnyPgColumn; en?: AnyPgColumn }) {
  const column = language === 'ar' ? names.ar : language === 'en' && names.en ? names.en : names.fr
  return sql<string | null>`${column}`
}

/** The product's title in the reader's language when the producer gave one, else the original. */
export function localizedTitle(language: Language) {
  const version = language === 'ar' ? products.titleAr : language === 'en' ? products.titleEn : products.titleFr
  return sql<string>`coalesce(${version}, ${products.title})`
}

function localizedDescription(language: Language) {
  const version = language === 'ar' ? products.descriptionAr : language === 'en' ? products.descriptionEn : products.descriptionFr
  return sql<string>`coalesce(${version}, ${products.description})`
}

function cardColumns(language: Language) {
  return {
    id: products.id,
    slug: products.slug,
    title: localizedTitle(language),
    price: products.price,
    stock: products.stock,
    madeToOrderDays: products.madeToOrderDays,
    publishedAt: products.publishedAt,
    shopName: shops.name,
    shopSlug: shops.slug,
    wilayaName: localizedName(language, { ar: wilayas.nameAr, fr: wilayas.nameFr }),
    imageKey: productImages.storageKey,
    imageWidth: productImages.width,
    imageHeight: productImages.height,
  }
}

type CardRow = {
  id: string
  slug: string
  title: string
  price: number
  stock: number
  madeToOrderDays: number
  publishedAt: Date | null
  shopName: string
  shopSlug: string
  wilayaName: string | null
  imageKey: string | null
  imageWidth: number | null
  imageHeight: number | null
}

export function toCard(row: CardRow, storage: MediaStorage): ProductCard {
  const { imageKey, imageWidth, imageHeight, publishedAt: _publishedAt, ...rest } = row
  return {
    ...rest,
    image:
      imageKey && imageWidth && imageHeight
        ? responsiveImage(storage, { storageKey: imageKey, width: imageWidth, height: imageHeight }, { maxWidth: CARD_IMAGE_WIDTH })
        : null,
  }
}
// Re-exported for server code that already imports it from here.
export type { ProductCard }

export function cardQuery(db: DbOrTx, language: Language) {
  return db
    .select(cardColumns(language))
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .leftJoin(communes, eq(communes.code, shops.communeCode))
    .leftJoin(wilayas, eq(wilayas.code, communes.wilayaCode))
    .leftJoin(productImages, and(eq(productImages.productId, products.id), eq(productImages.position, 0)))
}

export type NewestCursor = { publishedAt: Date; id: string }

/** Newest public products first, in pages; the cursor keeps paging cheap however large the catalog. */
export async function listNewestProducts(
  db: DbOrTx,
  { language, limit = 24, after }: { language: Language; limit?: number; after?: NewestCursor },
) {
  const rows = await cardQuery(db, language)
    .where(
      and(
        isPubliclyVisible,
        after
          ? or(
              lt(products.publishedAt, after.publishedAt),
              and(eq(products.publishedAt, after.publishedAt), lt(products.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(products.publishedAt), desc(products.id))
    .limit(limit + 1)
  const storage = getMediaStorage()
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    products: page.map((row) => toCard(row, storage)),
    next: rows.length > limit && last?.publishedAt ? { publishedAt: last.publishedAt, id: last.id } : null,
  }
}

export async function listFeaturedProducts(db: DbOrTx, { language, limit = 8 }: { language: Language; limit?: number }) {
  const rows = await cardQuery(db, language)
    .where(and(isPubliclyVisible, eq(products.featured, true)))
    .orderBy(desc(products.publishedAt), desc(products.id))
    .limit(limit)
  const storage = getMediaStorage()
  return rows.map((row) => toCard(row, storage))
}

/** A shop's public products, newest first (the shop page). */
export async function listShopProducts(db: DbOrTx, { shopId, language, limit = 60 }: { shopId: string; language: Language; limit?: number }) {
  const rows = await cardQuery(db, language)
    .where(and(isPubliclyVisible, eq(products.shopId, shopId)))
    .orderBy(desc(products.publishedAt), desc(products.id))
    .limit(limit)
  const storage = getMediaStorage()
  return rows.map((row) => toCard(row, storage))
}

/** A product page's data, or null when the product does not exist or is not public. */
export async function getPublicProduct(db: DbOrTx, { slug, language }: { slug: string; language: Language }) {
  // The product and its photos together (one round trip of waiting): the photos are found by the
  // slug, and thrown away with the row when the product is not public.
  const [[row], images] = await Promise.all([
    db
    .select({
      id: products.id,
      slug: products.slug,
      title: localizedTitle(language),
      description: localizedDescription(language),
      price: products.price,
      stock: products.stock,
      madeToOrderDays: products.madeToOrderDays,
      availableFrom: products.availableFrom,
      availableUntil: products.availableUntil,
      inSeason: sql<boolean>`${isInSeason}`,
      weightG: products.weightG,
      option1Name: products.option1Name,
      option2Name: products.option2Name,
      foodIngredients: products.foodIngredients,
      foodAllergens: products.foodAllergens,
      foodNetQuantity: products.foodNetQuantity,
      foodBatch: products.foodBatch,
      foodBestBefore: products.foodBestBefore,
      foodStorage: products.foodStorage,
      updatedAt: products.updatedAt,
      shopName: shops.name,
      shopSlug: shops.slug,
      producerCategory: shops.producerCategory,
      wilayaName: localizedName(language, { ar: wilayas.nameAr, fr: wilayas.nameFr }),
      communeName: localizedName(language, { ar: communes.nameAr, fr: communes.nameFr }),
      categorySlug: categories.slug,
      categoryName: localizedName(language, { ar: categories.nameAr, fr: categories.nameFr, en: categories.nameEn }),
    })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(communes, eq(communes.code, shops.communeCode))
    .leftJoin(wilayas, eq(wilayas.code, communes.wilayaCode))
    .where(and(isPubliclyVisible, eq(products.slug, slug)))
    .limit(1),
    db
      .select({ id: productImages.id, storageKey: productImages.storageKey, width: productImages.width, height: productImages.height, alt: productImages.alt })
      .from(productImages)
      .innerJoin(products, eq(products.id, productImages.productId))
      .where(eq(products.slug, slug))
      .orderBy(productImages.position),
  ])
  if (!row) return null
  // The combinations a buyer picks from (products with options only: one indexed read).
  const variants = row.option1Name
    ? await db
        .select({ id: productVariants.id, option1: productVariants.option1, option2: productVariants.option2, price: productVariants.price, stock: productVariants.stock, imageId: productVariants.imageId })
        .from(productVariants)
        .where(eq(productVariants.productId, row.id))
        .orderBy(asc(productVariants.position), asc(productVariants.id))
    : []
  const storage = getMediaStorage()
  return {
    ...row,
    images: images.map((image) => ({ ...responsiveImage(storage, image), alt: image.alt || row.title })),
    // `photo`: the number of the combination's photo in the gallery (#photo-n), if it has one.
    variants: variants.map(({ imageId, ...v }) => {
      const index = imageId ? images.findIndex((image) => image.id === imageId) : -1
      return { ...v, photo: index >= 0 ? index + 1 : null }
    }),
  }
}
export type PublicProduct = NonNullable<Awaited<ReturnType<typeof getPublicProduct>>>

/** All categories in their display order, named for the reader (filters, navigation, sitemap). */
export async function listCategories(db: DbOrTx, { language }: { language: Language }) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: localizedName(language, { ar: categories.nameAr, fr: categories.nameFr, en: categories.nameEn }),
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.slug))
}

export async function getCategory(db: DbOrTx, { slug, language }: { slug: string; language: Language }) {
  const [category] = await db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: localizedName(language, { ar: categories.nameAr, fr: categories.nameFr, en: categories.nameEn }),
    })
    .from(categories)
    .where(eq(categories.slug, slug))
    .limit(1)
  return category ?? null
}

/** Every public URL with its last change, for /sitemap.xml (bounded: one sitemap holds 50,000 URLs). */
export async function listSitemapEntries(db: DbOrTx, { limit = 45_000 }: { limit?: number } = {}) {
  const [productRows, shopRows, categoryRows] = await Promise.all([
    db
      .select({ slug: products.slug, updatedAt: products.updatedAt })
      .from(products)
      .innerJoin(shops, eq(shops.id, products.shopId))
      .where(isPubliclyVisible)
      .orderBy(desc(products.publishedAt), desc(products.id))
      .limit(limit),
    db.select({ slug: shops.slug, updatedAt: shops.updatedAt }).from(shops).where(isShopPublic).orderBy(asc(shops.slug)),
    // Only categories with something to show: an empty category page is a soft 404 for crawlers.
    db
      .selectDistinct({ slug: categories.slug })
      .from(categories)
      .innerJoin(products, eq(products.categoryId, categories.id))
      .innerJoin(shops, eq(shops.id, products.shopId))
      .where(isPubliclyVisible)
      .orderBy(asc(categories.slug)),
  ])
  return { products: productRows, shops: shopRows, categories: categoryRows }
}
