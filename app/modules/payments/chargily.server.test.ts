import { createHmac } from 'node:crypto'
import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, orders, outbox, paymentEvents, paymentIssues, payments, products } from '#db/schema'
import { addToCart, listCartLines } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { startFakeChargily, type FakeChargily } from '../../../tests/support/fake-chargily'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { openCardPayment, cancelUnpaidOrders } from './card-checkout.server'
import { createChargilyProvider } from './chargily.server'
import { handlePaymentWebhook } from './payments.server'
import { InvalidSignatureError, type PaymentProvider } from './provider'
import { reconcilePayments } from './reconcile.server'

const secretKey = 'test_sk_taswiq_chargily'
const siteUrl = 'http://localhost:3000'
let t: TestDatabase
let categoryId: string
let fake: FakeChargily
let chargily: PaymentProvider

beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
  fake = await startFakeChargily({ secretKey })
  chargily = createChargilyProvider({ secretKey, mode: 'test', baseUrl: fake.apiUrl, feeBps: 150 })
})
afterAll(async () => {
  await fake?.close()
  await t?.close()
})

/** A card checkout of 2 × 1,800 DA + shipping (stock 5 → 3), sent to Chargily's (fake) page. */
async function edahabiaCheckout(method: 'edahabia' | 'cib' = 'edahabia', language: 'ar' | 'fr' | 'en' = 'ar') {
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
    { method, language, checkoutId: placed.checkoutId, orderIds: placed.orders.map((o) => o.id), buyerId: buyer.id, buyerEmail: buyer.email },
    { chargily }
  )
  const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, placed.checkoutId))
  return { checkoutId: placed.checkoutId, orderId: placed.orders[0]!.id, total: placed.orders[0]!.total, productId: product.id, buyer, url, reference: payment?.providerReference ?? '' }
}

const webhook = (body: string, signature: string | null) =>
  handlePaymentWebhook(t.db, chargily, { rawBody: body, headers: new Headers(signature === null ? {} : { signature }), siteUrl })
const statusOf = async (orderId: string) => (await t.db.select({ s: orders.status, p: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId)))[0]!
const stockOf = async (productId: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, productId)))[0]!.s

