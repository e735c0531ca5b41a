import { and, asc, count, desc, eq, inArray, isNull, min, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, DbOrTx } from '#db/client'
import { products, reports, shops, users } from '#db/schema'
import { consume, type Limit, type RateLimitResult } from '~/modules/accounts/rate-limit.server'
import { isPubliclyVisible } from '~/modules/catalog/catalog.server'
import { writeAudit } from './audit.server'
import { NotAllowedError, productCoverImages } from './product-review.server'
import { isStaff } from '~/modules/accounts/roles'

// Buyers' reports about public listings, and the moderators' queue of them. A report is only a
// signal: taking the listing down is a product decision (decideOnProduct 'take_down'), which
// closes the listing's open reports as `actioned` in its own transaction.

export const reportReasonCodes = ['prohibited_item', 'counterfeit', 'misleading', 'offensive', 'other'] as const
export type ReportReasonCode = (typeof reportReasonCodes)[number]

export const REPORT_NOTE_MAX_LENGTH = 1000

/** Reporting is cheap for a visitor and costly for a moderator: a few per hour is plenty for a person. */
export const reportLimits = {
  perIp: { points: 10, windowSeconds: 60 * 60 },
  perUser: { points: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>

/** The report form. Messages are locale keys. */
export const ReportSchema = z.object({
  reasonCode: z.enum(reportReasonCodes, { error: 'reports.errors.reasonRequired' }),
  note: z.string().trim().max(REPORT_NOTE_MAX_LENGTH, 'validation.tooLong').optional(),
})

export class ProductNotPublicError extends Error {
  constructor(public slug: string) {
    super(`No public product ${slug}`)
    this.name = 'ProductNotPublicError'
  }
}
export class ReportNotFoundError extends Error {
  constructor(public reportId: string) {
    super(`No report ${reportId}`)
    this.name = 'ReportNotFoundError'
  }
}
/** The report was closed by someone else first. */
export class ReportAlreadyHandledError extends Error {
  constructor(public reportId: string) {
    super(`Report ${reportId} is no longer open`)
    this.name = 'ReportAlreadyHandledError'
  }
}

/** A public listing (active, in an approved shop) by its slug: the only kind that can be reported. */
export async function getReportableProduct(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: products.id, slug: products.slug, title: products.title, shopName: shops.name })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .where(and(isPubliclyVisible, eq(products.slug, slug)))
    .limit(1)
  return row ?? null
}

export type CreateReportInput = {
  slug: string
  reasonCode: ReportReasonCode
  note?: string | null
  reporterId?: string | null
  ip?: string | null
  now?: Date
}

export type CreateReportResult =
  | { status: 'created'; reportId: string }
  /** This person already has an open report on this listing: nothing more is written. */
  | { status: 'duplicate' }
  | { status: 'limited'; retryAfterSeconds: number }

/**
 * Records a report on a public listing. Throws ProductNotPublicError for anything else. Counts one
 * attempt against the IP's and the user's limits (a refused attempt writes no report). One open
 * report per user per listing (per IP for visitors) is enough: a repeat writes nothing.
 */
