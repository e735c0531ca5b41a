import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import Stripe from 'stripe'
import type { Db, DbOrTx } from '#db/client'
import { checkouts, orderItems, orders, paymentEvents, payments } from '#db/schema'
import { announceOrders } from '~/modules/orders/checkout.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
import { getEnv } from '~/utils/env.server'

/** How long a card checkout keeps its stock reserved: Stripe's shortest session lifetime. */
export const CARD_SESSION_MINUTES = 30

export type StripeConfig = { secretKey: string; host?: string; port?: number; protocol?: 'http' | 'https' }

/** A Stripe client; `host`/`port`/`protocol` point it at a local stand-in in tests. */
export function createStripe({ secretKey, host, port, protocol }: StripeConfig) {
  return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...(host ? { host, port, protocol } : {}) })
}

/**
 * Opens a Stripe Checkout Session for a card checkout whose orders wait in `awaiting_payment`
 * (stock already reserved) and records it. The idempotency key is the checkout's id, so a retried
 * request gets the same session from Stripe instead of a second one.
 */
export async function createCardSession(
  db: Db,
  stripe: Stripe,
  { checkoutId, buyerEmail, siteUrl, now = new Date() }: { checkoutId: string; buyerEmail: string; siteUrl: string; now?: Date }
) {
  const base = siteUrl.replace(/\/+$/, '')
  const placed = await db
    .select({ id: orders.id, number: orders.number, shippingFee: orders.shippingFee, total: orders.total })
    .from(orders)
    .where(and(eq(orders.checkoutId, checkoutId), eq(orders.status, 'awaiting_payment')))
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
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = []
  for (const order of placed) {
    for (const item of items.filter((i) => i.orderId === order.id)) {
      lineItems.push({ quantity: item.quantity, price_data: { currency: 'dzd', unit_amount: item.unitPrice, product_data: { name: item.title } } })
    }
    if (order.shippingFee > 0) {
      lineItems.push({
        quantity: 1,
        price_data: { currency: 'dzd', unit_amount: order.shippingFee, product_data: { name: `Livraison / التوصيل — ${order.number}` } },
      })
    }
  }
  const amount = placed.reduce((sum, o) => sum + o.total, 0)
  const expiresAt = new Date(now.getTime() + CARD_SESSION_MINUTES * 60_000 + 30_000)
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: lineItems,
      client_reference_id: checkoutId,
      customer_email: buyerEmail,
      metadata: { checkoutId },
      expires_at: Math.floor(expiresAt.getTime() / 1000),
      success_url: `${base}/checkout/done?checkout=${checkoutId}`,
      cancel_url: `${base}/checkout/cancelled?checkout=${checkoutId}`,
    },
    { idempotencyKey: `checkout-${checkoutId}` }
  )
  if (!session.url) throw new Error('Stripe returned a session without a URL')
  await db.insert(payments).values({ checkoutId, provider: 'stripe', providerReference: session.id, amount, url: session.url, expiresAt }).onConflictDoNothing()
  return { url: session.url, sessionId: session.id }
}

export class InvalidSignatureError extends Error {}

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored'

/**
 * Applies one webhook delivery, once: the signature is checked first (a forged or altered body
 * changes nothing), then the event id is stored in the same transaction as its effect, so a
 * redelivered event — however many times, in whatever order — finds its id and does nothing.
 */
