import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, orders, outbox, paymentEvents, paymentIssues, payments, products, shops } from '#db/schema'
import { addToCart, listCartLines } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
import { getBalances } from '~/modules/payouts/ledger.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { startFakeStripe, type FakeStripe } from '../../../tests/support/fake-stripe'
import { openCardPayment } from './card-checkout.server'
import { handlePaymentWebhook, sweepUnpaidOrders } from './payments.server'
import { InvalidSignatureError, type PaymentProvider } from './provider'
import { createStripe, createStripeProvider } from './stripe.server'

const secret = 'whsec_test_secret_for_taswiq'
const siteUrl = 'http://localhost:3000'
let t: TestDatabase
let categoryId: string
let fake: FakeStripe
let stripe: PaymentProvider

beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
  fake = await startFakeStripe()
  stripe = createStripeProvider(createStripe({ secretKey: 'sk_test_taswiq', host: fake.host, port: fake.port, protocol: 'http' }), { webhookSecret: secret, feeBps: 290 })
})
afterAll(async () => {
  await fake?.close()
  await t?.close()
})

/** A card checkout of 2 units (stock 5 → 3) sent to the (fake) Stripe Checkout page. */
async function cardCheckout() {
  const shop = await createShop(t.db)
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5, price: 180_000, title: 'عسل السدر' })
  const buyer = await createUser(t.db)
  await addToCart(t.db, { userId: buyer.id }, product.id, 2)
  const placed = await convertCartToOrders(t.db, {
    buyerId: buyer.id,
    idempotencyKey: createId(),
    paymentMethod: 'card',
    deliveryMode: 'home',
    address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
    commissionBps: 1000,
    siteUrl,
  })
  const url = await openCardPayment(
    t.db,
    { method: 'card', language: 'fr', checkoutId: placed.checkoutId, orderIds: placed.orders.map((o) => o.id), buyerId: buyer.id, buyerEmail: buyer.email },
    { stripe }
  )
  const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, placed.checkoutId))
  return { checkoutId: placed.checkoutId, orderId: placed.orders[0]!.id, total: placed.orders[0]!.total, productId: product.id, buyer, url, sessionId: payment?.providerReference ?? '' }
}

const deliver = (type: string, sessionId: string, fields: Parameters<FakeStripe['update']>[1] = {}) => {
  fake.update(sessionId, fields)
  const { payload, signature } = fake.signedEvent(type, sessionId, secret)
  return handlePaymentWebhook(t.db, stripe, { rawBody: payload, headers: new Headers({ 'Stripe-Signature': signature }), siteUrl })
}
const paid = { status: 'complete', payment_status: 'paid' } as const
const statusOf = async (orderId: string) => (await t.db.select({ s: orders.status, p: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId)))[0]!
const stockOf = async (productId: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, productId)))[0]!.s

