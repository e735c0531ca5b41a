import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db, DbOrTx } from '#db/client'
import { categories, productImages, products, reports, shops, users } from '#db/schema'
import { prepareClaimTerms } from '~/modules/listings/claims'
import { claimsOfListings } from '~/modules/listings/claims.server'
import { responsiveImage } from '~/modules/media/images.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { supportedLanguages, type Language } from '~/utils/i18n'
import { decide, DecisionConflictError, decisionRules, listDecisionHistory, SubjectNotFoundError, type Actor, type SubjectDefinition } from './decisions.server'

// The moderators' side of a listing's life: the review queue (pending_review → active or
// rejected) and the take-down of a public listing after buyers' reports (active → rejected).
// Decisions run through the moderation-decision kernel (./decisions.server.ts): one transaction
// holding the change, one audit row, the producer's notice and the outbox email.

export { NotAllowedError, REASON_MAX_LENGTH, ReasonRequiredError } from './decisions.server'

export type ProductStatus = (typeof products.$inferSelect)['status']

export const productDecisions = ['approve', 'reject', 'take_down'] as const
export type ProductDecision = (typeof productDecisions)[number]

/** Why a listing is refused; the producer reads them as `listingReasons.<code>`. */
export const listingReasonCodes = ['prohibited_item', 'poor_photos', 'misleading_description', 'wrong_category', 'other'] as const
/** A take-down after reports may say so, or use any listing reason. */
export const takeDownReasonCodes = ['reported_violation', ...listingReasonCodes] as const
export type ListingReasonCode = (typeof takeDownReasonCodes)[number]

const productRules = decisionRules<typeof productDecisions, ProductStatus>(
  productDecisions,
  {
    approve: { from: 'pending_review', to: 'active', reasons: null },
    reject: { from: 'pending_review', to: 'rejected', reasons: listingReasonCodes },
    take_down: { from: 'active', to: 'rejected', reasons: takeDownReasonCodes },
  },
  'moderationProducts',
)

/** The reason codes a decision needs (null: none), and the decisions a listing's status allows (what the page offers). */
export const { reasonCodesFor: reasonCodesForProduct, allowedFrom: allowedProductDecisions } = productRules

export class ProductNotFoundError extends SubjectNotFoundError {
  constructor(public productId: string) {
    super(`No product ${productId}`)
    this.name = 'ProductNotFoundError'
  }
}
/** Someone decided first, or the listing changed since the page was loaded. */
export class ProductAlreadyDecidedError extends DecisionConflictError {
  constructor(
    public current: ProductStatus,
    public decision: ProductDecision,
  ) {
    super(`Cannot ${decision} a product that is ${current}`)
    this.name = 'ProductAlreadyDecidedError'
  }
}
/** A listing goes public only in an approved shop. */
export class ShopNotApprovedError extends DecisionConflictError {
  constructor(public shopStatus: string) {
    super(`The product's shop is ${shopStatus}, not approved`)
    this.name = 'ShopNotApprovedError'
  }
}

/** The decision form, checked on the server (messages are locale keys under moderationProducts.errors). */
export const ProductDecisionSchema = productRules.schema

// ---------------------------------------------------------------------------------------------
// Queue

const categoryName = (language: Language) =>
  language === 'ar' ? categories.nameAr : language === 'en' ? categories.nameEn : categories.nameFr

const imageCount = sql<number>`(select count(*)::int from ${productImages} where ${productImages.productId} = ${products.id})`.mapWith(Number)

/** The first photo of each product, for list thumbnails. */
async function coverImages(db: DbOrTx, productIds: string[]) {
  if (productIds.length === 0) return new Map<string, ReturnType<typeof responsiveImage>>()
  const rows = await db
    .selectDistinctOn([productImages.productId], {
      productId: productImages.productId,
      storageKey: productImages.storageKey,
      width: productImages.width,
      height: productImages.height,
    })
    .from(productImages)
    .where(inArray(productImages.productId, productIds))
    .orderBy(productImages.productId, asc(productImages.position), asc(productImages.createdAt))
  const storage = getMediaStorage()
  return new Map(rows.map((row) => [row.productId, responsiveImage(storage, row)]))
}
export { coverImages as productCoverImages }

