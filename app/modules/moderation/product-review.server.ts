import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import type { Db, DbOrTx } from '#db/client'
import { categories, productImages, products, reports, shops, users } from '#db/schema'
import { responsiveImage } from '~/modules/media/images.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { addNotice } from '~/modules/notifications/notices.server'
import type { Language } from '~/utils/i18n'
import { listAudit, writeAudit } from './audit.server'
import { NotAllowedError, REASON_MAX_LENGTH, ReasonRequiredError } from './shop-review.server'
import { isStaff } from '~/modules/accounts/roles'

// The moderators' side of a listing's life: the review queue (pending_review → active or
// rejected) and the take-down of a public listing after buyers' reports (active → rejected).
// As for shops, a decision is one transaction holding the change, one audit row, the producer's
// notice and the outbox email. The UPDATE is guarded on the status the moderator saw, so when two
// moderators decide at once the second changes nothing and gets ProductAlreadyDecidedError.

export { NotAllowedError, REASON_MAX_LENGTH, ReasonRequiredError }

export type ProductStatus = (typeof products.$inferSelect)['status']

export const productDecisions = ['approve', 'reject', 'take_down'] as const
export type ProductDecision = (typeof productDecisions)[number]

/** Why a listing is refused; the producer reads them as `listingReasons.<code>`. */
export const listingReasonCodes = ['prohibited_item', 'poor_photos', 'misleading_description', 'wrong_category', 'other'] as const
/** A take-down after reports may say so, or use any listing reason. */
export const takeDownReasonCodes = ['reported_violation', ...listingReasonCodes] as const
export type ListingReasonCode = (typeof takeDownReasonCodes)[number]

type Transition = { from: ProductStatus; to: ProductStatus; reasons: readonly string[] | null }

const transitions: Record<ProductDecision, Transition> = {
  approve: { from: 'pending_review', to: 'active', reasons: null },
  reject: { from: 'pending_review', to: 'rejected', reasons: listingReasonCodes },
  take_down: { from: 'active', to: 'rejected', reasons: takeDownReasonCodes },
}

export function reasonCodesForProduct(decision: ProductDecision): readonly string[] | null {
  return transitions[decision].reasons
}

/** The decisions a moderator may take on a listing in `status`: what the page offers. */
export function allowedProductDecisions(status: ProductStatus): ProductDecision[] {
  return productDecisions.filter((decision) => transitions[decision].from === status)
}

export class ProductNotFoundError extends Error {
  constructor(public productId: string) {
    super(`No product ${productId}`)
    this.name = 'ProductNotFoundError'
  }
}
/** Someone decided first, or the listing changed since the page was loaded. */
export class ProductAlreadyDecidedError extends Error {
  constructor(
    public current: ProductStatus,
    public decision: ProductDecision,
  ) {
    super(`Cannot ${decision} a product that is ${current}`)
    this.name = 'ProductAlreadyDecidedError'
  }
}
/** A listing goes public only in an approved shop. */
export class ShopNotApprovedError extends Error {
  constructor(public shopStatus: string) {
    super(`The product's shop is ${shopStatus}, not approved`)
    this.name = 'ShopNotApprovedError'
  }
}

/** The decision form, checked on the server. Messages are locale keys. */
export const ProductDecisionSchema = z
  .object({
    intent: z.enum(productDecisions, { error: 'validation.invalid' }),
    reasonCode: z.string().trim().optional(),
    reason: z.string().trim().max(REASON_MAX_LENGTH, 'validation.tooLong').optional(),
  })
  .superRefine((value, ctx) => {
    const codes = reasonCodesForProduct(value.intent)
    if (!codes) return
    if (!value.reasonCode || !codes.includes(value.reasonCode)) {
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'moderationProducts.errors.reasonRequired' })
    } else if (value.reasonCode === 'other' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'moderationProducts.errors.otherNeedsText' })
    }
  })

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
  const covers = await coverImages(db, rows.map((row) => row.id))
  return rows.map(({ publishedAt, ...row }) => ({
    ...row,
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

/** Everything a moderator needs to decide on a listing: the product, all photos, its shop, reports and history. */
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
  const [images, audit, [openReports]] = await Promise.all([
    db
      .select({ storageKey: productImages.storageKey, width: productImages.width, height: productImages.height, alt: productImages.alt })
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position), asc(productImages.createdAt)),
    listAudit(db, { targetType: 'product', targetId: productId, limit: 20 }),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(reports)
      .where(and(eq(reports.targetType, 'product'), eq(reports.targetId, productId), eq(reports.status, 'open'))),
  ])
  const storage = getMediaStorage()
  return {
    ...row,
    images: images.map((image) => ({ ...responsiveImage(storage, image), alt: image.alt || row.product.title })),
    audit: audit.rows,
    openReports: openReports?.n ?? 0,
    wasActive: row.product.status === 'pending_review' && row.product.publishedAt !== null,
    allowedDecisions: allowedProductDecisions(row.product.status),
  }
}
export type ProductForReview = NonNullable<Awaited<ReturnType<typeof getProductForReview>>>

