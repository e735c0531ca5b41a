import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import type { Db, DbOrTx } from '#db/client'
import { communes, shopDocuments, shops, users, wilayas } from '#db/schema'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { addNotice } from '~/modules/notifications/notices.server'
import { ensureShopShippingRates } from '~/modules/shops/shipping.server'
import { listAudit, writeAudit } from './audit.server'
import { isStaff } from '~/modules/accounts/roles'

// The moderators' side of a shop's life. The producer's side (draft, submit, correct, resubmit)
// is ~/modules/shops/application.server.ts. A decision is one transaction: the shop row is locked,
// so two moderators deciding at once cannot both succeed; the second sees the new status and gets
// InvalidTransitionError. The audit row, the owner's notice and the email are written in the same
// transaction, so none of them exists without the decision and the decision never lacks them.

export type ShopStatus = (typeof shops.$inferSelect)['status']

export const shopDecisions = ['approve', 'reject', 'request_changes', 'suspend', 'reinstate'] as const
export type ShopDecision = (typeof shopDecisions)[number]

/** Why an application is rejected or sent back for changes. */
export const reviewReasonCodes = [
  'incomplete_documents',
  'unreadable_documents',
  'ineligible_activity',
  'invalid_legal_numbers',
  'invalid_payout_account',
  'duplicate_application',
  'other',
] as const
/** Why an approved shop is suspended. */
export const suspensionReasonCodes = ['complaints', 'prohibited_products', 'fraud_suspicion', 'inactive', 'other'] as const
export type ReviewReasonCode = (typeof reviewReasonCodes)[number]
export type SuspensionReasonCode = (typeof suspensionReasonCodes)[number]
export type ReasonCode = ReviewReasonCode | SuspensionReasonCode

/** The moderator's own words to the producer, at most this long. */
export const REASON_MAX_LENGTH = 1000

type Transition = { from: ShopStatus; to: ShopStatus; reasons: readonly string[] | null }

/**
 * The state machine. Request for changes sends the application back to `draft` so the producer
 * edits and resubmits; a rejection is final in tone but the producer may still correct a
 * `rejected` application and resubmit it (see EDITABLE_STATUSES in the shops module).
 */
const transitions: Record<ShopDecision, Transition> = {
  approve: { from: 'pending', to: 'approved', reasons: null },
  reject: { from: 'pending', to: 'rejected', reasons: reviewReasonCodes },
  request_changes: { from: 'pending', to: 'draft', reasons: reviewReasonCodes },
  suspend: { from: 'approved', to: 'suspended', reasons: suspensionReasonCodes },
  reinstate: { from: 'suspended', to: 'approved', reasons: null },
}

/** The reason codes a decision needs (null: the decision takes none). */
export function reasonCodesFor(decision: ShopDecision): readonly string[] | null {
  return transitions[decision].reasons
}

/** The decisions a moderator may take on a shop in `status`: what the page offers. */
export function allowedDecisions(status: ShopStatus): ShopDecision[] {
  return shopDecisions.filter((decision) => transitions[decision].from === status)
}

export class NotAllowedError extends Error {
  constructor(message = 'Only an active moderator or admin may decide on a shop') {
    super(message)
    this.name = 'NotAllowedError'
  }
}
export class InvalidTransitionError extends Error {
  constructor(
    public from: ShopStatus,
    public decision: ShopDecision,
  ) {
    super(`Cannot ${decision} a shop that is ${from}`)
    this.name = 'InvalidTransitionError'
  }
}
export class ReasonRequiredError extends Error {
  constructor(message = 'This decision needs a reason code from its list') {
    super(message)
    this.name = 'ReasonRequiredError'
  }
}
export class ShopNotFoundError extends Error {
  constructor(public shopId: string) {
    super(`No shop ${shopId}`)
    this.name = 'ShopNotFoundError'
  }
}

/**
 * The decision form, checked on the server. Messages are locale keys. A decision with reasons
 * needs a code from its own list, and "other" needs words: the producer must learn what to fix.
 */
