import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { checkouts, orderItems, orders, paymentEvents, paymentIssues, payments, users } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { writeAudit } from '~/modules/audit/audit.server'
import { announceOrders } from '~/modules/orders/checkout.server'
import { OrderTransitionError, transitionOrder } from '~/modules/orders/lifecycle.server'
import { RefundUnsupportedError, type CardMethod, type FeeBearer, type PaymentEvent, type PaymentProvider, type ProviderPaymentStatus } from './provider'
import type { PaymentProviders } from './providers.server'

// What happens to our orders when a provider reports on a payment — the same for every provider.
// Webhooks, the sweep and reconciliation all end here. Outside services are called only outside
// database transactions; inside, every effect is stored with the event id that caused it.

/** How long a card checkout keeps its stock reserved: Stripe's shortest session lifetime. */
export const CARD_SESSION_MINUTES = 30

/** The account the audit log names for what the payment system does on its own. */
export const SYSTEM_ACTOR_ID = 'system'

/**
 * The audit log requires an actor: the payment system writes as this account, created on first
 * use (not by the migration: an empty database must still look empty to the demo seed). It has no
 * password and is disabled, so nobody can sign in as it.
 */
export async function systemActor(tx: DbOrTx) {
  await tx
    .insert(users)
    .values({ id: SYSTEM_ACTOR_ID, email: 'system@taswiq.invalid', name: 'Taswiq (system)', role: 'buyer', disabledAt: new Date() })
    .onConflictDoNothing()
  return SYSTEM_ACTOR_ID
}

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored'

/**
 * Opens the provider's payment page for a checkout whose orders wait in `awaiting_payment` (stock
 * already reserved) and records the attempt.
 */
export async function startHostedPayment(
  db: Db,
  provider: PaymentProvider,
  input: { checkoutId: string; method: CardMethod; buyerEmail: string | null; language: 'ar' | 'fr' | 'en'; siteUrl: string; feeBearer: FeeBearer; now?: Date }
) {
  const base = input.siteUrl.replace(/\/+$/, '')
  const now = input.now ?? new Date()
  const placed = await db
    .select({ id: orders.id, number: orders.number, shippingFee: orders.shippingFee, total: orders.total })
    .from(orders)
    .where(and(eq(orders.checkoutId, input.checkoutId), eq(orders.status, 'awaiting_payment')))
    .orderBy(asc(orders.number))
  if (!placed.length) throw new Error('no order waits for payment in this checkout')
  const items = await db
    .select({ orderId: orderItems.orderId, title: orderItems.title, unitPrice: orderItems.unitPrice, quantity: orderItems.quantity })
    .from(orderItems)
    .where(
      inArray(
        orderItems.orderId,
        placed.map((o) => o.id)
      )
    )
  const lines: { title: string; unitPrice: number; quantity: number }[] = []
  for (const order of placed) {
    for (const item of items.filter((i) => i.orderId === order.id)) lines.push({ title: item.title, unitPrice: item.unitPrice, quantity: item.quantity })
    if (order.shippingFee > 0) lines.push({ title: `Livraison / التوصيل — ${order.number}`, unitPrice: order.shippingFee, quantity: 1 })
  }
  const amount = placed.reduce((sum, o) => sum + o.total, 0)
  const expiresAt = new Date(now.getTime() + CARD_SESSION_MINUTES * 60_000 + 30_000)
  const hosted = await provider.createHostedCheckout({
    checkoutId: input.checkoutId,
    method: input.method,
    amount,
    feeBearer: input.feeBearer,
    buyerFee: input.feeBearer === 'buyer' ? provider.estimateFee(amount, input.method) : 0,
    language: input.language,
    buyerEmail: input.buyerEmail,
    lines,
    successUrl: `${base}/checkout/done?checkout=${input.checkoutId}`,
    failureUrl: `${base}/checkout/cancelled?checkout=${input.checkoutId}`,
    webhookUrl: `${base}/resources/${provider.name}-webhook`,
    expiresAt,
  })
  await db
    .insert(payments)
    .values({
      checkoutId: input.checkoutId,
      provider: provider.name,
      providerReference: hosted.reference,
      method: input.method,
      amount: hosted.amount,
      feeBearer: input.feeBearer,
      url: hosted.url,
      expiresAt,
    })
    .onConflictDoNothing()
  return hosted
}

/**
 * One webhook delivery: the signature is checked before anything else (a forged or altered body
 * changes nothing), the event is applied once, and a payment that found its orders cancelled is
 * refunded — after the transaction, since the provider is an outside service.
 */
