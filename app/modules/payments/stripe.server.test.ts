import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orders, outbox, paymentEvents, payments, products } from '#db/schema'
import { addToCart, listCartLines } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { openCardPayment } from './card-checkout.server'
import { createCardSession, createStripe, handleStripeWebhook, InvalidSignatureError, sweepUnpaidOrders } from './stripe.server'

const secret = 'whsec_test_secret_for_taswiq'
const siteUrl = 'http://localhost:3000'
let t: TestDatabase
let categoryId: string
let standIn: Server
let requests: { path: string; body: string; idempotencyKey: string | undefined }[] = []
let stripe: ReturnType<typeof createStripe>

// A local stand-in for the Stripe API: records what the SDK sends, answers like Stripe would.
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
  standIn = createServer(async (req: IncomingMessage, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    requests.push({ path: req.url ?? '', body, idempotencyKey: req.headers['idempotency-key'] as string | undefined })
    const params = new URLSearchParams(body)
    res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'req_test' })
    res.end(
      JSON.stringify({
        id: `cs_test_${createId()}`,
        object: 'checkout.session',
        url: 'https://checkout.stripe.test/pay',
        client_reference_id: params.get('client_reference_id'),
      })
    )
  })
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve))
  stripe = createStripe({ secretKey: 'sk_test_taswiq', host: '127.0.0.1', port: (standIn.address() as AddressInfo).port, protocol: 'http' })
})
afterAll(async () => {
  await new Promise((resolve) => standIn?.close(resolve))
  await t?.close()
})

/** A card checkout of 2 units (stock 5 → 3) waiting for payment. */
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
  return { checkoutId: placed.checkoutId, orderId: placed.orders[0]!.id, productId: product.id, buyer }
}

function signed(event: { id: string; type: string; session: Record<string, unknown> }) {
  const payload = JSON.stringify({ id: event.id, object: 'event', type: event.type, data: { object: { object: 'checkout.session', ...event.session } } })
  return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret }) }
}

const statusOf = async (orderId: string) => (await t.db.select({ s: orders.status, p: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId)))[0]!
const stockOf = async (productId: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, productId)))[0]!.s

