import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createId } from '@paralleldrive/cuid2'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, ledgerEntries, orders, paymentIssues, payments, products } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { MediaError } from '~/modules/media/images.server'
import { createDiskStorage } from '~/modules/media/storage.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
import { openCardPayment } from '~/modules/payments/card-checkout.server'
import { resolvePaymentIssue } from '~/modules/payments/admin-queue.server'
import { handlePaymentWebhook } from '~/modules/payments/payments.server'
import { RefundUnsupportedError, type PaymentProvider } from '~/modules/payments/provider'
import { createStripe, createStripeProvider } from '~/modules/payments/stripe.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { startFakeStripe, type FakeStripe } from '../../../tests/support/fake-stripe'
import { startFakeYalidine, type FakeYalidine } from '../../../tests/support/fake-yalidine'
import { recordCodCall } from './cod.server'
import { saveShopCarrier, type DeliveryDeps } from './settings.server'
import { shipWithCarrier } from './shipping.server'
import { applyCarrierEvents, pollParcels } from './tracking.server'
import { retryReturnRefunds } from './return-refunds.server'
import { answerReturn, getReturnRequest, listDisputedReturns, receiveReturn, requestReturn, returnPhotosView, TooManyReturnPhotosError } from './returns.server'

// Issue 19: a return's photos (media pipeline) and the card refund of a returned order (fake Stripe,
// a timeout and the job's retry; a provider without refunds → the admin queue).

const secret = 'whsec_test_secret_for_taswiq'
const siteUrl = 'http://localhost:3000'
let t: TestDatabase
let categoryId: string
let fake: FakeStripe
let stripe: PaymentProvider
let dir: string

beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
  fake = await startFakeStripe()
  stripe = createStripeProvider(createStripe({ secretKey: 'sk_test_taswiq', host: fake.host, port: fake.port, protocol: 'http' }), {
    webhookSecret: secret,
    feeBps: 290,
  })
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-returns-'))
})
afterAll(async () => {
  await fake?.close()
  await t?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A card order of 2 units, paid through the fake Stripe, shipped and delivered: the ledger has its sale. */
async function deliveredCardOrder() {
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
  const orderId = placed.orders[0]!.id
  await openCardPayment(
    t.db,
    { method: 'card', language: 'ar', checkoutId: placed.checkoutId, orderIds: [orderId], buyerId: buyer.id, buyerEmail: buyer.email },
    { stripe }
  )
  const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, placed.checkoutId))
  fake.update(payment!.providerReference, { status: 'complete', payment_status: 'paid' })
  const { payload, signature } = fake.signedEvent('checkout.session.completed', payment!.providerReference, secret)
  await handlePaymentWebhook(t.db, stripe, { rawBody: payload, headers: new Headers({ 'Stripe-Signature': signature }), siteUrl })
  const producer = { kind: 'producer' as const, userId: shop.ownerId }
  await transitionOrder(t.db, { orderId, to: 'confirmed', actor: producer, siteUrl })
  await transitionOrder(t.db, { orderId, to: 'shipped', actor: producer, carrier: 'Yalidine', trackingNumber: 'yal-9', siteUrl })
  await transitionOrder(t.db, { orderId, to: 'delivered', actor: producer, siteUrl })
  const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId))
  return { orderId, shop, buyer, total: order!.total, paymentIntent: fake.sessions.get(payment!.providerReference)!.payment_intent! }
}

const net = async (orderId: string) => (await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, orderId))).reduce((sum, e) => sum + e.amount, 0)
const jpeg = (color: string) =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: color } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: 'gps-here' } } })
    .toBuffer()