export async function handlePaymentWebhook(
  db: Db,
  provider: PaymentProvider,
  { rawBody, headers, siteUrl }: { rawBody: string; headers: Headers; siteUrl: string }
): Promise<WebhookOutcome> {
  const event = await provider.parseWebhook(rawBody, headers)
  const applied = await applyPaymentEvent(db, provider.name, event, siteUrl)
  for (const issueId of applied.issueIds) await refundOrQueue(db, provider, issueId)
  return applied.outcome
}

/**
 * Applies a verified event in one transaction with its id stored first: a redelivery, however
 * often and in whatever order, finds the id and does nothing. Events of one checkout are
 * serialised by locking the checkout's row.
 */
export async function applyPaymentEvent(
  db: Db,
  providerName: string,
  event: PaymentEvent,
  siteUrl: string
): Promise<{ outcome: WebhookOutcome; issueIds: string[] }> {
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(paymentEvents)
      .values({ provider: providerName, providerEventId: event.id, type: event.type, payload: event.raw })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id })
    if (!stored) return { outcome: 'duplicate' as const, issueIds: [] }
    if (event.outcome === 'ignored' || event.outcome === 'open') return { outcome: 'ignored' as const, issueIds: [] }

    const { payment } = event
    const [recorded] = await tx
      .select({ id: payments.id, checkoutId: payments.checkoutId })
      .from(payments)
      .where(and(eq(payments.provider, providerName), eq(payments.providerReference, payment.reference)))
    const checkoutId = recorded?.checkoutId ?? payment.checkoutId
    const [checkout] = checkoutId
      ? await tx.select({ id: checkouts.id, buyerId: checkouts.buyerId }).from(checkouts).where(eq(checkouts.id, checkoutId)).for('update')
      : []

    if (event.outcome === 'paid') {
      if (!checkout) {
        // Money with no checkout of ours behind it: never dropped, an admin looks at it.
        const issueId = await openIssue(tx, { provider: providerName, reference: payment.reference, checkoutId: null, kind: 'paid_without_order', amount: payment.amount })
        return { outcome: 'applied' as const, issueIds: issueId ? [issueId] : [] }
      }
      if (!recorded) {
        // The provider's page was opened but our row was lost (a crash after the call): recorded now.
        await tx
          .insert(payments)
          .values({ checkoutId: checkout.id, provider: providerName, providerReference: payment.reference, amount: payment.amount, status: 'succeeded' })
          .onConflictDoNothing()
      }
      await tx
        .update(payments)
        .set({ status: 'succeeded', paidAt: new Date(), ...(payment.fee !== null ? { fee: payment.fee } : {}), ...(payment.settled ? { settledAt: new Date() } : {}) })
        .where(and(eq(payments.provider, providerName), eq(payments.providerReference, payment.reference)))
      return { outcome: 'applied' as const, issueIds: await payCheckout(tx, { providerName, reference: payment.reference, amount: payment.amount, checkoutId: checkout.id, siteUrl }) }
    }

    if (event.outcome === 'processing' || !checkout) return { outcome: 'applied' as const, issueIds: [] }
    // failed / expired: a late one never undoes a success.
    await tx
      .update(payments)
      .set({ status: event.outcome === 'failed' ? 'failed' : 'expired' })
      .where(and(eq(payments.provider, providerName), eq(payments.providerReference, payment.reference), eq(payments.status, 'open')))
    const [stillPaid] = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.checkoutId, checkout.id), eq(payments.status, 'succeeded')))
    if (!stillPaid) await cancelAwaiting(tx, { checkoutId: checkout.id, buyerId: checkout.buyerId, note: `payment_${event.outcome}`, siteUrl })
    return { outcome: 'applied' as const, issueIds: [] }
  })
}

/**
 * A payment succeeded: the orders still waiting become `pending` (the producers hear of them now).
 * Orders already cancelled (an `expired` handled first, the buyer's cancel, the sweep) cannot take
 * the money: it is refunded or queued. A second successful payment of one checkout likewise.
 */
