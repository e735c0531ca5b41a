import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { orders, paymentIssues, payments, returnRequests } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { openIssue, systemActor } from '~/modules/payments/payments.server'
import { RefundUnsupportedError } from '~/modules/payments/provider'
import type { PaymentProviders } from '~/modules/payments/providers.server'

// The refund of a card-paid order that came back — an accepted return, or a parcel the carrier
// reports refused/returned (issue 19, decision 025). One refund per order, whatever the cause.
// Three steps, so that a retry never gives the money twice:
// 1. `markRefundDue`, inside the transaction that returns the order (ledger reversed there, once):
//    the request is written down — `refund_status = pending` with the amount.
// 2. `refundReturn`, after it, outside any transaction: the provider is asked with an idempotency
//    key of the order (`order-refund-<orderId>`, the same for both causes): asked again after a timeout, it answers with the same
//    refund instead of making a second one.
// 3. The answer marks the request `refunded` (guarded: only from pending) and the order's payment
//    `refunded`, audited. A provider without a refund API (Chargily) marks it `queued` and opens a
//    `return_refund` issue in the admin queue. Any other failure leaves it pending for the job.

/** Step 1, in the caller's transaction: a card order that was paid owes its total back. */
export async function markRefundDue(tx: DbOrTx, returnId: string) {
  const [row] = await tx
    .select({ method: orders.paymentMethod, paymentStatus: orders.paymentStatus, total: orders.total })
    .from(returnRequests)
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .where(eq(returnRequests.id, returnId))
  if (!row || row.method !== 'card' || row.paymentStatus !== 'paid') return false
  await tx
    .update(returnRequests)
    .set({ refundStatus: 'pending', refundAmount: row.total })
    .where(and(eq(returnRequests.id, returnId), isNull(returnRequests.refundStatus)))
  return true
}

export type RefundOutcome = 'refunded' | 'queued' | 'pending' | 'none'

/** The idempotency key of an order's refund, whatever returned it (a return request, the carrier's refusal): one refund per order. */
export const orderRefundKey = (orderId: string) => `order-refund-${orderId}`

/** Steps 2 and 3 for one request (the caller holds no transaction). */
export async function refundReturn(db: Db, providers: PaymentProviders, returnId: string): Promise<RefundOutcome> {
  const [row] = await db.select({ orderId: returnRequests.orderId }).from(returnRequests).where(eq(returnRequests.id, returnId))
  return row ? refundOrder(db, providers, row.orderId) : 'none'
}

/**
 * Steps 2 and 3 for one order, whatever returned it (the caller holds no transaction). A return
 * request's refund is the one its row records (`pending`); without one, the carrier's refusal: the
 * order itself is the record — `returned`, paid by card, still `paid` (written by the transaction
 * that returned it) — queued once a `return_refund` issue exists for it.
 */
