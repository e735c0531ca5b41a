import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { orders, payments, returnRequests } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { openIssue, systemActor } from '~/modules/payments/payments.server'
import { RefundUnsupportedError } from '~/modules/payments/provider'
import type { PaymentProviders } from '~/modules/payments/providers.server'

// The refund of a card-paid order whose accepted return came back (issue 19, decision 025).
// Three steps, so that a retry never gives the money twice:
// 1. `markRefundDue`, inside the transaction that returns the order (ledger reversed there, once):
//    the request is written down — `refund_status = pending` with the amount.
// 2. `refundReturn`, after it, outside any transaction: the provider is asked with an idempotency
//    key of the request (`return-<id>`): asked again after a timeout, it answers with the same
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
  await tx.update(returnRequests).set({ refundStatus: 'pending', refundAmount: row.total }).where(and(eq(returnRequests.id, returnId), isNull(returnRequests.refundStatus)))
  return true
}

export type RefundOutcome = 'refunded' | 'queued' | 'pending' | 'none'

/** Steps 2 and 3 for one request (the caller holds no transaction). */
export async function refundReturn(db: Db, providers: PaymentProviders, returnId: string): Promise<RefundOutcome> {
  const [due] = await db
    .select({ id: returnRequests.id, orderId: returnRequests.orderId, amount: returnRequests.refundAmount, checkoutId: orders.checkoutId })
    .from(returnRequests)
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .where(and(eq(returnRequests.id, returnId), eq(returnRequests.refundStatus, 'pending')))
  if (!due || due.amount === null || !due.checkoutId) return 'none'
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
    refund = await provider.refund(payment.reference, due.amount, { idempotencyKey: `return-${due.id}` })
  } catch (error) {
    if (error instanceof RefundUnsupportedError) {
      await db.transaction(async (tx) => {
        const [queued] = await tx
          .update(returnRequests)
          .set({ refundStatus: 'queued', updatedAt: new Date() })
          .where(and(eq(returnRequests.id, due.id), eq(returnRequests.refundStatus, 'pending')))
          .returning({ id: returnRequests.id })
        if (!queued) return
        await openIssue(tx, {
          provider: payment.provider,
          reference: payment.reference,
          checkoutId: due.checkoutId,
          kind: 'return_refund',
          amount: due.amount!,
          details: { orderIds: [due.orderId], returnId: due.id },
        })
      })
      return 'queued'
    }
    // A timeout or an outage: still pending; the job asks again with the same key.
    console.error('Return refund failed; will be retried', error)
    return 'pending'
  }
  await db.transaction(async (tx) => {
    const [marked] = await tx
      .update(returnRequests)
      .set({ refundStatus: 'refunded', refundReference: refund.reference, updatedAt: new Date() })
      .where(and(eq(returnRequests.id, due.id), eq(returnRequests.refundStatus, 'pending')))
      .returning({ id: returnRequests.id })
    if (!marked) return
    await tx.update(orders).set({ paymentStatus: 'refunded' }).where(eq(orders.id, due.orderId))
    await writeAudit(tx, {
      actorId: await systemActor(tx),
      action: 'payment.refunded',
      targetType: 'order',
      targetId: due.orderId,
      details: { provider: payment.provider, amount: due.amount, refundReference: refund.reference, returnId: due.id, payment: payment.reference },
    })
  })
  return 'refunded'
}

/** The job's round: every refund still pending (a timeout, an outage) is asked again, oldest first. */
export async function retryReturnRefunds(db: Db, providers: PaymentProviders, limit = 20) {
  const due = await db
    .select({ id: returnRequests.id })
    .from(returnRequests)
    .where(eq(returnRequests.refundStatus, 'pending'))
    .orderBy(asc(returnRequests.updatedAt))
    .limit(limit)
  const outcomes: RefundOutcome[] = []
  for (const row of due) outcomes.push(await refundReturn(db, providers, row.id))
  return outcomes
}