async function payCheckout(tx: DbOrTx, p: { providerName: string; reference: string; amount: number; checkoutId: string; siteUrl: string }) {
  const [otherPaid] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.checkoutId, p.checkoutId), eq(payments.status, 'succeeded'), ne(payments.providerReference, p.reference)))
  if (otherPaid) {
    const issueId = await openIssue(tx, { provider: p.providerName, reference: p.reference, checkoutId: p.checkoutId, kind: 'paid_twice', amount: p.amount })
    return issueId ? [issueId] : []
  }
  const all = await tx
    .select({ id: orders.id, number: orders.number, shopId: orders.shopId, total: orders.total, status: orders.status, paymentStatus: orders.paymentStatus })
    .from(orders)
    .where(eq(orders.checkoutId, p.checkoutId))
    .orderBy(asc(orders.number))
  const moved: typeof all = []
  for (const order of all.filter((o) => o.status === 'awaiting_payment')) {
    try {
      await transitionOrder(tx, { orderId: order.id, to: 'pending', actor: { kind: 'system' }, siteUrl: p.siteUrl })
      moved.push(order)
    } catch (error) {
      // Cancelled meanwhile by the buyer or the sweep (their savepoint rolled back): handled below.
      if (!(error instanceof OrderTransitionError)) throw error
    }
  }
  if (moved.length) await announceOrders(tx, moved, p.siteUrl)
  const unpaidCancelled = await tx
    .select({ id: orders.id, total: orders.total })
    .from(orders)
    .where(and(eq(orders.checkoutId, p.checkoutId), eq(orders.status, 'cancelled'), eq(orders.paymentStatus, 'unpaid')))
  if (!unpaidCancelled.length) return []
  // Everything cancelled: the whole payment goes back (with a buyer-paid fee); else the cancelled orders' share.
  const amount = moved.length || all.some((o) => o.paymentStatus === 'paid') ? unpaidCancelled.reduce((s, o) => s + o.total, 0) : p.amount
  const issueId = await openIssue(tx, {
    provider: p.providerName,
    reference: p.reference,
    checkoutId: p.checkoutId,
    kind: 'paid_after_cancel',
    amount,
    details: { orderIds: unpaidCancelled.map((o) => o.id) },
  })
  return issueId ? [issueId] : []
}

/** Cancels the checkout's orders still awaiting payment (stock back) and puts their lines back into the buyer's cart. */
async function cancelAwaiting(tx: DbOrTx, { checkoutId, buyerId, note, siteUrl }: { checkoutId: string; buyerId: string; note: string; siteUrl: string }) {
  const waiting = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.checkoutId, checkoutId), eq(orders.status, 'awaiting_payment')))
  if (!waiting.length) return
  for (const order of waiting) await transitionOrder(tx, { orderId: order.id, to: 'cancelled', actor: { kind: 'system' }, note, siteUrl })
  await restoreCartLines(
    tx,
    buyerId,
    waiting.map((o) => o.id)
  )
}

/** The cancelled orders' lines back into the buyer's cart, each in its own savepoint: a product gone since is skipped. */
export async function restoreCartLines(db: DbOrTx, buyerId: string, orderIds: string[]) {
  if (!orderIds.length) return
  const lines = await db
    .select({ productId: orderItems.productId, variantId: orderItems.variantId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(inArray(orderItems.orderId, orderIds))
  for (const line of lines)
    await db.transaction((sp) => addToCart(sp, { userId: buyerId }, line.productId, line.quantity, line.variantId)).catch(() => undefined)
}

/** Opens an admin-queue row once per payment and kind (and audits it); null when it was already open. */
export async function openIssue(
  tx: DbOrTx,
  issue: { provider: string; reference: string; checkoutId: string | null; kind: (typeof paymentIssues.$inferInsert)['kind']; amount: number; details?: Record<string, unknown> }
) {
  const [row] = await tx
    .insert(paymentIssues)
    .values({
      provider: issue.provider,
      providerReference: issue.reference,
      checkoutId: issue.checkoutId,
      kind: issue.kind,
      amount: issue.amount,
      details: issue.details ?? {},
    })
    .onConflictDoNothing()
    .returning({ id: paymentIssues.id })
  if (!row) return null
  await writeAudit(tx, {
    actorId: await systemActor(tx),
    action: `payment.${issue.kind}`,
    targetType: 'payment',
    targetId: issue.reference,
    details: { provider: issue.provider, checkoutId: issue.checkoutId, amount: issue.amount, issueId: row.id, ...issue.details },
  })
  return row.id
}

/**
 * Refunds an open issue's money through its provider (idempotent per payment on the provider's
 * side). A provider without refunds, or a failure, leaves the issue open in the admin queue.
 */
export async function refundOrQueue(db: Db, provider: PaymentProvider, issueId: string) {
  const [issue] = await db.select().from(paymentIssues).where(and(eq(paymentIssues.id, issueId), eq(paymentIssues.status, 'open')))
  if (!issue || (issue.kind !== 'paid_after_cancel' && issue.kind !== 'paid_twice')) return 'queued' as const
  let refund: { reference: string }
  try {
    refund = await provider.refund(issue.providerReference, issue.amount)
  } catch (error) {
    if (!(error instanceof RefundUnsupportedError)) console.error('Refund failed; left in the admin queue', error)
    return 'queued' as const
  }
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(paymentIssues)
      .set({ status: 'refunded', refundReference: refund.reference, resolvedAt: new Date() })
      .where(and(eq(paymentIssues.id, issue.id), eq(paymentIssues.status, 'open')))
      .returning({ id: paymentIssues.id })
    if (!updated) return
    const orderIds = Array.isArray((issue.details as { orderIds?: unknown }).orderIds) ? ((issue.details as { orderIds: string[] }).orderIds) : []
    if (orderIds.length) await tx.update(orders).set({ paymentStatus: 'refunded' }).where(inArray(orders.id, orderIds))
    await writeAudit(tx, {
      actorId: await systemActor(tx),
      action: 'payment.refunded',
      targetType: 'payment',
      targetId: issue.providerReference,
      details: { provider: issue.provider, amount: issue.amount, refundReference: refund.reference, issueId: issue.id },
    })
  })
  return 'refunded' as const
}

