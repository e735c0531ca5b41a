import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  date,
  doublePrecision,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tsvector, updatedAt } from './_columns'
import { users } from './accounts'
import { communes, wilayas } from './geo'

export const producerCategory = pgEnum('producer_category', [
  'productive_family',
  'rural_woman',
  'artisan',
  'cooperative',
])
export const shopStatus = pgEnum('shop_status', ['draft', 'pending', 'approved', 'rejected', 'suspended'])
export const payoutMethod = pgEnum('payout_method', ['ccp', 'rip'])
export const productStatus = pgEnum('product_status', [
  'draft',
  'pending_review',
  'active',
  'rejected',
  'archived',
])

export const categories = pgTable('categories', {
  id: id(),
  slug: text('slug').notNull().unique(),
  parentId: text('parent_id').references((): AnyPgColumn => categories.id),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEn: text('name_en').notNull(),
  position: smallint('position').notNull().default(0),
  /** Food category: its products must state ingredients, allergens, net quantity, batch, best-before and storage (admins set it). */
  food: boolean('food').notNull().default(false),
  createdAt: createdAt(),
  /** The three names as a search document: "poterie" finds the Arabic-titled products of الفخار. */
  search: tsvector('search').generatedAlwaysAs(sql.raw(`public.taswiq_search_doc("name_ar" || ' ' || "name_fr" || ' ' || "name_en")`)),
})