describe('return photos', () => {
  it('takes up to 3 photos through the media pipeline (WebP, no metadata) and shows them on the request', async () => {
    const o = await deliveredCardOrder()
    const storage = createDiskStorage(dir)
    const photos = [
      { name: 'a.jpg', bytes: await jpeg('#a33') },
      { name: 'b.jpg', bytes: await jpeg('#3a3') },
    ]
    await requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'not_as_described', note: 'مكسور', photos, storage })
    const row = await getReturnRequest(t.db, o.orderId)
    expect(row!.photos).toHaveLength(2)
    const files = await readdir(path.join(dir, 'returns', o.orderId))
    expect(files.every((f) => f.endsWith('.webp'))).toBe(true)
    const meta = await sharp(path.join(dir, 'returns', o.orderId, files[0]!)).metadata()
    expect(meta.exif).toBeUndefined()
    // Disputed: the moderators deciding it see the same photos, as responsive images of that storage.
    await answerReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, accept: false, note: 'كان سليمًا عند الإرسال' })
    const dispute = (await listDisputedReturns(t.db)).find((d) => d.orderId === o.orderId)
    const shown = returnPhotosView(dispute!, storage)!
    expect(shown.photos).toHaveLength(2)
    expect(shown.photos[0]!.src).toMatch(new RegExp(`^/media/returns/${o.orderId}/.+\\.webp$`))
  })

  it('refuses a 4th photo or a file that is not a photo, and changes nothing', async () => {
    const o = await deliveredCardOrder()
    const storage = createDiskStorage(dir)
    const four = await Promise.all(['#111', '#222', '#333', '#444'].map(async (c, i) => ({ name: `${i}.jpg`, bytes: await jpeg(c) })))
    await expect(requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late', photos: four, storage })).rejects.toBeInstanceOf(
      TooManyReturnPhotosError
    )
    const bad = [
      { name: 'ok.jpg', bytes: await jpeg('#555') },
      { name: 'virus.exe', bytes: new Uint8Array(Buffer.from('MZ this is not a photo')) },
    ]
    const error = await requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late', photos: bad, storage }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MediaError)
    expect((error as MediaError).fileName).toBe('virus.exe')
    expect(await getReturnRequest(t.db, o.orderId)).toBeNull()
    // The good photo stored before the bad one was removed again.
    expect(await readdir(path.join(dir, 'returns', o.orderId)).catch(() => [])).toEqual([])
  })
})

describe('card refund of an accepted return', () => {
  it('refunds once through the provider even when its answer times out and the job asks again; the ledger is reversed once', async () => {
    const o = await deliveredCardOrder()
    expect(await net(o.orderId)).toBeGreaterThan(0)
    await requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late' })
    await answerReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, accept: true })
    // The provider carries the refund out but every answer is lost (the SDK's own 2 retries too).
    fake.dropRefundAnswers = 3
    const received = await receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl, providers: { stripe } })
    expect(received.refund).toBe('pending')
    expect(fake.dropRefundAnswers).toBe(0)
    let row = await getReturnRequest(t.db, o.orderId)
    expect(row).toMatchObject({ status: 'received', refundStatus: 'pending', refundAmount: o.total })
    expect(await net(o.orderId)).toBe(0)

    // The job's round: the same idempotency key, so the provider answers with the refund it made.
    expect(await retryReturnRefunds(t.db, { stripe })).toContain('refunded')
    row = await getReturnRequest(t.db, o.orderId)
    expect(row).toMatchObject({ refundStatus: 'refunded' })
    const mine = fake.refunds.filter((r) => r.payment_intent === o.paymentIntent)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.amount).toBe(o.total)
    expect(row!.refundReference).toBe(mine[0]!.id)
    const keys = new Set(
      fake.requests.filter((r) => r.path === '/v1/refunds' && r.params.get('payment_intent') === o.paymentIntent).map((r) => r.idempotencyKey)
    )
    expect([...keys]).toEqual([`order-refund-${o.orderId}`])
    const [order] = await t.db.select({ p: orders.paymentStatus, s: orders.status }).from(orders).where(eq(orders.id, o.orderId))
    expect(order).toEqual({ p: 'refunded', s: 'returned' })

    // Another round, or the producer's form again: nothing more.
    expect(await retryReturnRefunds(t.db, { stripe })).not.toContain('refunded')
    await expect(receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl, providers: { stripe } })).rejects.toThrow()
    expect(fake.refunds.filter((r) => r.payment_intent === o.paymentIntent)).toHaveLength(1)
    expect(await net(o.orderId)).toBe(0)
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, o.orderId))
    expect(audits.filter((a) => a.action === 'payment.refunded')).toHaveLength(1)
  })

  it('a provider without a refund API (Chargily) puts the refund in the admin queue, once', async () => {
    const o = await deliveredCardOrder()
    await requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late' })
    await answerReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, accept: true })
    // The payment was Stripe's; a provider of the same name that cannot refund stands in for Chargily's adapter.
    const noRefunds: PaymentProvider = {
      ...stripe,
      refund: async () => {
        throw new RefundUnsupportedError('no refund API')
      },
    }
    const received = await receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl, providers: { stripe: noRefunds } })
    expect(received.refund).toBe('queued')
    expect(await retryReturnRefunds(t.db, { stripe: noRefunds })).toEqual([])
    const row = await getReturnRequest(t.db, o.orderId)
    expect(row!.refundStatus).toBe('queued')
    const issues = (await t.db.select().from(paymentIssues).where(eq(paymentIssues.kind, 'return_refund'))).filter(
      (i) => (i.details as { returnId?: string }).returnId === row!.id
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ status: 'open', amount: o.total })
    // The admin refunds from Chargily's dashboard and closes the issue: the return and the order say refunded.
    const admin = await createUser(t.db, { role: 'admin' })
    await resolvePaymentIssue(t.db, { issueId: issues[0]!.id, adminId: admin.id, note: 'remboursé depuis le tableau de bord', ip: null })
    expect((await getReturnRequest(t.db, o.orderId))!.refundStatus).toBe('refunded')
    expect((await t.db.select({ p: orders.paymentStatus }).from(orders).where(eq(orders.id, o.orderId)))[0]!.p).toBe('refunded')
  })
})