/**
 * Cancels card orders whose payment never came. Each stale checkout's payment is first looked up
 * with its provider (outside any transaction): one the provider reports paid is applied as paid,
 * one still processing (a delayed method) is left alone, and one the provider cannot be asked
 * about is left for the next round rather than cancelled with the money possibly taken.
 */
export async function sweepUnpaidOrders(db: Db, { providers, now = new Date(), siteUrl }: { providers: PaymentProviders; now?: Date; siteUrl: string }) {
  const cutoff = new Date(now.getTime() - (CARD_SESSION_MINUTES + 5) * 60_000)
  const stale = await db
    .selectDistinct({ checkoutId: orders.checkoutId })
    .from(orders)
    .where(and(eq(orders.status, 'awaiting_payment'), lt(orders.createdAt, cutoff)))
  let cancelled = 0
  for (const { checkoutId } of stale) {
    const attempts = await db
      .select({ provider: payments.provider, reference: payments.providerReference })
      .from(payments)
      .where(eq(payments.checkoutId, checkoutId))
    let status: ProviderPaymentStatus = 'expired'
    let lookedUp: { provider: PaymentProvider; payment: Awaited<ReturnType<PaymentProvider['getPayment']>> } | null = null
    for (const attempt of attempts) {
      const provider = providers[attempt.provider as keyof PaymentProviders]
      if (!provider) {
        status = 'processing' // a provider no longer configured: not ours to decide
        continue
      }
      try {
        const payment = await provider.getPayment(attempt.reference)
        lookedUp = { provider, payment }
        if (payment.status === 'paid' || payment.status === 'processing') {
          status = payment.status
          break
        }
      } catch (error) {
        console.error('Payment lookup failed; the checkout waits for the next sweep', error)
        status = 'processing'
      }
    }
    if (status === 'processing') continue
    if (status === 'paid' && lookedUp) {
      const applied = await applyPaymentEvent(
        db,
        lookedUp.provider.name,
        { id: `sweep:paid:${lookedUp.payment.reference}`, type: 'sweep.paid', outcome: 'paid', payment: lookedUp.payment, raw: { sweep: true, status: 'paid' } },
        siteUrl
      )
      for (const issueId of applied.issueIds) await refundOrQueue(db, lookedUp.provider, issueId)
      continue
    }
    const reference = lookedUp?.payment.reference ?? attempts[0]?.reference ?? checkoutId
    const applied = await applyPaymentEvent(
      db,
      lookedUp?.provider.name ?? attempts[0]?.provider ?? 'none',
      {
        id: `sweep:expired:${reference}`,
        type: 'sweep.expired',
        outcome: 'expired',
        payment: { reference, checkoutId, status: 'expired', amount: 0, fee: null, createdAt: now, settled: null },
        raw: { sweep: true, status: 'expired' },
      },
      siteUrl
    )
    if (applied.outcome === 'applied') cancelled++
  }
  return cancelled
}

/** The open payment page of a checkout, to try again after coming back from the provider. */
export async function getOpenPaymentUrl(db: DbOrTx, checkoutId: string, now = new Date()) {
  const [row] = await db
    .select({ url: payments.url, expiresAt: payments.expiresAt })
    .from(payments)
    .where(and(eq(payments.checkoutId, checkoutId), eq(payments.status, 'open')))
  return row?.url && row.expiresAt && row.expiresAt > now ? row.url : null
}