describe('Stripe card payments', () => {
  it('creates a Checkout Session in DZD with the lines, the checkout as reference and an idempotency key', async () => {
    const c = await cardCheckout()
    requests = []
    const session = await createCardSession(t.db, stripe, { checkoutId: c.checkoutId, buyerEmail: c.buyer.email, siteUrl })
    expect(session.url).toBe('https://checkout.stripe.test/pay')
    expect(requests).toHaveLength(1)
    const sent = new URLSearchParams(requests[0]!.body)
    expect(requests[0]!.path).toBe('/v1/checkout/sessions')
    expect(requests[0]!.idempotencyKey).toBe(`checkout-${c.checkoutId}`)
    expect(sent.get('mode')).toBe('payment')
    expect(sent.get('client_reference_id')).toBe(c.checkoutId)
    expect(sent.get('line_items[0][price_data][currency]')).toBe('dzd')
    expect(sent.get('line_items[0][price_data][unit_amount]')).toBe('180000')
    expect(sent.get('line_items[0][quantity]')).toBe('2')
    expect(sent.get('success_url')).toBe(`${siteUrl}/checkout/done?checkout=${c.checkoutId}`)
    const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, c.checkoutId))
    expect(payment).toMatchObject({ provider: 'stripe', providerReference: session.sessionId, status: 'open' })
  })

  it('a forged signature is refused and changes nothing', async () => {
    const c = await cardCheckout()
    const { payload } = signed({
      id: `evt_${createId()}`,
      type: 'checkout.session.completed',
      session: { id: 'cs_x', client_reference_id: c.checkoutId, payment_status: 'paid' },
    })
    const forged = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' })
    await expect(handleStripeWebhook(t.db, stripe, { payload, signature: forged, secret, siteUrl })).rejects.toBeInstanceOf(InvalidSignatureError)
    await expect(handleStripeWebhook(t.db, stripe, { payload, signature: null, secret, siteUrl })).rejects.toBeInstanceOf(InvalidSignatureError)
    // A body altered after signing.
    const good = signed({
      id: `evt_${createId()}`,
      type: 'checkout.session.completed',
      session: { id: 'cs_x', client_reference_id: c.checkoutId, payment_status: 'paid' },
    })
    await expect(
      handleStripeWebhook(t.db, stripe, { payload: good.payload.replace('paid', 'paid '), signature: good.signature, secret, siteUrl })
    ).rejects.toBeInstanceOf(InvalidSignatureError)
    expect(await statusOf(c.orderId)).toEqual({ s: 'awaiting_payment', p: 'unpaid' })
  })

  it('the same "completed" event ten times pays the orders once and announces them once', async () => {
    const c = await cardCheckout()
    const event = signed({
      id: `evt_${createId()}`,
      type: 'checkout.session.completed',
      session: { id: `cs_${createId()}`, client_reference_id: c.checkoutId, payment_status: 'paid' },
    })
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => handleStripeWebhook(t.db, stripe, { ...event, secret, siteUrl }).catch((e: unknown) => e))
    )
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1)
    expect(outcomes.filter((o) => o !== 'applied' && o !== 'duplicate')).toEqual([])
    expect(await statusOf(c.orderId)).toEqual({ s: 'pending', p: 'paid' })
    const mails = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'order_placed'), eq(outbox.toAddress, c.buyer.email)))
    expect(mails).toHaveLength(1)
    expect(
      await t.db
        .select()
        .from(paymentEvents)
        .where(eq(paymentEvents.providerEventId, JSON.parse(event.payload).id))
    ).toHaveLength(1)
  })

  it('events out of order: "expired" after "completed" does not undo the payment', async () => {
    const c = await cardCheckout()
    const sessionId = `cs_${createId()}`
    const completed = signed({
      id: `evt_${createId()}`,
      type: 'checkout.session.completed',
      session: { id: sessionId, client_reference_id: c.checkoutId, payment_status: 'paid' },
    })
    const expired = signed({
      id: `evt_${createId()}`,
      type: 'checkout.session.expired',
      session: { id: sessionId, client_reference_id: c.checkoutId, payment_status: 'unpaid' },
    })
    await handleStripeWebhook(t.db, stripe, { ...completed, secret, siteUrl })
    await handleStripeWebhook(t.db, stripe, { ...expired, secret, siteUrl })
    expect(await statusOf(c.orderId)).toEqual({ s: 'pending', p: 'paid' })
    expect(await stockOf(c.productId)).toBe(3)
  })

  it('an expired session cancels the orders and gives the stock back; a late "completed" cannot revive them', async () => {
    const c = await cardCheckout()
    const sessionId = `cs_${createId()}`
    await handleStripeWebhook(t.db, stripe, {
      ...signed({
        id: `evt_${createId()}`,
        type: 'checkout.session.expired',
        session: { id: sessionId, client_reference_id: c.checkoutId, payment_status: 'unpaid' },
      }),
      secret,
      siteUrl,
    })
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
    await handleStripeWebhook(t.db, stripe, {
      ...signed({
        id: `evt_${createId()}`,
        type: 'checkout.session.completed',
        session: { id: sessionId, client_reference_id: c.checkoutId, payment_status: 'paid' },
      }),
      secret,
      siteUrl,
    })
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
  })

  it('the sweep cancels card orders left unpaid past the session lifetime, and only those', async () => {
    const old = await cardCheckout()
    const fresh = await cardCheckout()
    await t.db
      .update(orders)
      .set({ createdAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(orders.id, old.orderId))
    await sweepUnpaidOrders(t.db, { siteUrl })
    expect((await statusOf(old.orderId)).s).toBe('cancelled')
    expect(await stockOf(old.productId)).toBe(5)
    expect((await statusOf(fresh.orderId)).s).toBe('awaiting_payment')
  })

  it('when Stripe cannot be reached, the orders are cancelled, the stock and the cart come back', async () => {
    const c = await cardCheckout()
    const unreachable = createStripe({ secretKey: 'sk_test_taswiq', host: '127.0.0.1', port: 9, protocol: 'http' })
    const url = await openCardPayment(t.db, unreachable, { checkoutId: c.checkoutId, orderIds: [c.orderId], buyerId: c.buyer.id, buyerEmail: c.buyer.email })
    expect(url).toBeNull()
    expect((await statusOf(c.orderId)).s).toBe('cancelled')
    expect(await stockOf(c.productId)).toBe(5)
    expect((await listCartLines(t.db, { userId: c.buyer.id })).map((l) => [l.productId, l.quantity])).toEqual([[c.productId, 2]])
  }, 30_000)
})