// ---------------------------------------------------------------------------------------------
// Decisions

export type DecideOnProductInput = {
  productId: string
  actor: { id: string; role: string }
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
export async function decideOnProduct(db: Db, input: DecideOnProductInput): Promise<ProductStatus> {
  const { productId, actor, decision, ip = null, siteUrl, now = new Date() } = input
  const rule = transitions[decision]
  if (!rule) throw new TypeError(`Unknown decision ${String(decision)}`)
  const reason = input.reason?.trim() || null
  if (reason && reason.length > REASON_MAX_LENGTH) throw new RangeError(`Reason longer than ${REASON_MAX_LENGTH} characters`)
  const reasonCode = rule.reasons ? input.reasonCode?.trim() || null : null

  return db.transaction(async (tx) => {
    // The role is read from the database: a moderator demoted or disabled since the page loaded cannot decide.
    const [actorRow] = await tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, actor.id)).limit(1)
    if (!isStaff(actor) || !actorRow || !isStaff(actorRow) || actorRow.disabledAt) {
      throw new NotAllowedError('Only an active moderator or admin may decide on a listing')
    }
    if (rule.reasons) {
      if (!reasonCode || !rule.reasons.includes(reasonCode)) throw new ReasonRequiredError()
      if (reasonCode === 'other' && !reason) throw new ReasonRequiredError('"other" needs the reason in words')
    }

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
    if (shop.ownerId === actor.id) throw new NotAllowedError('Staff cannot decide on their own listings')
    if (product.status !== rule.from) throw new ProductAlreadyDecidedError(product.status, decision)
    if (decision === 'approve' && shop.status !== 'approved') throw new ShopNotApprovedError(shop.status)

    const nowSql = sql`${now.toISOString()}::timestamptz`
    const changes =
      decision === 'approve'
        ? { status: rule.to, reviewedBy: actor.id, reviewedAt: now, reviewReasonCode: null, reviewReason: null, publishedAt: sql`coalesce(${products.publishedAt}, ${nowSql})` }
        : { status: rule.to, reviewedBy: actor.id, reviewedAt: now, reviewReasonCode: reasonCode, reviewReason: reason }
    // Guarded on the status read above: of two concurrent decisions only one finds it unchanged.
    const updated = await tx
      .update(products)
      .set(changes)
      .where(and(eq(products.id, product.id), eq(products.status, rule.from)))
      .returning({ id: products.id })
    if (updated.length === 0) {
      const [current] = await tx.select({ status: products.status }).from(products).where(eq(products.id, product.id))
      throw new ProductAlreadyDecidedError(current?.status ?? product.status, decision)
    }

    let reportsClosed = 0
    if (decision !== 'approve') {
      const closed = await tx
        .update(reports)
        .set({ status: 'actioned', handledBy: actor.id, handledAt: now })
        .where(and(eq(reports.targetType, 'product'), eq(reports.targetId, product.id), eq(reports.status, 'open')))
        .returning({ id: reports.id })
      reportsClosed = closed.length
    }

    const [owner] = await tx
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, shop.ownerId))
      .limit(1)
    if (!owner) throw new Error(`shop ${shop.id} has no owner row`)

    await writeAudit(tx, {
      actorId: actor.id,
      action: `product.${decision}`,
      targetType: 'product',
      targetId: product.id,
      reasonCode,
      reason,
      ip,
      details: { from: product.status, to: rule.to, productTitle: product.title, shopId: shop.id, shopName: shop.name, reportsClosed },
    })
    await addNotice(tx, owner.id, `product_${decision}`, { productTitle: product.title, productId: product.id, reasonCode, reason })
    const base = siteUrl.replace(/\/+$/, '')
    await enqueueEmail(tx, {
      to: owner.email,
      kind: 'listing_decision',
      language: owner.locale,
      data: {
        name: owner.name,
        productTitle: product.title,
        decision,
        reasonCode,
        reason,
        url: decision === 'approve' ? `${base}/p/${product.slug}` : `${base}/dashboard`,
      },
    })
    return rule.to
  })
}