export async function handleStripeWebhook(
  db: Db,
  stripe: Stripe,
  { payload, signature, secret, siteUrl }: { payload: string; signature: string | null; secret: string; siteUrl: string }
): Promise<WebhookOutcome> {
  let event: Stripe.Event
  try {
    event = stripe.webhooks.constructEvent(payload, signature ?? '', secret)
  } catch {
    throw new InvalidSignatureError()
  }
  if (event.type !== 'checkout.session.completed' && event.type !== 'checkout.session.expired' && event.type !== 'checkout.session.async_payment_failed') {
    return 'ignored'
  }
  const session = event.data.object as Stripe.Checkout.Session
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(paymentEvents)
      .values({ provider: 'stripe', providerEventId: event.id, type: event.type, payload: event as unknown as Record<string, unknown> })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id })
    if (!stored) return 'duplicate'
    const checkoutId = session.client_reference_id ?? session.metadata?.checkoutId
    if (!checkoutId) return 'ignored'
    const [checkout] = await tx.select({ id: checkouts.id }).from(checkouts).where(eq(checkouts.id, checkoutId))
    if (!checkout) return 'ignored'

    if (event.type === 'checkout.session.completed' && session.payment_status === 'paid') {
      await setPaymentStatus(tx, session.id, 'succeeded')
      const moved = await moveAwaiting(tx, checkoutId, 'pending', siteUrl)
      // Paid now: the buyer and each producer hear about the orders only at this point.
      if (moved.length) await announceOrders(tx, moved, siteUrl)
      return 'applied'
    }
    if (event.type === 'checkout.session.expired' || event.type === 'checkout.session.async_payment_failed') {
      await setPaymentStatus(tx, session.id, event.type === 'checkout.session.expired' ? 'expired' : 'failed')
      await moveAwaiting(tx, checkoutId, 'cancelled', siteUrl)
      return 'applied'
    }
    return 'ignored'
  })
}

async function setPaymentStatus(tx: DbOrTx, sessionId: string, status: 'succeeded' | 'expired' | 'failed') {
  // A late "expired" never undoes a success.
  await tx
    .update(payments)
    .set({ status })
    .where(and(eq(payments.provider, 'stripe'), eq(payments.providerReference, sessionId), status === 'succeeded' ? undefined : eq(payments.status, 'open')))
}

/** Moves the checkout's orders still awaiting payment; orders already moved (by an earlier event) are left alone. */
async function moveAwaiting(tx: DbOrTx, checkoutId: string, to: 'pending' | 'cancelled', siteUrl: string) {
  const waiting = await tx
    .select({ id: orders.id, number: orders.number, shopId: orders.shopId, total: orders.total })
    .from(orders)
    .where(and(eq(orders.checkoutId, checkoutId), eq(orders.status, 'awaiting_payment')))
    .orderBy(asc(orders.number))
  for (const order of waiting) await transitionOrder(tx, { orderId: order.id, to, actor: { kind: 'system' }, siteUrl })
  return waiting
}

/**
 * Cancels card orders whose payment never came (session expired and its webhook lost), giving
 * their stock back. Run periodically by the server.
 */
export async function sweepUnpaidOrders(db: Db, { now = new Date(), siteUrl }: { now?: Date; siteUrl: string }) {
  const cutoff = new Date(now.getTime() - (CARD_SESSION_MINUTES + 5) * 60_000)
  const stale = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'awaiting_payment'), lt(orders.createdAt, cutoff)))
  let cancelled = 0
  for (const order of stale) {
    try {
      await transitionOrder(db, { orderId: order.id, to: 'cancelled', actor: { kind: 'system' }, note: 'payment_timeout', siteUrl })
      cancelled++
    } catch {
      // Paid or cancelled meanwhile: nothing to do.
    }
  }
  return cancelled
}

let configured: Stripe | null | undefined
/** The platform's Stripe client, or null when no key is configured (card payment is then hidden). */
export function getStripe(): Stripe | null {
  if (configured === undefined) {
    const { STRIPE_SECRET_KEY } = getEnv()
    configured = STRIPE_SECRET_KEY ? createStripe({ secretKey: STRIPE_SECRET_KEY }) : null
  }
  return configured
}

/** The open payment page of a checkout, to try again after coming back from Stripe. */
export async function getOpenPaymentUrl(db: DbOrTx, checkoutId: string, now = new Date()) {
  const [row] = await db
    .select({ url: payments.url, expiresAt: payments.expiresAt })
    .from(payments)
    .where(and(eq(payments.checkoutId, checkoutId), eq(payments.status, 'open')))
  return row?.url && row.expiresAt && row.expiresAt > now ? row.url : null
}
