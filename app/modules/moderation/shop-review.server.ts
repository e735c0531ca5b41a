import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db, DbOrTx } from '#db/client'
import { communes, shopDocuments, shops, users, wilayas } from '#db/schema'
import { ensureShopShippingRates } from '~/modules/shops/shipping.server'
import { decide, DecisionConflictError, decisionRules, listDecisionHistory, SubjectNotFoundError, type Actor, type SubjectDefinition } from './decisions.server'
import { queueShopApprovedWebhooks } from '~/modules/partners/webhooks.server'

// The moderators' side of a shop's life. The producer's side (draft, submit, correct, resubmit)
// is ~/modules/shops/application.server.ts. Decisions run through the moderation-decision kernel
// (./decisions.server.ts): one transaction holding the change, the audit row, the owner's notice and
// the email, so none of them exists without the decision and the decision never lacks them.

export { NotAllowedError, REASON_MAX_LENGTH, ReasonRequiredError } from './decisions.server'

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

/**
 * The state machine. Request for changes sends the application back to `draft` so the producer
 * edits and resubmits; a rejection is final in tone but the producer may still correct a
 * `rejected` application and resubmit it (see EDITABLE_STATUSES in the shops module).
 */
const shopRules = decisionRules<typeof shopDecisions, ShopStatus>(
  shopDecisions,
  {
    approve: { from: 'pending', to: 'approved', reasons: null },
    reject: { from: 'pending', to: 'rejected', reasons: reviewReasonCodes },
    request_changes: { from: 'pending', to: 'draft', reasons: reviewReasonCodes },
    suspend: { from: 'approved', to: 'suspended', reasons: suspensionReasonCodes },
    reinstate: { from: 'suspended', to: 'approved', reasons: null },
  },
  'moderationShops',
)

/** The reason codes a decision needs (null: none), and the decisions a shop's status allows (what the page offers). */
export const { reasonCodesFor, allowedFrom: allowedDecisions } = shopRules

export class InvalidTransitionError extends DecisionConflictError {
  constructor(
    public from: ShopStatus,
    public decision: ShopDecision,
  ) {
    super(`Cannot ${decision} a shop that is ${from}`)
    this.name = 'InvalidTransitionError'
  }
}
export class ShopNotFoundError extends SubjectNotFoundError {
  constructor(public shopId: string) {
    super(`No shop ${shopId}`)
    this.name = 'ShopNotFoundError'
  }
}

/** The decision form, checked on the server (messages are locale keys under moderationShops.errors). */
export const ShopDecisionSchema = shopRules.schema

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
    listDecisionHistory(db, 'shop', shopId),
  ])
  return { ...row, documents, audit, allowedDecisions: allowedDecisions(row.shop.status) }
}
export type ShopForReview = NonNullable<Awaited<ReturnType<typeof getShopForReview>>>

// ---------------------------------------------------------------------------------------------
// Decisions

type ShopSubject = { id: string; name: string; status: ShopStatus; ownerId: string }

/**
 * Shops in the decision kernel. The shop row is locked for the decision, so two moderators deciding
 * at once cannot both succeed: the second sees the new status and gets InvalidTransitionError.
 */
const shopSubject: SubjectDefinition<ShopDecision, ShopStatus, ShopSubject, 'shop_decision'> = {
  targetType: 'shop',
  transitions: shopRules.transitions,
  staffOnly: 'Only an active moderator or admin may decide on a shop',
  ownSubject: 'Staff cannot decide on their own shop',
  async load(tx, shopId) {
    const [shop] = await tx
      .select({ id: shops.id, name: shops.name, status: shops.status, ownerId: shops.ownerId })
      .from(shops)
      .where(eq(shops.id, shopId))
      .for('update')
      .limit(1)
    if (!shop) throw new ShopNotFoundError(shopId)
    return shop
  },
  conflict: (shop, decision) => new InvalidTransitionError(shop.status, decision),
  async apply(tx, shop, { decision, to, actorId, reasonCode, reason, now }) {
    await tx.update(shops).set({ status: to, reviewedBy: actorId, reviewedAt: now, reviewReasonCode: reasonCode, reviewReason: reason }).where(eq(shops.id, shop.id))
    if (decision === 'approve') {
      // A buyer becomes a producer; a moderator or admin who also sells keeps their staff role.
      await tx.update(users).set({ role: 'producer' }).where(and(eq(users.id, shop.ownerId), eq(users.role, 'buyer')))
      await ensureShopShippingRates(tx, shop.id)
      // Partners of the shop's wilaya hear of it after the commit (decision 021).
      await queueShopApprovedWebhooks(tx, shop.id, now)
    }
    return { shopName: shop.name }
  },
  notify: {
    notice: (shop) => ({ shopName: shop.name }),
    email: (shop, _change, siteUrl) => ({ kind: 'shop_decision', data: { shopName: shop.name, url: `${siteUrl}/dashboard` } }),
  },
}

export type DecideOnShopInput = {
  shopId: string
  actor: Actor
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
export async function decideOnShop(db: Db, { shopId, ...input }: DecideOnShopInput): Promise<ShopStatus> {
  return decide(db, shopSubject, { id: shopId, ...input })
}