describe('Stripe card payments', () => {
  it('creates a Checkout Session in DZD with the lines, the checkout as reference and an idempotency key', async () => {
    const c = await cardCheckout()
    const request = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions').at(-1)!
    expect(c.url).toBe(`https://checkout.stripe.test/pay/${c.sessionId}`)
    expect(request.idempotencyKey).toBe(`checkout-${c.checkoutId}`)
    expect(request.params.get('mode')).toBe('payment')
    expect(request.params.get('client_reference_id')).toBe(c.checkoutId)
    expect(request.params.get('line_items[0][price_data][currency]')).toBe('dzd')
    expect(request.params.get('line_items[0][price_data][unit_amount]')).toBe('180000')
    expect(request.params.get('line_items[0][quantity]')).toBe('2')
    expect(request.params.get('success_url')).toBe(`${siteUrl}/checkout/done?checkout=${c.checkoutId}`)
    const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, c.checkoutId))
    expect(payment).toMatchObject({ provider: 'stripe', method: 'card', status: 'open', amount: c.total })
  })

  it('a forged signature is refused and changes nothing', async () => {
    const c = await cardCheckout()
    fake.update(c.sessionId, paid)
    const { payload, signature } = fake.signedEvent('checkout.session.completed', c.sessionId, secret)
    const forged = fake.signedEvent('checkout.session.completed', c.sessionId, 'whsec_someone_else').signature
    const send = (body: string, sig: string | null) =>
      handlePaymentWebhook(t.db, stripe, { rawBody: body, headers: new Headers(sig ? { 'Stripe-Signature': sig } : {}), siteUrl })
    await expect(send(payload, forged)).rejects.toBeInstanceOf(InvalidSignatureError)
    await expect(send(payload, null)).rejects.toBeInstanceOf(InvalidSignatureError)
    await expect(send(payload.replace('"paid"', '"paid" '), signature)).rejects.toBeInstanceOf(InvalidSignatureError)
    expect(await statusOf(c.orderId)).toEqual({ s: 'awaiting_payment', p: 'unpaid' })
  })

  it('the same "completed" event ten times pays the orders once and announces them once', async () => {
    const c = await cardCheckout()
    fake.update(c.sessionId, paid)
    const event = fake.signedEvent('checkout.session.completed', c.sessionId, secret)
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        handlePaymentWebhook(t.db, stripe, { rawBody: event.payload, headers: new Headers({ 'Stripe-Signature': event.signature }), siteUrl }).catch((e: unknown) => e)
      )
    )
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1)
    expect(outcomes.filter((o) => o !== 'applied' && o !== 'duplicate')).toEqual([])
    expect(await statusOf(c.orderId)).toEqual({ s: 'pending', p: 'paid' })
    const mails = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'order_placed'), eq(outbox.toAddress, c.buyer.email)))
    expect(mails).toHaveLength(1)
    expect(await t.db.select().from(paymentEvents).where(eq(paymentEvents.providerEventId, JSON.parse(event.payload).id))).toHaveLength(1)
  })

  it('events out of order: "expired" after "completed" does not undo the payment', async () => {
    const c = await cardCheckout()
    await deliver('checkout.session.completed', c.sessionId, paid)
    await deliver('checkout.session.expired', c.sessionId)
    expect(await statusOf(c.orderId)).toEqual({ s: 'pending', p: 'paid' })
    expect(await stockOf(c.productId)).toBe(3)
  })

  it('an expired session cancels the orders, gives the stock back and the lines back into the cart', async () => {
    const c = await cardCheckout()
    await deliver('checkout.session.expired', c.sessionId, { status: 'expired' })
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
    expect((await listCartLines(t.db, { userId: c.buyer.id })).map((l) => [l.productId, l.quantity])).toEqual([[c.productId, 2]])
  })

  // Issue 15, finding 9: the money was taken on orders already cancelled.
  it('"expired" handled before "completed": the payment is refunded through Stripe, once, and written in the queue and the audit log', async () => {
    const c = await cardCheckout()
    await deliver('checkout.session.expired', c.sessionId)
    await deliver('checkout.session.completed', c.sessionId, paid)
    await deliver('checkout.session.completed', c.sessionId, paid)
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
    const session = fake.sessions.get(c.sessionId)!
    expect(fake.refunds.filter((r) => r.payment_intent === session.payment_intent)).toEqual([expect.objectContaining({ amount: c.total })])
    const issues = await t.db.select().from(paymentIssues).where(eq(paymentIssues.providerReference, c.sessionId))
    expect(issues).toEqual([expect.objectContaining({ kind: 'paid_after_cancel', status: 'refunded', amount: c.total })])
    expect((await statusOf(c.orderId)).p).toBe('refunded')
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, c.sessionId))
    expect(audit.map((a) => a.action).sort()).toEqual(['payment.paid_after_cancel', 'payment.refunded'])
  })

  it('a delayed payment: "completed" unpaid waits, "async_payment_succeeded" pays the orders', async () => {
    const c = await cardCheckout()
    await deliver('checkout.session.completed', c.sessionId, { status: 'complete', payment_status: 'unpaid' })
    expect(await statusOf(c.orderId)).toEqual({ s: 'awaiting_payment', p: 'unpaid' })
    await deliver('checkout.session.async_payment_succeeded', c.sessionId, paid)
    expect(await statusOf(c.orderId)).toEqual({ s: 'pending', p: 'paid' })
  })

  it('a delayed payment that fails cancels the orders', async () => {
    const c = await cardCheckout()
    await deliver('checkout.session.completed', c.sessionId, { status: 'complete', payment_status: 'unpaid' })
    await deliver('checkout.session.async_payment_failed', c.sessionId)
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
  })

  it('the sweep asks Stripe first: a processing payment is left alone, a paid one is applied, only the unpaid one is cancelled', async () => {
    const processing = await cardCheckout()
    const paidMeanwhile = await cardCheckout()
    const abandoned = await cardCheckout()
    const fresh = await cardCheckout()
    fake.update(processing.sessionId, { status: 'complete', payment_status: 'unpaid' })
    fake.update(paidMeanwhile.sessionId, paid)
    fake.update(abandoned.sessionId, { status: 'expired' })
    for (const c of [processing, paidMeanwhile, abandoned]) {
      await t.db
        .update(orders)
        .set({ createdAt: new Date(Date.now() - 2 * 3600_000) })
        .where(eq(orders.id, c.orderId))
    }
    await sweepUnpaidOrders(t.db, { providers: { stripe }, siteUrl })
    expect((await statusOf(processing.orderId)).s).toBe('awaiting_payment')
    expect(await statusOf(paidMeanwhile.orderId)).toEqual({ s: 'pending', p: 'paid' })
    expect((await statusOf(abandoned.orderId)).s).toBe('cancelled')
    expect(await stockOf(abandoned.productId)).toBe(5)
    expect((await statusOf(fresh.orderId)).s).toBe('awaiting_payment')
  })

  it('the sweep leaves a checkout alone when Stripe cannot be asked', async () => {
    const c = await cardCheckout()
    await t.db
      .update(orders)
      .set({ createdAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(orders.id, c.orderId))
    const unreachable = createStripeProvider(createStripe({ secretKey: 'sk_test_taswiq', host: '127.0.0.1', port: 9, protocol: 'http' }), { webhookSecret: secret, feeBps: 0 })
    await sweepUnpaidOrders(t.db, { providers: { stripe: unreachable }, siteUrl })
    expect((await statusOf(c.orderId)).s).toBe('awaiting_payment')
  }, 30_000)

  it('the payout ledger counts card money as available only once Stripe has settled it', async () => {
    const c = await cardCheckout()
    await deliver('checkout.session.completed', c.sessionId, paid)
    const [order] = await t.db.select({ shopId: orders.shopId, ownerId: shops.ownerId }).from(orders).innerJoin(shops, eq(shops.id, orders.shopId)).where(eq(orders.id, c.orderId))
    for (const to of ['confirmed', 'shipped', 'delivered'] as const) {
      await transitionOrder(t.db, { orderId: c.orderId, to, actor: { kind: 'producer', userId: order!.ownerId }, siteUrl, holdDays: 0 })
    }
    const before = await getBalances(t.db, order!.shopId, new Date(Date.now() + 60_000))
    expect(before.available).toBe(0)
    expect(before.onHold).toBeGreaterThan(0)
    // The nightly reconciliation reads the settlement from Stripe's balance transaction.
    await t.db.update(payments).set({ settledAt: new Date() }).where(eq(payments.providerReference, c.sessionId))
    const after = await getBalances(t.db, order!.shopId, new Date(Date.now() + 60_000))
    expect(after).toMatchObject({ onHold: 0, available: before.onHold })
  })

  it('when Stripe cannot be reached, the orders are cancelled, the stock and the cart come back', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5, price: 180_000 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 2)
    const placed = await convertCartToOrders(t.db, {
      buyerId: buyer.id,
      idempotencyKey: createId(),
      paymentMethod: 'card',
      deliveryMode: 'home',
      address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
      commissionBps: 1000,
      siteUrl,
    })
    const unreachable = createStripeProvider(createStripe({ secretKey: 'sk_test_taswiq', host: '127.0.0.1', port: 9, protocol: 'http' }), { webhookSecret: secret, feeBps: 0 })
    const url = await openCardPayment(
      t.db,
      { method: 'card', language: 'ar', checkoutId: placed.checkoutId, orderIds: placed.orders.map((o) => o.id), buyerId: buyer.id, buyerEmail: buyer.email },
      { stripe: unreachable }
    )
    expect(url).toBeNull()
    expect((await statusOf(placed.orders[0]!.id)).s).toBe('cancelled')
    expect(await stockOf(product.id)).toBe(5)
    expect((await listCartLines(t.db, { userId: buyer.id })).map((l) => [l.productId, l.quantity])).toEqual([[product.id, 2]])
  }, 30_000)
})
