import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, DbOrTx } from '#db/client'
import { orders, paymentIssues, payments, returnRequests } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { refundOrQueue } from './payments.server'
import type { PaymentProviders } from './providers.server'

// The admin queue at /admin/payments: money without live orders (refund failed or impossible)
// and reconciliation mismatches, and what an admin does about each.

export const PaymentIssueActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('refund'), issueId: z.string().trim().min(1).max(64) }),
  z.object({
    intent: z.literal('resolve'),
    issueId: z.string().trim().min(1).max(64),
    note: z.string({ error: 'validation.required' }).trim().min(3, 'validation.required').max(1000, 'validation.tooLong'),
  }),
  z.object({ intent: z.literal('reconcile'), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.required') }),
])

export class IssueNotOpenError extends Error {}

/** Open issues first, then the latest handled ones. */
export async function listPaymentIssues(db: DbOrTx) {
  const open = await db.select().from(paymentIssues).where(eq(paymentIssues.status, 'open')).orderBy(desc(paymentIssues.createdAt)).limit(200)
  const handled = await db.select().from(paymentIssues).where(ne(paymentIssues.status, 'open')).orderBy(desc(paymentIssues.updatedAt)).limit(20)
  return { open, handled }
}

/** The latest card payments with their fee and settlement. */
export function listRecentPayments(db: DbOrTx, limit = 30) {
  return db
    .select({
      id: payments.id,
      provider: payments.provider,
      reference: payments.providerReference,
      method: payments.method,
      amount: payments.amount,
      fee: payments.fee,
      feeBearer: payments.feeBearer,
      status: payments.status,
      settledAt: payments.settledAt,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .orderBy(desc(payments.createdAt))
    .limit(limit)
}

/** An admin refunds again through the provider; 'queued' when it still cannot. */
export async function retryRefund(db: Db, providers: PaymentProviders, issueId: string) {
  const [issue] = await db.select().from(paymentIssues).where(and(eq(paymentIssues.id, issueId), eq(paymentIssues.status, 'open')))
  if (!issue) throw new IssueNotOpenError()
  const provider = providers[issue.provider as keyof PaymentProviders]
  return provider ? refundOrQueue(db, provider, issue.id) : ('queued' as const)
}

/** An admin records what was done by hand (a refund from the provider's dashboard, an order found): closed and audited. */
export async function resolvePaymentIssue(db: Db, { issueId, adminId, note, ip }: { issueId: string; adminId: string; note: string; ip: string | null }) {
  await db.transaction(async (tx) => {
    const [issue] = await tx
      .update(paymentIssues)
      .set({ status: 'resolved', resolvedBy: adminId, resolvedAt: new Date(), details: sql`${paymentIssues.details} || ${JSON.stringify({ note })}::jsonb` })
      .where(and(eq(paymentIssues.id, issueId), eq(paymentIssues.status, 'open')))
      .returning()
    if (!issue) throw new IssueNotOpenError()
    // A returned order's refund made by hand (Chargily has no refund API): the return and the order say so.
    const details = issue.details as { returnId?: unknown; orderIds?: unknown }
    if (issue.kind === 'return_refund' && typeof details.returnId === 'string') {
      await tx
        .update(returnRequests)
        .set({ refundStatus: 'refunded', updatedAt: new Date() })
        .where(and(eq(returnRequests.id, details.returnId), eq(returnRequests.refundStatus, 'queued')))
      const orderIds = Array.isArray(details.orderIds) ? details.orderIds.filter((id): id is string => typeof id === 'string') : []
      if (orderIds.length) await tx.update(orders).set({ paymentStatus: 'refunded' }).where(inArray(orders.id, orderIds))
    }
    await writeAudit(tx, {
      actorId: adminId,
      action: 'payment.resolved',
      targetType: 'payment',
      targetId: issue.providerReference,
      reason: note,
      ip,
      details: { provider: issue.provider, kind: issue.kind, amount: issue.amount, issueId: issue.id },
    })
  })
}