export async function createReport(db: Db, input: CreateReportInput): Promise<CreateReportResult> {
  const { slug, reasonCode, reporterId = null, ip = null, now = new Date() } = input
  if (!(reportReasonCodes as readonly string[]).includes(reasonCode)) throw new TypeError(`Unknown report reason ${reasonCode}`)
  const note = (input.note ?? '').trim()
  if (note.length > REPORT_NOTE_MAX_LENGTH) throw new RangeError(`Note longer than ${REPORT_NOTE_MAX_LENGTH} characters`)

  const product = await getReportableProduct(db, slug)
  if (!product) throw new ProductNotPublicError(slug)

  const checks: RateLimitResult[] = [await consume(db, `report-ip:${ip ?? 'unknown'}`, reportLimits.perIp, now)]
  if (reporterId) checks.push(await consume(db, `report-user:${reporterId}`, reportLimits.perUser, now))
  const refused = checks.filter((check) => !check.allowed)
  if (refused.length) return { status: 'limited', retryAfterSeconds: Math.max(...refused.map((check) => check.retryAfterSeconds)) }

  return db.transaction(async (tx) => {
    // Serialises reports by the same person on the same listing (no unique index can express
    // "one open report"), so a double click cannot write two.
    const who = reporterId ? `user:${reporterId}` : `ip:${ip ?? 'unknown'}`
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`report:${product.id}:${who}`}))`)
    const [existing] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(
        and(
          eq(reports.targetType, 'product'),
          eq(reports.targetId, product.id),
          eq(reports.status, 'open'),
          reporterId ? eq(reports.reporterId, reporterId) : and(isNull(reports.reporterId), eq(reports.reporterIp, ip ?? 'unknown')),
        ),
      )
      .limit(1)
    if (existing) return { status: 'duplicate' as const }
    const [row] = await tx
      .insert(reports)
      .values({ targetType: 'product', targetId: product.id, reasonCode, note, reporterId, reporterIp: ip ?? 'unknown', createdAt: now })
      .returning({ id: reports.id })
    return { status: 'created' as const, reportId: row!.id }
  })
}

// ---------------------------------------------------------------------------------------------
// The moderators' queue

/**
 * Listings with open reports, the most reported first (then the longest waiting), each with its
 * reports oldest first. Limited to `limit` listings.
 */
export async function listOpenReports(db: DbOrTx, { limit = 100 }: { limit?: number } = {}) {
  const reportCount = count(reports.id)
  const firstAt = min(reports.createdAt)
  const groups = await db
    .select({
      productId: products.id,
      slug: products.slug,
      title: products.title,
      status: products.status,
      shopId: shops.id,
      shopName: shops.name,
      shopStatus: shops.status,
      reportCount,
      firstReportedAt: firstAt,
    })
    .from(reports)
    .innerJoin(products, and(eq(reports.targetType, 'product'), eq(products.id, reports.targetId)))
    .innerJoin(shops, eq(shops.id, products.shopId))
    .where(eq(reports.status, 'open'))
    .groupBy(products.id, shops.id)
    .orderBy(desc(reportCount), asc(firstAt), asc(products.id))
    .limit(limit)
  const ids = groups.map((group) => group.productId)
  const [rows, covers] = await Promise.all([
    ids.length
      ? db
          .select({
            id: reports.id,
            productId: reports.targetId,
            reasonCode: reports.reasonCode,
            note: reports.note,
            createdAt: reports.createdAt,
            reporterName: users.name,
          })
          .from(reports)
          .leftJoin(users, eq(users.id, reports.reporterId))
          .where(and(eq(reports.targetType, 'product'), eq(reports.status, 'open'), inArray(reports.targetId, ids)))
          .orderBy(asc(reports.createdAt), asc(reports.id))
      : Promise.resolve([]),
    productCoverImages(db, ids),
  ])
  return groups.map((group) => ({
    ...group,
    firstReportedAt: group.firstReportedAt ? new Date(group.firstReportedAt) : null,
    image: covers.get(group.productId) ?? null,
    reports: rows.filter((row) => row.productId === group.productId),
  }))
}
export type ReportedListing = Awaited<ReturnType<typeof listOpenReports>>[number]

export async function countOpenReports(db: DbOrTx) {
  const [row] = await db.select({ n: count() }).from(reports).where(eq(reports.status, 'open'))
  return row?.n ?? 0
}

export type DismissReportInput = { reportId: string; actor: { id: string; role: string }; ip?: string | null; now?: Date }

/**
 * Closes one open report as unfounded, with its audit row in the same transaction. Throws
 * NotAllowedError, ReportNotFoundError or ReportAlreadyHandledError (and then writes nothing).
 */
export async function dismissReport(db: Db, { reportId, actor, ip = null, now = new Date() }: DismissReportInput) {
  return db.transaction(async (tx) => {
    const [actorRow] = await tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, actor.id)).limit(1)
    if (!isStaff(actor) || !actorRow || !isStaff(actorRow) || actorRow.disabledAt) throw new NotAllowedError('Only an active moderator or admin may handle reports')

    const [updated] = await tx
      .update(reports)
      .set({ status: 'dismissed', handledBy: actor.id, handledAt: now })
      .where(and(eq(reports.id, reportId), eq(reports.status, 'open')))
      .returning({ id: reports.id, targetId: reports.targetId, reasonCode: reports.reasonCode })
    if (!updated) {
      const [exists] = await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId)).limit(1)
      throw exists ? new ReportAlreadyHandledError(reportId) : new ReportNotFoundError(reportId)
    }
    const [product] = await tx.select({ title: products.title }).from(products).where(eq(products.id, updated.targetId)).limit(1)
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'report.dismiss',
      targetType: 'report',
      targetId: updated.id,
      ip,
      // The reporter's reason is not the moderator's: kept in the details, not as the decision's reason.
      details: { productId: updated.targetId, productTitle: product?.title ?? null, reportReasonCode: updated.reasonCode, from: 'open', to: 'dismissed' },
    })
    return 'dismissed' as const
  })
}