export async function refundOrder(db: Db, providers: PaymentProviders, orderId: string): Promise<RefundOutcome> {
  const [due] = await db
    .select({
      orderId: orders.id,
      status: orders.status,
      method: orders.paymentMethod,
      paymentStatus: orders.paymentStatus,
      total: orders.total,
      checkoutId: orders.checkoutId,
      returnId: returnRequests.id,
      refundStatus: returnRequests.refundStatus,
      refundAmount: returnRequests.refundAmount,
    })
    .from(orders)
    .leftJoin(returnRequests, eq(returnRequests.orderId, orders.id))
    .where(eq(orders.id, orderId))
  if (!due || !due.checkoutId) return 'none'
  const byRequest = due.refundStatus !== null
  if (byRequest && due.refundStatus !== 'pending') return 'none'
  if (!byRequest && !(due.status === 'returned' && due.method === 'card' && due.paymentStatus === 'paid')) return 'none'
  const amount = byRequest ? due.refundAmount : due.total
  if (amount === null) return 'none'
  // The key of the admin queue's issue: the request, or the order for a refusal.
  const issueKey = byRequest ? due.returnId! : `order:${due.orderId}`
  if (!byRequest && (await refusalIssueOpened(db, issueKey))) return 'none'
  const [payment] = await db
    .select({ provider: payments.provider, reference: payments.providerReference })
    .from(payments)
    .where(and(eq(payments.checkoutId, due.checkoutId), eq(payments.status, 'succeeded')))
    .orderBy(asc(payments.createdAt))
    .limit(1)
  if (!payment) return 'pending'
  const provider = providers[payment.provider as keyof PaymentProviders]
  if (!provider) return 'pending'
  let refund: { reference: string }
  try {
    refund = await provider.refund(payment.reference, amount, { idempotencyKey: orderRefundKey(due.orderId) })
  } catch (error) {
    if (error instanceof RefundUnsupportedError) {
      await db.transaction(async (tx) => {
        if (byRequest) {
          const [queued] = await tx
            .update(returnRequests)
            .set({ refundStatus: 'queued', updatedAt: new Date() })
            .where(and(eq(returnRequests.id, due.returnId!), eq(returnRequests.refundStatus, 'pending')))
            .returning({ id: returnRequests.id })
          if (!queued) return
        }
        // A refusal: the issue's unique key (payment, kind, returnId) makes a second one nothing.
        await openIssue(tx, {
          provider: payment.provider,
          reference: payment.reference,
          checkoutId: due.checkoutId,
          kind: 'return_refund',
          amount,
          details: { orderIds: [due.orderId], returnId: issueKey, cause: byRequest ? 'return_request' : 'carrier_refusal' },
        })
      })
      return 'queued'
    }
    // A timeout or an outage: still pending; the job asks again with the same key.
    console.error('Order refund failed; will be retried', error)
    return 'pending'
  }
  const done = await db.transaction(async (tx) => {
    // Guarded: only an order still `paid` is marked refunded (a second answer changes nothing).
    const [marked] = await tx
      .update(orders)
      .set({ paymentStatus: 'refunded' })
      .where(and(eq(orders.id, due.orderId), eq(orders.paymentStatus, 'paid')))
      .returning({ id: orders.id })
    if (byRequest) {
      await tx
        .update(returnRequests)
        .set({ refundStatus: 'refunded', refundReference: refund.reference, updatedAt: new Date() })
        .where(and(eq(returnRequests.id, due.returnId!), eq(returnRequests.refundStatus, 'pending')))
    }
    if (!marked) return false
    await writeAudit(tx, {
      actorId: await systemActor(tx),
      action: 'payment.refunded',
      targetType: 'order',
      targetId: due.orderId,
      details: {
        provider: payment.provider,
        amount,
        refundReference: refund.reference,
        returnId: due.returnId,
        cause: byRequest ? 'return_request' : 'carrier_refusal',
        payment: payment.reference,
      },
    })
    return true
  })
  return done ? 'refunded' : 'none'
}

async function refusalIssueOpened(db: Db, issueKey: string) {
  const [row] = await db
    .select({ id: paymentIssues.id })
    .from(paymentIssues)
    .where(and(eq(paymentIssues.kind, 'return_refund'), sql`${paymentIssues.details}->>'returnId' = ${issueKey}`))
    .limit(1)
  return Boolean(row)
}

/**
 * The job's round: every refund still owed (a timeout, an outage) is asked again, oldest first —
 * return requests still `pending`, and card orders the carrier returned that are still `paid`.
 */
export async function retryReturnRefunds(db: Db, providers: PaymentProviders, limit = 20) {
  const requests = await db
    .select({ orderId: returnRequests.orderId })
    .from(returnRequests)
    .where(eq(returnRequests.refundStatus, 'pending'))
    .orderBy(asc(returnRequests.updatedAt))
    .limit(limit)
  const refusals = await db
    .select({ orderId: orders.id })
    .from(orders)
    .leftJoin(returnRequests, eq(returnRequests.orderId, orders.id))
    .where(
      and(
        eq(orders.status, 'returned'),
        eq(orders.paymentMethod, 'card'),
        eq(orders.paymentStatus, 'paid'),
        isNull(returnRequests.refundStatus),
        sql`not exists (select 1 from ${paymentIssues} where ${paymentIssues.kind} = 'return_refund' and ${paymentIssues.details}->>'returnId' = 'order:' || ${orders.id})`
      )
    )
    .orderBy(asc(orders.updatedAt))
    .limit(limit)
  const outcomes: RefundOutcome[] = []
  for (const row of [...requests, ...refusals]) outcomes.push(await refundOrder(db, providers, row.orderId))
  return outcomes
}