/** Listings waiting for review, oldest submission first, with their age, cover photo and shop. */
export async function listPendingProducts(db: DbOrTx, { language, now = new Date(), limit = 200 }: { language: Language; now?: Date; limit?: number }) {
  const rows = await db
    .select({
      id: products.id,
      title: products.title,
      price: products.price,
      submittedAt: products.submittedAt,
      publishedAt: products.publishedAt,
      shopId: shops.id,
      shopName: shops.name,
      shopStatus: shops.status,
      categoryName: categoryName(language),
      imageCount,
    })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.status, 'pending_review'))
    .orderBy(sql`${products.submittedAt} asc nulls last`, asc(products.id))
    .limit(limit)
  const ids = rows.map((row) => row.id)
  const [covers, claims] = await Promise.all([coverImages(db, ids), claimsOfListings(db, ids)])
  return rows.map(({ publishedAt, ...row }) => ({
    ...row,
    // Therapeutic claims in its text (law 18-05): flagged so the moderator looks for them.
    claims: claims.get(row.id) ?? [],
    // Published once already: this is a re-review after an edit.
    wasActive: publishedAt !== null,
    image: covers.get(row.id) ?? null,
    ageMs: row.submittedAt ? Math.max(0, now.getTime() - row.submittedAt.getTime()) : 0,
  }))
}
export type PendingProduct = Awaited<ReturnType<typeof listPendingProducts>>[number]

// ---------------------------------------------------------------------------------------------
// One listing

const reviewer = alias(users, 'reviewer')

type ProductRow = typeof products.$inferSelect

/**
 * The versions of the title and description the producer wrote in the site's languages (decision
 * 013), in the site's language order, only those with text: what a buyer in that language sees
 * instead of the original, so it is reviewed like the original.
 */
function productVersions(product: Pick<ProductRow, 'titleAr' | 'titleFr' | 'titleEn' | 'descriptionAr' | 'descriptionFr' | 'descriptionEn'>) {
  const byLanguage = {
    ar: { title: product.titleAr, description: product.descriptionAr },
    fr: { title: product.titleFr, description: product.descriptionFr },
    en: { title: product.titleEn, description: product.descriptionEn },
  } satisfies Record<Language, { title: string | null; description: string | null }>
  return supportedLanguages.flatMap((language) => {
    const { title, description } = byLanguage[language]
    return title || description ? [{ language, title: title || null, description: description || null }] : []
  })
}

/**
 * Everything a moderator needs to decide on a listing: the product, its versions in other
 * languages, all photos, its shop, reports and history.
 */
export async function getProductForReview(db: DbOrTx, productId: string, { language }: { language: Language }) {
  const [row] = await db
    .select({
      product: products,
      categoryName: categoryName(language),
      shop: { id: shops.id, name: shops.name, slug: shops.slug, status: shops.status, ownerId: shops.ownerId },
      ownerName: users.name,
      ownerEmail: users.email,
      reviewerName: reviewer.name,
    })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .innerJoin(users, eq(users.id, shops.ownerId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(reviewer, eq(reviewer.id, products.reviewedBy))
    .where(eq(products.id, productId))
    .limit(1)
  if (!row) return null
  const [images, audit, [openReports], claims] = await Promise.all([
    db
      .select({ storageKey: productImages.storageKey, width: productImages.width, height: productImages.height, alt: productImages.alt })
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position), asc(productImages.createdAt)),
    listDecisionHistory(db, 'product', productId),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(reports)
      .where(and(eq(reports.targetType, 'product'), eq(reports.targetId, productId), eq(reports.status, 'open'))),
    claimsOfListings(db, [productId]),
  ])
  const storage = getMediaStorage()
  return {
    ...row,
    images: images.map((image) => ({ ...responsiveImage(storage, image), alt: image.alt || row.product.title })),
    versions: productVersions(row.product),
    audit,
    openReports: openReports?.n ?? 0,
    // The claim terms found in this listing, ready for the page to highlight (highlightClaims).
    claims: prepareClaimTerms(claims.get(productId) ?? []),
    wasActive: row.product.status === 'pending_review' && row.product.publishedAt !== null,
    allowedDecisions: allowedProductDecisions(row.product.status),
  }
}
export type ProductForReview = NonNullable<Awaited<ReturnType<typeof getProductForReview>>>

// ---------------------------------------------------------------------------------------------
// Decisions

type ProductSubject = {
  id: string
  slug: string
  title: string
  status: ProductStatus
  ownerId: string
  shop: { id: string; name: string; status: string }
}