export const ShopDecisionSchema = z
  .object({
    intent: z.enum(shopDecisions, { error: 'validation.invalid' }),
    reasonCode: z.string().trim().optional(),
    reason: z.string().trim().max(REASON_MAX_LENGTH, 'validation.tooLong').optional(),
  })
  .superRefine((value, ctx) => {
    const codes = reasonCodesFor(value.intent)
    if (!codes) return
    if (!value.reasonCode || !codes.includes(value.reasonCode)) {
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'moderationShops.errors.reasonRequired' })
    } else if (value.reasonCode === 'other' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'moderationShops.errors.otherNeedsText' })
    }
  })

// ---------------------------------------------------------------------------------------------
// Queues

const documentCount = sql<number>`(select count(*)::int from ${shopDocuments} where ${shopDocuments.shopId} = ${shops.id})`.mapWith(Number)

const listColumns = {
  id: shops.id,
  name: shops.name,
  slug: shops.slug,
  status: shops.status,
  producerCategory: shops.producerCategory,
  submittedAt: shops.submittedAt,
  reviewedAt: shops.reviewedAt,
  reviewReasonCode: shops.reviewReasonCode,
  ownerId: users.id,
  ownerName: users.name,
  ownerEmail: users.email,
  communeNameAr: communes.nameAr,
  communeNameFr: communes.nameFr,
  wilayaCode: wilayas.code,
  wilayaNameAr: wilayas.nameAr,
  wilayaNameFr: wilayas.nameFr,
  documentCount,
}

function listQuery(db: DbOrTx) {
  return db
    .select(listColumns)
    .from(shops)
    .innerJoin(users, eq(users.id, shops.ownerId))
    .leftJoin(communes, eq(communes.code, shops.communeCode))
    .leftJoin(wilayas, eq(wilayas.code, communes.wilayaCode))
}

/** Applications waiting for a decision, oldest submission first (first come, first served), with their age. */
export async function listPendingApplications(db: DbOrTx, { now = new Date(), limit = 200 }: { now?: Date; limit?: number } = {}) {
  const rows = await listQuery(db)
    .where(eq(shops.status, 'pending'))
    .orderBy(sql`${shops.submittedAt} asc nulls last`, asc(shops.id))
    .limit(limit)
  return rows.map((row) => ({ ...row, ageMs: row.submittedAt ? Math.max(0, now.getTime() - row.submittedAt.getTime()) : 0 }))
}
export type PendingApplication = Awaited<ReturnType<typeof listPendingApplications>>[number]

/** Shops in a decided state (the approved / suspended / rejected tabs), most recently decided first. */
export async function listShopsByStatus(db: DbOrTx, status: Exclude<ShopStatus, 'pending' | 'draft'>, { limit = 100 }: { limit?: number } = {}) {
  return listQuery(db)
    .where(eq(shops.status, status))
    .orderBy(sql`${shops.reviewedAt} desc nulls last`, desc(shops.id))
    .limit(limit)
}
export type ListedShop = Awaited<ReturnType<typeof listShopsByStatus>>[number]

// ---------------------------------------------------------------------------------------------
// One application

const reviewer = alias(users, 'reviewer')

/** Everything a moderator needs to decide: the application, its owner, places, documents and history. */
export async function getShopForReview(db: DbOrTx, shopId: string) {
  const [row] = await db
    .select({
      shop: shops,
      owner: {
        id: users.id,
        name: users.name,
        email: users.email,
        phone: users.phone,
        role: users.role,
        locale: users.locale,
        emailVerifiedAt: users.emailVerifiedAt,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
      },
      communeNameAr: communes.nameAr,
      communeNameFr: communes.nameFr,
      wilayaCode: wilayas.code,
      wilayaNameAr: wilayas.nameAr,
      wilayaNameFr: wilayas.nameFr,
      reviewerName: reviewer.name,
    })
    .from(shops)
    .innerJoin(users, eq(users.id, shops.ownerId))
    .leftJoin(communes, eq(communes.code, shops.communeCode))
    .leftJoin(wilayas, eq(wilayas.code, communes.wilayaCode))
    .leftJoin(reviewer, eq(reviewer.id, shops.reviewedBy))
    .where(eq(shops.id, shopId))
    .limit(1)
  if (!row) return null
  const [documents, audit] = await Promise.all([
    db
      .select({ id: shopDocuments.id, fileName: shopDocuments.fileName, contentType: shopDocuments.contentType, sizeBytes: shopDocuments.sizeBytes, createdAt: shopDocuments.createdAt })
      .from(shopDocuments)
      .where(eq(shopDocuments.shopId, shopId))
      .orderBy(asc(shopDocuments.createdAt), asc(shopDocuments.id)),
    listAudit(db, { targetType: 'shop', targetId: shopId, limit: 20 }),
  ])
  return { ...row, documents, audit: audit.rows, allowedDecisions: allowedDecisions(row.shop.status) }
}
export type ShopForReview = NonNullable<Awaited<ReturnType<typeof getShopForReview>>>