describe('Chargily Pay (Edahabia, CIB) through the real SDK and a local fake', () => {
  it('creates one Chargily checkout with the total in DZD, the method, the language, our checkout id and our URLs', async () => {
    const c = await edahabiaCheckout('cib', 'fr')
    const created = fake.requests.filter((r) => r.method === 'POST' && r.path === '/checkouts').at(-1)!
    expect(created.authorization).toBe(`Bearer ${secretKey}`)
    expect(created.body).toMatchObject({
      amount: c.total / 100,
      currency: 'dzd',
      payment_method: 'cib',
      locale: 'fr',
      metadata: { checkoutId: c.checkoutId },
      success_url: `${siteUrl}/checkout/done?checkout=${c.checkoutId}`,
      failure_url: `${siteUrl}/checkout/cancelled?checkout=${c.checkoutId}`,
      webhook_endpoint: `${siteUrl}/resources/chargily-webhook`,
      pass_fees_to_customer: false,
    })
    expect(c.url).toBe(fake.checkouts.get(c.reference)!.checkout_url)
    const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, c.checkoutId))
    expect(payment).toMatchObject({ provider: 'chargily', method: 'cib', amount: c.total, status: 'open', feeBearer: 'platform' })
  })

  it('a Chargily error cancels the orders at once: stock and cart come back', async () => {
    fake.failNext(500)
    const c = await edahabiaCheckout()
    expect(c.url).toBeNull()
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
    expect((await listCartLines(t.db, { userId: c.buyer.id })).map((l) => [l.productId, l.quantity])).toEqual([[c.productId, 2]])
  })

  it('a forged, missing or altered signature is refused (400 at the route) and changes nothing', async () => {
    const c = await edahabiaCheckout()
    fake.checkouts.get(c.reference)!.status = 'paid'
    const { body, signature } = fake.signedEvent(c.reference, 'checkout.paid')
    const forgedSignature = createHmac('sha256', 'someone_else').update(body).digest('hex')
    await expect(webhook(body, forgedSignature)).rejects.toBeInstanceOf(InvalidSignatureError)
    await expect(webhook(body, null)).rejects.toBeInstanceOf(InvalidSignatureError)
    await expect(webhook(body.replace('"paid"', '"paid" '), signature)).rejects.toBeInstanceOf(InvalidSignatureError)
    await expect(webhook(body, signature.toUpperCase())).rejects.toBeInstanceOf(InvalidSignatureError)
    expect(await statusOf(c.orderId)).toEqual({ s: 'awaiting_payment', p: 'unpaid' })
    expect(await t.db.select().from(paymentEvents).where(eq(paymentEvents.provider, 'chargily'))).toHaveLength(0)
  })

  it('"paid" confirms the orders once under ten concurrent replays, in any order with late failure events', async () => {
    const c = await edahabiaCheckout()
    const checkout = fake.checkouts.get(c.reference)!
    checkout.status = 'paid'
    const paid = fake.signedEvent(c.reference, 'checkout.paid')
    checkout.status = 'failed'
    const failed = fake.signedEvent(c.reference, 'checkout.failed')
    const canceled = fake.signedEvent(c.reference, 'checkout.canceled')
    const deliveries = [...Array.from({ length: 10 }, () => paid), failed, failed, canceled].sort(() => Math.random() - 0.5)
    const outcomes = await Promise.all(deliveries.map((d) => webhook(d.body, d.signature).catch((e: unknown) => e)))
    expect(outcomes.filter((o) => o instanceof Error)).toEqual([])
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(3)
    // Whichever came first, the payment wins: a failure after it changes nothing; a failure before it
    // cancelled the orders and the payment is then refunded or queued (next test). Here the
    // outcome must be one of those two, never "cancelled and nothing queued".
    const order = await statusOf(c.orderId)
    const issues = await t.db.select().from(paymentIssues).where(eq(paymentIssues.providerReference, c.reference))
    if (order.s === 'pending') {
      expect(order.p).toBe('paid')
      expect(issues).toEqual([])
      expect(await stockOf(c.productId)).toBe(3)
      const mails = await t.db.select().from(outbox).where(and(eq(outbox.kind, 'order_placed'), eq(outbox.toAddress, c.buyer.email)))
      expect(mails).toHaveLength(1)
    } else {
      expect(order.s).toBe('cancelled')
      expect(issues.map((i) => [i.kind, i.status])).toEqual([['paid_after_cancel', 'open']])
    }
  })

  it('"paid" in order: orders pending and paid, the fee recorded, announced once', async () => {
    const c = await edahabiaCheckout()
    fake.checkouts.get(c.reference)!.status = 'paid'
    const paid = fake.signedEvent(c.reference, 'checkout.paid')
    for (let i = 0; i < 10; i++) await webhook(paid.body, paid.signature)
    expect(await statusOf(c.orderId)).toEqual({ s: 'pending', p: 'paid' })
    const [payment] = await t.db.select().from(payments).where(eq(payments.providerReference, c.reference))
    expect(payment).toMatchObject({ status: 'succeeded', fee: Math.round(c.total * 0.015) })
    expect(await t.db.select().from(outbox).where(and(eq(outbox.kind, 'order_placed'), eq(outbox.toAddress, c.buyer.email)))).toHaveLength(1)
  })

  it('"failed" gives the stock back and puts the lines back into the cart', async () => {
    const c = await edahabiaCheckout()
    fake.checkouts.get(c.reference)!.status = 'failed'
    const failed = fake.signedEvent(c.reference, 'checkout.failed')
    expect(await webhook(failed.body, failed.signature)).toBe('applied')
    expect(await webhook(failed.body, failed.signature)).toBe('duplicate')
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
    expect((await listCartLines(t.db, { userId: c.buyer.id })).map((l) => [l.productId, l.quantity])).toEqual([[c.productId, 2]])
  })

  it('"paid" on orders the buyer already cancelled: Chargily cannot refund, so it goes to the admin queue and the audit log', async () => {
    const c = await edahabiaCheckout()
    await cancelUnpaidOrders(t.db, { orderIds: [c.orderId], actor: { kind: 'buyer', userId: c.buyer.id }, buyerId: c.buyer.id, siteUrl })
    fake.checkouts.get(c.reference)!.status = 'paid'
    const paid = fake.signedEvent(c.reference, 'checkout.paid')
    await webhook(paid.body, paid.signature)
    await webhook(paid.body, paid.signature)
    expect(await statusOf(c.orderId)).toEqual({ s: 'cancelled', p: 'unpaid' })
    const issues = await t.db.select().from(paymentIssues).where(eq(paymentIssues.providerReference, c.reference))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ kind: 'paid_after_cancel', status: 'open', amount: c.total, checkoutId: c.checkoutId })
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, c.reference))
    expect(audit.map((a) => a.action)).toEqual(['payment.paid_after_cancel'])
  })

  it('reconciliation finds a planted payment without an order and a lost webhook, once', async () => {
    const lost = await edahabiaCheckout()
    // Paid at Chargily, but the webhook never came.
    fake.checkouts.get(lost.reference)!.status = 'paid'
    const stray = fake.plant({ amount: 4321, status: 'paid', metadata: { checkoutId: 'not-ours' } })
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Africa/Algiers' }).format(new Date())
    const [result] = await reconcilePayments(t.db, { chargily }, { day, siteUrl })
    expect(result!.mismatches).toContainEqual({ kind: 'paid_without_order', reference: stray.id })
    expect(await statusOf(lost.orderId)).toEqual({ s: 'pending', p: 'paid' })
    const [issue] = await t.db.select().from(paymentIssues).where(eq(paymentIssues.providerReference, stray.id))
    expect(issue).toMatchObject({ kind: 'paid_without_order', status: 'open', amount: 432_100 })
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, stray.id), eq(auditLog.action, 'payment.paid_without_order')))).toHaveLength(1)
    // A second run finds nothing new.
    const [again] = await reconcilePayments(t.db, { chargily }, { day, siteUrl })
    expect(again!.mismatches).toEqual([])
  })

  it('reconciliation flags an amount that differs from ours', async () => {
    const c = await edahabiaCheckout()
    const checkout = fake.checkouts.get(c.reference)!
    checkout.status = 'paid'
    const paid = fake.signedEvent(c.reference, 'checkout.paid')
    await webhook(paid.body, paid.signature)
    checkout.amount = checkout.amount - 100
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Africa/Algiers' }).format(new Date())
    const [result] = await reconcilePayments(t.db, { chargily }, { day, siteUrl })
    expect(result!.mismatches).toContainEqual({ kind: 'amount_differs', reference: c.reference })
  })

  it('a signed body of the wrong shape (no data, data not an object, a status named constructor) is refused as a bad body or ignored, never a TypeError', async () => {
    const sign = (body: string) => createHmac('sha256', secretKey).update(body, 'utf8').digest('hex')
    const before = await t.db.select().from(paymentEvents)
    for (const value of [
      { id: 'evt_1', type: 'checkout.paid' },
      { id: 'evt_2', type: 'checkout.paid', data: null },
      { id: 'evt_3', type: 'checkout.paid', data: 'x' },
      { id: 'evt_4', type: 'checkout.paid', data: { id: 42, status: 'paid' } },
      null,
      [1, 2],
    ]) {
      const body = JSON.stringify(value)
      await expect(webhook(body, sign(body)), body).rejects.toBeInstanceOf(SyntaxError)
    }
    for (const value of [{ id: 'evt_5', type: 'constructor', data: { id: 'ch_unknown', status: 'constructor', amount: 1, created_at: 1 } }]) {
      const body = JSON.stringify(value)
      await expect(webhook(body, sign(body))).resolves.toBeDefined()
    }
    expect((await t.db.select().from(paymentEvents)).length - before.length).toBeLessThanOrEqual(1)
  })
})