describe('card refund of a parcel the carrier returned', () => {
  let yalidine: FakeYalidine
  let deps: DeliveryDeps
  let clock = 0
  beforeAll(async () => {
    yalidine = await startFakeYalidine({ apiId: 'platform-id', apiToken: 'platform-token' })
    deps = {
      platform: { yalidine: { baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token' } },
      secret: 'a-test-secret-of-at-least-32-characters!',
      siteUrl,
      timeoutMs: 400,
      minIntervalMs: 210,
    }
  })
  afterAll(async () => {
    await yalidine?.close()
  })
  const poll = () => pollParcels(t.db, deps, { now: new Date(Date.now() + (clock += 31) * 60_000) })
  const stockOf = async (id: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0]!.s

  /** An order of 2 units (stock 5 → 3), card-paid through the fake Stripe or COD, shipped with the fake Yalidine. */
  async function shippedOrder(paymentMethod: 'card' | 'cod') {
    const shop = await createShop(t.db)
    await saveShopCarrier(t.db, deps, { shopId: shop.id, carrier: 'yalidine', account: 'platform' })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5, price: 150_000 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 2)
    const placed = await convertCartToOrders(t.db, {
      buyerId: buyer.id,
      idempotencyKey: createId(),
      paymentMethod,
      deliveryMode: 'home',
      address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
      commissionBps: 1000,
      siteUrl,
    })
    const orderId = placed.orders[0]!.id
    const producer = { kind: 'producer' as const, userId: shop.ownerId }
    let paymentIntent: string | null = null
    if (paymentMethod === 'card') {
      await openCardPayment(
        t.db,
        { method: 'card', language: 'ar', checkoutId: placed.checkoutId, orderIds: [orderId], buyerId: buyer.id, buyerEmail: buyer.email },
        { stripe }
      )
      const [payment] = await t.db.select().from(payments).where(eq(payments.checkoutId, placed.checkoutId))
      fake.update(payment!.providerReference, { status: 'complete', payment_status: 'paid' })
      const { payload, signature } = fake.signedEvent('checkout.session.completed', payment!.providerReference, secret)
      await handlePaymentWebhook(t.db, stripe, { rawBody: payload, headers: new Headers({ 'Stripe-Signature': signature }), siteUrl })
      paymentIntent = fake.sessions.get(payment!.providerReference)!.payment_intent!
      await transitionOrder(t.db, { orderId, to: 'confirmed', actor: producer, siteUrl })
    } else {
      await recordCodCall(t.db, { orderId, shopId: shop.id, producerId: shop.ownerId, outcome: 'confirmed', siteUrl })
    }
    const parcel = await shipWithCarrier(t.db, deps, { orderId, shopId: shop.id, actor: producer })
    expect(parcel.status).toBe('created')
    const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId))
    expect(order!.status).toBe('shipped')
    expect(await stockOf(product.id)).toBe(3)
    return { orderId, productId: product.id, parcelId: parcel.id, tracking: parcel.tracking!, total: order!.total, paymentIntent }
  }

  it('a card order refused at the door: stock back, ledger reversed, refunded exactly once though the first answer is lost', async () => {
    const o = await shippedOrder('card')
    yalidine.advance(o.tracking, 'Sorti en livraison')
    yalidine.advance(o.tracking, 'Echèc livraison', 'Client refuse le colis')
    await poll()
    const [returned] = await t.db.select().from(orders).where(eq(orders.id, o.orderId))
    expect(returned).toMatchObject({ status: 'returned', paymentStatus: 'paid' })
    expect(await stockOf(o.productId)).toBe(5)
    expect(await net(o.orderId)).toBe(0)

    // The job's first round: the provider refunds but every answer is lost (the SDK's own 2 retries too).
    fake.dropRefundAnswers = 3
    expect(await retryReturnRefunds(t.db, { stripe })).toContain('pending')
    expect(fake.dropRefundAnswers).toBe(0)
    // The next round: the same key, the provider answers with the refund it made.
    expect(await retryReturnRefunds(t.db, { stripe })).toContain('refunded')
    expect(await retryReturnRefunds(t.db, { stripe })).not.toContain('refunded')
    await poll()

    const mine = fake.refunds.filter((r) => r.payment_intent === o.paymentIntent)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.amount).toBe(o.total)
    const keys = new Set(
      fake.requests.filter((r) => r.path === '/v1/refunds' && r.params.get('payment_intent') === o.paymentIntent).map((r) => r.idempotencyKey)
    )
    expect([...keys]).toEqual([`order-refund-${o.orderId}`])
    const [order] = await t.db.select({ p: orders.paymentStatus, s: orders.status }).from(orders).where(eq(orders.id, o.orderId))
    expect(order).toEqual({ p: 'refunded', s: 'returned' })
    expect(await net(o.orderId)).toBe(0)
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, o.orderId))
    expect(audits.filter((a) => a.action === 'payment.refunded')).toHaveLength(1)
  })

  it('Chargily (no refund API): the refusal goes to the admin queue, once', async () => {
    const o = await shippedOrder('card')
    yalidine.advance(o.tracking, 'Sorti en livraison')
    yalidine.advance(o.tracking, 'Echèc livraison', 'Client ne répond pas')
    await poll()
    const noRefunds: PaymentProvider = {
      ...stripe,
      refund: async () => {
        throw new RefundUnsupportedError('no refund API')
      },
    }
    expect(await retryReturnRefunds(t.db, { stripe: noRefunds })).toContain('queued')
    expect(await retryReturnRefunds(t.db, { stripe: noRefunds })).toEqual([])
    const issues = (await t.db.select().from(paymentIssues).where(eq(paymentIssues.kind, 'return_refund'))).filter((i) =>
      (i.details as { orderIds?: string[] }).orderIds?.includes(o.orderId)
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ status: 'open', amount: o.total })
    const admin = await createUser(t.db, { role: 'admin' })
    await resolvePaymentIssue(t.db, { issueId: issues[0]!.id, adminId: admin.id, note: 'remboursé à la main', ip: null })
    expect((await t.db.select().from(orders).where(eq(orders.id, o.orderId)))[0]!.paymentStatus).toBe('refunded')
  })

  it('delivered, then returned to the seller (the carrier webhook path): the sale reversed, refunded once', async () => {
    const o = await shippedOrder('card')
    yalidine.advance(o.tracking, 'Livré')
    await poll()
    expect(await net(o.orderId)).toBeGreaterThan(0)
    await applyCarrierEvents(t.db, deps, o.parcelId, [
      { carrierStatus: 'Retourné au vendeur', state: 'returned', occurredAt: new Date(Date.now() + 86_400_000), reason: null, place: null },
    ])
    expect((await t.db.select().from(orders).where(eq(orders.id, o.orderId)))[0]!.status).toBe('returned')
    expect(await net(o.orderId)).toBe(0)
    expect(await stockOf(o.productId)).toBe(5)
    expect(await retryReturnRefunds(t.db, { stripe })).toContain('refunded')
    expect(await retryReturnRefunds(t.db, { stripe })).not.toContain('refunded')
    expect(fake.refunds.filter((r) => r.payment_intent === o.paymentIntent)).toHaveLength(1)
    expect((await t.db.select().from(orders).where(eq(orders.id, o.orderId)))[0]!.paymentStatus).toBe('refunded')
  })

  it('a COD order refused: returned, stock back, no refund asked', async () => {
    const o = await shippedOrder('cod')
    const before = fake.requests.filter((r) => r.path === '/v1/refunds').length
    yalidine.advance(o.tracking, 'Sorti en livraison')
    yalidine.advance(o.tracking, 'Echèc livraison', 'Client ne répond pas')
    await poll()
    const [order] = await t.db.select().from(orders).where(eq(orders.id, o.orderId))
    expect(order).toMatchObject({ status: 'returned', paymentStatus: 'unpaid' })
    expect(await stockOf(o.productId)).toBe(5)
    await retryReturnRefunds(t.db, { stripe })
    expect(fake.requests.filter((r) => r.path === '/v1/refunds').length).toBe(before)
  })
})