// ---------------------------------------------------------------------------------------------
// Decisions

export type DecideOnShopInput = {
  shopId: string
  actor: { id: string; role: string }
  decision: ShopDecision
  reasonCode?: string | null
  reason?: string | null
  ip?: string | null
  /** The site's public address (APP_URL), for the link in the email. */
  siteUrl: string
  now?: Date
}

/**
 * Applies a moderator's decision; returns the shop's new status. Throws NotAllowedError (actor not
 * an active moderator/admin, or deciding on their own shop), ShopNotFoundError,
 * InvalidTransitionError (decision not allowed from the current status) or ReasonRequiredError,
 * and then nothing at all is written.
 */
export async function decideOnShop(db: Db, input: DecideOnShopInput): Promise<ShopStatus> {
  const { shopId, actor, decision, ip = null, siteUrl, now = new Date() } = input
  const rule = transitions[decision]
  if (!rule) throw new TypeError(`Unknown decision ${String(decision)}`)
  const reason = input.reason?.trim() || null
  if (reason && reason.length > REASON_MAX_LENGTH) throw new RangeError(`Reason longer than ${REASON_MAX_LENGTH} characters`)
  // Decisions without a reason list (approve, reinstate) keep no code: a stale one would mislead.
  const reasonCode = rule.reasons ? input.reasonCode?.trim() || null : null

  return db.transaction(async (tx) => {
    // The role is read from the database, not trusted from the caller: a moderator demoted or
    // disabled since their page loaded can no longer decide.
    const [actorRow] = await tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, actor.id)).limit(1)
    if (!isStaff(actor) || !actorRow || !isStaff(actorRow) || actorRow.disabledAt) throw new NotAllowedError()

    if (rule.reasons) {
      if (!reasonCode || !rule.reasons.includes(reasonCode)) throw new ReasonRequiredError()
      if (reasonCode === 'other' && !reason) throw new ReasonRequiredError('"other" needs the reason in words')
    }

    const [shop] = await tx.select().from(shops).where(eq(shops.id, shopId)).for('update').limit(1)
    if (!shop) throw new ShopNotFoundError(shopId)
    // A staff member who also sells never judges their own shop.
    if (shop.ownerId === actor.id) throw new NotAllowedError('Staff cannot decide on their own shop')
    if (shop.status !== rule.from) throw new InvalidTransitionError(shop.status, decision)

    await tx
      .update(shops)
      .set({ status: rule.to, reviewedBy: actor.id, reviewedAt: now, reviewReasonCode: reasonCode, reviewReason: reason })
      .where(eq(shops.id, shop.id))

    const [owner] = await tx
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, shop.ownerId))
      .limit(1)
    if (!owner) throw new Error(`shop ${shop.id} has no owner row`)

    if (decision === 'approve') {
      // A buyer becomes a producer; a moderator or admin who also sells keeps their staff role.
      await tx.update(users).set({ role: 'producer' }).where(and(eq(users.id, owner.id), eq(users.role, 'buyer')))
      await ensureShopShippingRates(tx, shop.id)
    }

    await writeAudit(tx, {
      actorId: actor.id,
      action: `shop.${decision}`,
      targetType: 'shop',
      targetId: shop.id,
      reasonCode,
      reason,
      ip,
      details: { from: shop.status, to: rule.to, shopName: shop.name },
    })
    await addNotice(tx, owner.id, `shop_${decision}`, { shopName: shop.name, reasonCode, reason })
    await enqueueEmail(tx, {
      to: owner.email,
      kind: 'shop_decision',
      language: owner.locale,
      data: { name: owner.name, shopName: shop.name, decision, reasonCode, reason, url: `${siteUrl.replace(/\/+$/, '')}/dashboard` },
    })
    return rule.to
  })
}