export const shops = pgTable(
  'shops',
  {
    id: id(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    story: text('story').notNull().default(''),
    communeCode: text('commune_code').references(() => communes.code),
    producerCategory: producerCategory('producer_category').notNull(),
    artisanCardNumber: text('artisan_card_number'),
    tradeRegisterNumber: text('trade_register_number'),
    nif: text('nif'),
    phone: text('phone'),
    payoutMethod: payoutMethod('payout_method'),
    payoutAccount: text('payout_account'),
    /** Holder of the payout account, as the bank or Algérie Poste knows them. */
    payoutHolderName: text('payout_holder_name'),
    /** Stored logo image key (same sizes as product photos). */
    logoKey: text('logo_key'),
    status: shopStatus('status').notNull().default('draft'),
    /** When the application was last sent for review: the queue is oldest first by this. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** The moderator's reason from the fixed list (`incomplete_documents`, `changes_requested`…), shown translated. */
    reviewReasonCode: text('review_reason_code'),
    /** The moderator's own words to the producer. */
    reviewReason: text('review_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The shop's name as a search document (a query naming the shop finds its products). */
    search: tsvector('search').generatedAlwaysAs(sql.raw(`public.taswiq_search_doc("name")`)),
  },
  (t) => [
    // One shop per producer account.
    uniqueIndex('shops_owner_idx').on(t.ownerId),
    index('shops_search_idx').using('gin', t.search),
    index('shops_status_idx').on(t.status, t.submittedAt),
  ],
)

/** Private supporting documents of an application (artisan card…): never under a public URL. */
export const shopDocuments = pgTable(
  'shop_documents',
  {
    id: id(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('shop_documents_shop_idx').on(t.shopId)],
)

/**
 * Shipping fee and delay to each wilaya: a shop's own row wins over the platform default
 * (shop_id null), which seeds every new shop's table.
 */
export const shippingRates = pgTable(
  'shipping_rates',
  {
    id: id(),
    shopId: text('shop_id').references(() => shops.id, { onDelete: 'cascade' }),
    wilayaCode: smallint('wilaya_code')
      .notNull()
      .references(() => wilayas.code),
    /** Centimes, delivery to the door. */
    homeFee: bigint('home_fee', { mode: 'number' }).notNull(),
    /** Centimes, delivery to the carrier's stop-desk; null where the carrier has none. */
    deskFee: bigint('desk_fee', { mode: 'number' }),
    delayDays: smallint('delay_days').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shipping_rates_shop_wilaya_idx').on(t.shopId, t.wilayaCode).where(sql`${t.shopId} is not null`),
    uniqueIndex('shipping_rates_default_wilaya_idx').on(t.wilayaCode).where(sql`${t.shopId} is null`),
  ],
)

// Search documents are kept by the database (generated columns), so every writer — app, seed, SQL
// console — keeps search in step. `taswiq_search_doc` indexes a text three ways: Arabic stems (drops
// ال and other affixes), French stems without accents, and plain normalised words (names, numbers,
// words in neither language). The functions come from migrations 0006 and 0011.
const allTitles = `"title" || ' ' || coalesce("title_ar", '') || ' ' || coalesce("title_fr", '') || ' ' || coalesce("title_en", '')`
const allDescriptions = `"description" || ' ' || coalesce("description_ar", '') || ' ' || coalesce("description_fr", '') || ' ' || coalesce("description_en", '')`
const searchDocument = sql.raw(`setweight(public.taswiq_search_doc(${allTitles}), 'A')
  || setweight(public.taswiq_search_doc(${allDescriptions}), 'B')`)
/** Every title of the product in one normalised spelling: trigram matching of typos (no per-row normalising at query time). */
const searchText = sql.raw(`public.taswiq_normalize(${allTitles})`)

export const products = pgTable(
  'products',
  {
    id: id(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    slug: text('slug').notNull(),
    /** The original title, in whatever language the producer wrote it. */
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    // Optional versions in the site's languages, shown to readers of that language instead of the
    // original; reviewed like the original (docs/decisions/013-multilingual-search.md).
    titleAr: text('title_ar'),
    titleFr: text('title_fr'),
    titleEn: text('title_en'),
    descriptionAr: text('description_ar'),
    descriptionFr: text('description_fr'),
    descriptionEn: text('description_en'),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    /** Centimes of DZD (Stripe's minor unit): 1 DZD = 100. */
    price: bigint('price', { mode: 'number' }).notNull(),
    stock: integer('stock').notNull().default(0),
    madeToOrderDays: smallint('made_to_order_days').notNull().default(0),
    /** Made to order: pieces the producer can make a week (null: no limit); see capacity.server.ts. */
    capacityPerWeek: integer('capacity_per_week'),
    /** Seasonal: on sale only from / until these dates (YYYY-MM-DD, Algiers); null: open. */
    availableFrom: date('available_from', { mode: 'string' }),
    availableUntil: date('available_until', { mode: 'string' }),
    weightG: integer('weight_g'),
    /** Up to two option types (e.g. "Size", "Colour"); null: no options, the product is its one implicit variant. */
    option1Name: text('option1_name'),
    option2Name: text('option2_name'),
    // Food information (required in food categories, shown on the product page and the invoice).
    foodIngredients: text('food_ingredients'),
    foodAllergens: text('food_allergens'),
    /** "500 g", "1 L": as printed on the jar. */
    foodNetQuantity: text('food_net_quantity'),
    /** Production date or batch number. */
    foodBatch: text('food_batch'),
    /** YYYY-MM-DD; once past, the product is off sale (isPubliclyVisible, checkout). */
    foodBestBefore: date('food_best_before', { mode: 'string' }),
    foodStorage: text('food_storage'),
    featured: boolean('featured').notNull().default(false),
    status: productStatus('status').notNull().default('draft'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** The moderator's reason from the fixed list (`prohibited_item`, `poor_photos`…), shown translated. */
    reviewReasonCode: text('review_reason_code'),
    /** The moderator's own words to the producer. */
    reviewReason: text('review_reason'),
    /** When the listing was last sent for review: the moderation queue is oldest first by this. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Full-text document of every title and description (see `searchDocument`); never written by the app. */
    search: tsvector('search').generatedAlwaysAs(searchDocument),
    searchText: text('search_text').generatedAlwaysAs(searchText),
  },
  (t) => [
    check('products_capacity_check', sql`${t.capacityPerWeek} is null or ${t.capacityPerWeek} > 0`),
    check('products_options_check', sql`${t.option2Name} is null or ${t.option1Name} is not null`),
    uniqueIndex('products_slug_idx').on(t.slug),
    index('products_search_idx').using('gin', t.search),
    // Typo-tolerant fallback: trigram similarity of the normalised titles (catalog/search.server.ts).
    index('products_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // Category pages and filtered listings, newest first or by price, at any catalog size.
    index('products_active_category_published_idx')
      .on(t.categoryId, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'active'`),
    index('products_active_price_idx').on(t.price, t.id).where(sql`${t.status} = 'active'`),
    // Counting active products per shop and category (the ministry's statistics) from the index alone.
    index('products_active_shop_idx').on(t.shopId, t.categoryId).where(sql`${t.status} = 'active'`),
    index('products_shop_idx').on(t.shopId),
    index('products_category_idx').on(t.categoryId),
    index('products_review_queue_idx').on(t.submittedAt).where(sql`${t.status} = 'pending_review'`),
    // The storefront lists active products newest first; this partial index serves it at any size.
    index('products_active_published_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'active'`),
    // The home page's featured products: a handful of rows, found without reading the catalog (a
    // sequential scan of every product before: 70 ms at 100,000 products, the home page's p50 ×3).
    index('products_featured_published_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'active' and ${t.featured}`),
  ],
)

/**
 * Search's narrow table (migration 0027, decision 030): one row per public product (active, shop
 * approved), kept by triggers on products, shops and categories in the writing transaction. `doc`
 * holds the product's words and its category's, shop's, commune's and wilaya's names, without
 * positions; search reads its candidates here only. Never written by the app.
 */
export const productSearch = pgTable(
  'product_search',
  {
    productId: text('product_id')
      .primaryKey()
      .references(() => products.id, { onDelete: 'cascade' }),
    categoryId: text('category_id').notNull(),
    shopId: text('shop_id').notNull(),
    wilayaCode: integer('wilaya_code'),
    producerType: producerCategory('producer_type').notNull(),
    stock: integer('stock').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    madeToOrderDays: smallint('made_to_order_days').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    foodBestBefore: date('food_best_before', { mode: 'string' }),
    searchText: text('search_text').notNull(),
    doc: tsvector('doc').notNull(),
    /** The titles' words as exact lexemes, each also without its Arabic article: relevance in SQL (migration 0030). */
    titleWords: tsvector('title_words')
      .notNull()
      .generatedAlwaysAs(sql.raw(`public.taswiq_title_words("search_text")`)),
    /** Units sold in the last 90 days and average rating, for the tie-break: kept by the search-popularity job. */
    sales90d: integer('sales_90d').notNull().default(0),
    rating: doublePrecision('rating').notNull().default(0),
  },
  (t) => [
    index('product_search_doc_idx').using('gin', t.doc),
    index('product_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('product_search_shop_idx').on(t.shopId),
  ],
)

export const productImages = pgTable(
  'product_images',
  {
    id: id(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** Key in the media storage; the stored files are `<key>-<width>.webp`. */
    storageKey: text('storage_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    position: smallint('position').notNull().default(0),
    alt: text('alt').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
)

/**
 * One combination of a product's options (e.g. size M × colour red) with its own price, stock, SKU
 * and photo. Products without options have no rows here (docs/decisions/019-variants.md); for a
 * product with options, products.price/stock are the cheapest price and the total stock, kept by
 * the trigger `product_variants_summary` (migration 0016).
 */
export const productVariants = pgTable(
  'product_variants',
  {
    id: id(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    option1: text('option1').notNull(),
    /** Null when the product has one option type. */
    option2: text('option2'),
    /** Centimes. */
    price: bigint('price', { mode: 'number' }).notNull(),
    stock: integer('stock').notNull().default(0),
    sku: text('sku'),
    /** This combination's own weekly capacity (its own counter); null: the product's, if any. */
    capacityPerWeek: integer('capacity_per_week'),
    imageId: text('image_id').references(() => productImages.id, { onDelete: 'set null' }),
    position: smallint('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    unique('product_variants_options_key').on(t.productId, t.option1, t.option2).nullsNotDistinct(),
    index('product_variants_product_idx').on(t.productId, t.position),
    uniqueIndex('product_variants_product_sku_idx').on(t.productId, t.sku).where(sql`${t.sku} is not null`),
    check('product_variants_price_check', sql`${t.price} > 0`),
    check('product_variants_stock_check', sql`${t.stock} >= 0`),
    check('product_variants_capacity_check', sql`${t.capacityPerWeek} is null or ${t.capacityPerWeek} > 0`),
  ],
)

/** Words and phrases of therapeutic claims (law 18-05), edited by moderators; listings containing one are flagged. */
export const claimTerms = pgTable(
  'claim_terms',
  {
    id: id(),
    term: text('term').notNull(),
    termNorm: text('term_norm').generatedAlwaysAs(sql.raw('public.taswiq_normalize("term")')),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('claim_terms_norm_idx').on(t.termNorm)],
)

/**
 * The field's words across languages (عسل ↔ miel ↔ honey): one row per term, a group per meaning.
 * Search expands a query word to every term of its groups; moderators edit it without a deploy.
 */
export const searchSynonyms = pgTable(
  'search_synonyms',
  {
    id: id(),
    groupId: text('group_id').notNull(),
    term: text('term').notNull(),
    termNorm: text('term_norm').generatedAlwaysAs(sql.raw('public.taswiq_normalize("term")')),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('search_synonyms_group_term_idx').on(t.groupId, t.termNorm), index('search_synonyms_term_idx').on(t.termNorm)],
)

/**
 * A photo uploaded on its own from the product form, checked and stored, not yet attached to a
 * product (owned by the listings module; cleaned up after a day if never attached).
 */
export const photoUploads = pgTable(
  'photo_uploads',
  {
    id: id(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    /** Key in the media storage; the stored files are `<key>-<width>.webp`. */
    storageKey: text('storage_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** What the phone sent (the bench and the per-shop limits look at it). */
    bytesReceived: integer('bytes_received').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('photo_uploads_shop_idx').on(t.shopId, t.createdAt), index('photo_uploads_created_idx').on(t.createdAt)],
)