/**
 * Listings in the decision kernel. The UPDATE is guarded on the status the moderator saw, so when
 * two moderators decide at once the second changes nothing and gets ProductAlreadyDecidedError.
 * A rejection or take-down also closes the listing's open reports as `actioned`.
 */
const productSubject: SubjectDefinition<ProductDecision, ProductStatus, ProductSubject, 'listing_decision'> = {
  targetType: 'product',
  transitions: productRules.transitions,
  staffOnly: 'Only an active moderator or admin may decide on a listing',
  ownSubject: 'Staff cannot decide on their own listings',
  async load(tx, productId) {
    const [product] = await tx
      .select({ id: products.id, slug: products.slug, title: products.title, status: products.status, shopId: products.shopId })
      .from(products)
      .where(eq(products.id, productId))
      .limit(1)
    if (!product) throw new ProductNotFoundError(productId)
    // Shared lock: a shop decision (which locks the shop for update) cannot suspend the shop while
    // one of its listings is being approved.
    const [shop] = await tx
      .select({ id: shops.id, name: shops.name, status: shops.status, ownerId: shops.ownerId })
      .from(shops)
      .where(eq(shops.id, product.shopId))
      .for('share')
      .limit(1)
    if (!shop) throw new Error(`product ${product.id} has no shop row`)
    return { id: product.id, slug: product.slug, title: product.title, status: product.status, ownerId: shop.ownerId, shop }
  },
  conflict: (product, decision) => new ProductAlreadyDecidedError(product.status, decision),
  refuse: (product, { decision }) => (decision === 'approve' && product.shop.status !== 'approved' ? new ShopNotApprovedError(product.shop.status) : null),
  async apply(tx, product, { decision, from, to, actorId, reasonCode, reason, now }) {
    const nowSql = sql`${now.toISOString()}::timestamptz`
    const changes =
      decision === 'approve'
        ? { status: to, reviewedBy: actorId, reviewedAt: now, reviewReasonCode: null, reviewReason: null, publishedAt: sql`coalesce(${products.publishedAt}, ${nowSql})` }
        : { status: to, reviewedBy: actorId, reviewedAt: now, reviewReasonCode: reasonCode, reviewReason: reason }
    // Guarded on the status read above: of two concurrent decisions only one finds it unchanged.
    const updated = await tx
      .update(products)
      .set(changes)
      .where(and(eq(products.id, product.id), eq(products.status, from)))
      .returning({ id: products.id })
    if (updated.length === 0) {
      const [current] = await tx.select({ status: products.status }).from(products).where(eq(products.id, product.id))
      throw new ProductAlreadyDecidedError(current?.status ?? product.status, decision)
    }

    let reportsClosed = 0
    if (decision !== 'approve') {
      const closed = await tx
        .update(reports)
        .set({ status: 'actioned', handledBy: actorId, handledAt: now })
        .where(and(eq(reports.targetType, 'product'), eq(reports.targetId, product.id), eq(reports.status, 'open')))
        .returning({ id: reports.id })
      reportsClosed = closed.length
    }
    return { productTitle: product.title, shopId: product.shop.id, shopName: product.shop.name, reportsClosed }
  },
  notify: {
    notice: (product) => ({ productTitle: product.title, productId: product.id }),
    email: (product, { decision }, siteUrl) => ({
      kind: 'listing_decision',
      data: { productTitle: product.title, url: decision === 'approve' ? `${siteUrl}/p/${product.slug}` : `${siteUrl}/dashboard` },
    }),
  },
}

export type DecideOnProductInput = {
  productId: string
  actor: Actor
  decision: ProductDecision
  reasonCode?: string | null
  reason?: string | null
  ip?: string | null
  /** The site's public address (APP_URL), for the link in the email. */
  siteUrl: string
  now?: Date
}

/**
 * Applies a moderator's decision on a listing; returns its new status. Throws NotAllowedError,
 * ProductNotFoundError, ShopNotApprovedError (approving in a shop that is not approved),
 * ProductAlreadyDecidedError or ReasonRequiredError, and then nothing at all is written.
 * A rejection or take-down also closes the listing's open reports as `actioned`.
 */
export async function decideOnProduct(db: Db, { productId, ...input }: DecideOnProductInput): Promise<ProductStatus> {
  return decide(db, productSubject, { id: productId, ...input })
}
