import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ledgerEntries, orderEvents, orders, outbox, parcels, products, shopCarriers, stockMovements } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { OrderTransitionError, transitionOrder, type OrderActor } from '~/modules/orders/lifecycle.server'
import { ecotrackCreateExample, shapeOf, yalidineCreateExample } from '../../../tests/support/carrier-examples'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { startFakeEcotrack, FAKE_LABEL_PDF, type FakeEcotrack } from '../../../tests/support/fake-ecotrack'
import { startFakeYalidine, type FakeYalidine } from '../../../tests/support/fake-yalidine'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { cancelUnansweredCodOrders, CodNotPendingError, codCodeRequired, CodReasonRequiredError, recentRefusals, recordCodCall, sendCodCode, verifyCodCode } from './cod.server'
import { createEcotrackCarrier } from './ecotrack.server'
import { refusalRates } from './refusals.server'
import { saveShopCarrier, type CarrierKind, type DeliveryDeps } from './settings.server'
import { retryFailedParcels, retryParcelNow, shipWithCarrier } from './shipping.server'
import { pollParcels } from './tracking.server'
import { createYalidineCarrier } from './yalidine.server'

let t: TestDatabase
let yalidine: FakeYalidine
let ecotrack: FakeEcotrack
let deps: DeliveryDeps
let categoryId: string
const siteUrl = 'http://localhost:3000'
const MINUTE = 60_000

beforeAll(async () => {
  ;[t, yalidine, ecotrack] = await Promise.all([
    createTestDatabase(),
    startFakeYalidine({ apiId: 'platform-id', apiToken: 'platform-token' }),
    startFakeEcotrack({ token: 'eco-token' }),
  ])
  categoryId = (await createCategory(t.db)).id
  deps = {
    platform: {
      yalidine: { baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token' },
      ecotrack: { baseUrl: ecotrack.url, token: 'eco-token' },
    },
    secret: 'a-test-secret-of-at-least-32-characters!',
    siteUrl,
    timeoutMs: 400,
    minIntervalMs: 210,
  }
})
afterAll(async () => {
  await Promise.all([t?.close(), yalidine?.close(), ecotrack?.close()])
})
beforeEach(() => {
  yalidine.requests.length = 0
  ecotrack.requests.length = 0
})

/** A COD order of 2 units (stock 5 → 3) from a shop shipping with `carrier` on the platform's account. */
async function placedOrder({ carrier = 'yalidine', confirmed = true }: { carrier?: CarrierKind; confirmed?: boolean } = {}) {
  const shop = await createShop(t.db)
  await saveShopCarrier(t.db, deps, { shopId: shop.id, carrier, account: 'platform' })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5, title: 'طاجين فخار' })
  const buyer = await createUser(t.db, { name: 'سليمة بن علي' })
  await addToCart(t.db, { userId: buyer.id }, product.id, 2)
  const placed = await convertCartToOrders(t.db, {
    buyerId: buyer.id,
    idempotencyKey: createId(),
    paymentMethod: 'cod',
    deliveryMode: 'home',
    address: { fullName: 'سليمة بن علي', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
    commissionBps: 1000,
    siteUrl,
  })
  const orderId = placed.orders[0]!.id
  const producer: OrderActor = { kind: 'producer', userId: shop.ownerId }
  if (confirmed) await recordCodCall(t.db, { orderId, shopId: shop.id, producerId: shop.ownerId, outcome: 'confirmed', siteUrl })
  return { orderId, shopId: shop.id, productId: product.id, producer, producerId: shop.ownerId, buyerId: buyer.id, buyerEmail: buyer.email }
}

const orderOf = async (id: string) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!
const stockOf = async (id: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0]!.s
const parcelsOf = async (orderId: string) => t.db.select().from(parcels).where(eq(parcels.orderId, orderId))
const later = (ms: number) => new Date(Date.now() + ms)

describe('adapters against the documented requests', () => {
  it('Yalidine: the create request has the documented fields and types, with the API id/token headers', async () => {
    const carrier = createYalidineCarrier({ baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token', minIntervalMs: 210 })
    const made = await carrier.createParcel({
      reference: 'TSQ-000001',
      recipientName: 'سليمة بن علي',
      phone: '0661234567',
      address: 'حي 20 أوت',
      wilayaCode: 16,
      wilayaName: 'Alger',
      communeName: 'Bab Ezzouar',
      fromWilayaName: 'Tizi Ouzou',
      mode: 'desk',
      stopDeskId: '160001',
      codAmount: 3500,
      contents: '2 × طاجين',
      shopName: 'فخار',
    })
    expect(made.tracking).toMatch(/^yal-/)
    expect(made.labelUrl).toContain(made.tracking)
    const sent = yalidine.requests.find((r) => r.method === 'POST')!.body as Record<string, unknown>[]
    expect(Array.isArray(sent)).toBe(true)
    expect(shapeOf(sent[0]!)).toEqual(shapeOf(yalidineCreateExample[0]!))
    expect(sent[0]).toMatchObject({ order_id: 'TSQ-000001', firstname: 'سليمة', familyname: 'بن علي', price: 3500, is_stopdesk: true })
    // The same reference is how a retry finds the parcel.
    expect(await carrier.findParcel!('TSQ-000001')).toEqual(made)
    expect(await carrier.findParcel!('TSQ-999999')).toBeNull()
  })

  it('EcoTrack: the create request has the documented fields, a Bearer token, and the label is the PDF', async () => {
    const carrier = createEcotrackCarrier({ baseUrl: ecotrack.url, token: 'eco-token', minIntervalMs: 210 })
    const made = await carrier.createParcel({
      reference: 'TSQ-000002',
      recipientName: 'سليمة',
      phone: '0661234567',
      address: 'حي 20 أوت',
      wilayaCode: 16,
      wilayaName: 'Alger',
      communeName: 'Bab Ezzouar',
      fromWilayaName: 'Tizi Ouzou',
      mode: 'home',
      codAmount: 3500,
      contents: '2 × طاجين',
      shopName: 'فخار',
    })
    const create = ecotrack.requests.find((r) => r.method === 'POST')!
    expect(create.authorization).toBe('Bearer eco-token')
    expect(shapeOf(create.body as Record<string, unknown>)).toEqual(shapeOf(ecotrackCreateExample))
    const label = await carrier.getLabel({ tracking: made.tracking, labelUrl: null })
    expect(label.kind).toBe('pdf')
    expect(Buffer.from((label as { bytes: Uint8Array }).bytes).toString()).toBe(FAKE_LABEL_PDF)
  })

  it('stop-desks and fees per wilaya from both carriers; wrong keys are an auth error', async () => {
    const y = createYalidineCarrier({ baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token', minIntervalMs: 210 })
    expect((await y.stopDesks(16)).map((d) => d.wilayaCode)).toEqual([16, 16])
    expect(await y.fees(15, 16)).toEqual({ wilayaCode: 16, home: 600, desk: 400 })
    const e = createEcotrackCarrier({ baseUrl: ecotrack.url, token: 'eco-token', minIntervalMs: 210 })
    expect(await e.stopDesks(16)).toHaveLength(1)
    expect(await e.fees(15, 16)).toEqual({ wilayaCode: 16, home: 516, desk: 316 })
    const bad = createYalidineCarrier({ baseUrl: yalidine.url, apiId: 'x', apiToken: 'y', minIntervalMs: 210 })
    await expect(bad.stopDesks(16)).rejects.toMatchObject({ kind: 'auth' })
  })

  it('more than 5 requests a second is answered 429; spaced at 5 a second, none is', async () => {
    await new Promise((r) => setTimeout(r, 1100))
    const headers = { 'X-API-ID': 'platform-id', 'X-API-TOKEN': 'platform-token' }
    const burst = await Promise.all(Array.from({ length: 7 }, () => fetch(`${yalidine.url}/v1/centers/?wilaya_id=16`, { headers })))
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 1100))
    const spaced = createYalidineCarrier({ baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token', minIntervalMs: 210 })
    const ok = await Promise.allSettled(Array.from({ length: 7 }, () => spaced.stopDesks(16)))
    expect(ok.every((r) => r.status === 'fulfilled')).toBe(true)
  })

  it('two clients of one account, built with different options (a page, the checkout), queue behind each other', async () => {
    await new Promise((r) => setTimeout(r, 1100))
    const page = createYalidineCarrier({ baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token', minIntervalMs: 210 })
    const checkout = createYalidineCarrier({ baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token', minIntervalMs: 0, timeoutMs: 5_000 })
    const results = await Promise.allSettled([...Array.from({ length: 4 }, () => page.stopDesks(16)), ...Array.from({ length: 4 }, () => checkout.stopDesks(16))])
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
  })
})

describe('COD confirmation', () => {
  it('an unconfirmed COD order cannot be shipped: no parcel, no call to the carrier', async () => {
    const o = await placedOrder({ confirmed: false })
    await expect(shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })).rejects.toBeInstanceOf(OrderTransitionError)
    expect(await parcelsOf(o.orderId)).toHaveLength(0)
    expect(yalidine.requests).toHaveLength(0)
  })

  it('confirmed by phone → confirmed; cancelled by the buyer needs a reason and gives the stock back', async () => {
    const o = await placedOrder({ confirmed: false })
    await recordCodCall(t.db, { orderId: o.orderId, shopId: o.shopId, producerId: o.producerId, outcome: 'no_answer', siteUrl })
    await recordCodCall(t.db, { orderId: o.orderId, shopId: o.shopId, producerId: o.producerId, outcome: 'confirmed', siteUrl })
    expect((await orderOf(o.orderId)).status).toBe('confirmed')
    await expect(recordCodCall(t.db, { orderId: o.orderId, shopId: o.shopId, producerId: o.producerId, outcome: 'confirmed', siteUrl })).rejects.toBeInstanceOf(CodNotPendingError)
    const history = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.orderId))
    expect(history.map((e) => e.step ?? e.toStatus).sort()).toEqual(['confirmed', 'no_answer', 'pending'])

    const c = await placedOrder({ confirmed: false })
    await expect(recordCodCall(t.db, { orderId: c.orderId, shopId: c.shopId, producerId: c.producerId, outcome: 'cancelled', siteUrl })).rejects.toBeInstanceOf(CodReasonRequiredError)
    await recordCodCall(t.db, { orderId: c.orderId, shopId: c.shopId, producerId: c.producerId, outcome: 'cancelled', note: 'طلبت بالخطأ', siteUrl })
    expect(await orderOf(c.orderId)).toMatchObject({ status: 'cancelled', cancelReason: 'طلبت بالخطأ' })
    expect(await stockOf(c.productId)).toBe(5)
  })

  it('3 unanswered calls over 2 days → the job cancels the order and the stock comes back', async () => {
    const o = await placedOrder({ confirmed: false })
    const start = Date.now() - 2 * 24 * 60 * MINUTE - MINUTE
    for (const at of [start, start + 24 * 60 * MINUTE, Date.now() - MINUTE])
      await recordCodCall(t.db, { orderId: o.orderId, shopId: o.shopId, producerId: o.producerId, outcome: 'no_answer', siteUrl, now: new Date(at) })
    // Two unanswered calls, or three within 2 days, cancel nothing.
    const recent = await placedOrder({ confirmed: false })
    for (let i = 0; i < 3; i++) await recordCodCall(t.db, { orderId: recent.orderId, shopId: recent.shopId, producerId: recent.producerId, outcome: 'no_answer', siteUrl })

    const cancelled = await cancelUnansweredCodOrders(t.db, { siteUrl })
    expect(cancelled).toContain(o.orderId)
    expect(cancelled).not.toContain(recent.orderId)
    expect(await orderOf(o.orderId)).toMatchObject({ status: 'cancelled', cancelReason: 'no_answer' })
    expect(await stockOf(o.productId)).toBe(5)
    expect((await orderOf(recent.orderId)).status).toBe('pending')
  })
})

describe('shipping creates the parcel once', () => {
  it('the carrier times out after making the parcel; the job retries and finds it: exactly one parcel', async () => {
    const o = await placedOrder()
    const number = (await orderOf(o.orderId)).number
    yalidine.slowNextCreate(1500)
    const first = await shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })
    expect(first).toMatchObject({ status: 'failed', uncertain: 1 })
    expect(first.lastError).toContain('timeout')
    expect((await orderOf(o.orderId)).status).toBe('confirmed')
    // A second click while it is failed does not make a parcel row or call either (the job's turn).
    await new Promise((r) => setTimeout(r, 1300))
    const retried = await retryFailedParcels(t.db, deps, later(5 * MINUTE))
    expect(retried.map((p) => p.status)).toEqual(['created'])
    const atCarrier = [...yalidine.parcels.values()].filter((p) => p.order_id === number)
    expect(atCarrier).toHaveLength(1)
    expect(await parcelsOf(o.orderId)).toMatchObject([{ status: 'created', tracking: atCarrier[0]!.tracking, attempts: 2 }])
    expect(await orderOf(o.orderId)).toMatchObject({ status: 'shipped', carrier: 'Yalidine', trackingNumber: atCarrier[0]!.tracking })
    // Shipping again finds the parcel: no new call.
    const calls = yalidine.requests.length
    await shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })
    expect(yalidine.requests).toHaveLength(calls)
  })

  it('two clicks at once make one parcel', async () => {
    const o = await placedOrder()
    const number = (await orderOf(o.orderId)).number
    const results = await Promise.allSettled([
      shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer }),
      shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer }),
    ])
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true)
    expect([...yalidine.parcels.values()].filter((p) => p.order_id === number)).toHaveLength(1)
    expect(await parcelsOf(o.orderId)).toHaveLength(1)
  })

  it('a 429 or a 502 is retried by the job; wrong keys wait for the producer', async () => {
    const o = await placedOrder()
    yalidine.failNext(429)
    const limited = await shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })
    expect(limited).toMatchObject({ status: 'failed', uncertain: 0 })
    expect(limited.nextAttemptAt).not.toBeNull()
    expect((await retryFailedParcels(t.db, deps, later(10 * MINUTE))).find((p) => p.orderId === o.orderId)?.status).toBe('created')

    const k = await placedOrder()
    await saveShopCarrier(t.db, deps, { shopId: k.shopId, carrier: 'yalidine', account: 'shop', apiId: 'wrong', apiToken: 'keys' })
    const stored = (await t.db.select().from(shopCarriers).where(eq(shopCarriers.shopId, k.shopId)))[0]!
    expect(stored.credentials).not.toContain('wrong')
    const denied = await shipWithCarrier(t.db, deps, { orderId: k.orderId, shopId: k.shopId, actor: k.producer })
    expect(denied).toMatchObject({ status: 'failed', nextAttemptAt: null })
    expect(denied.lastError).toContain('auth')
    // The producer enters the right keys and tries again.
    await saveShopCarrier(t.db, deps, { shopId: k.shopId, carrier: 'yalidine', account: 'shop', apiId: 'platform-id', apiToken: 'platform-token' })
    expect((await retryParcelNow(t.db, deps, { orderId: k.orderId, shopId: k.shopId, actor: k.producer })).status).toBe('created')
  })

  it('EcoTrack cannot look a parcel up: a lost answer waits for the producer to check', async () => {
    const o = await placedOrder({ carrier: 'ecotrack' })
    ecotrack.failNext(502)
    const lost = await shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })
    expect(lost.status).toBe('needs_check')
    expect(await retryFailedParcels(t.db, deps, later(60 * MINUTE))).not.toContainEqual(expect.objectContaining({ orderId: o.orderId }))
    expect((await retryParcelNow(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })).status).toBe('needs_check')
    const made = await retryParcelNow(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer, noneAtCarrier: true })
    expect(made.status).toBe('created')
    expect((await orderOf(o.orderId)).trackingNumber).toBe(made.tracking)
  })
})

describe('the parcel moves the order', () => {
  async function shipped(carrier: CarrierKind = 'yalidine') {
    const o = await placedOrder({ carrier })
    const parcel = await shipWithCarrier(t.db, deps, { orderId: o.orderId, shopId: o.shopId, actor: o.producer })
    expect(parcel.status).toBe('created')
    return { ...o, tracking: parcel.tracking! }
  }
  // Each round a little later than the last, as the job runs.
  let clock = 0
  const poll = (minutes = 31) => pollParcels(t.db, deps, { now: later((clock += minutes) * MINUTE) })
  const eventsOf = async (orderId: string) =>
    (await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))

  it('polling walks the order through every step to delivered: events, emails, the ledger', async () => {
    const o = await shipped()
    for (const status of ['Ramassé', 'Centre', 'Sorti en livraison']) {
      yalidine.advance(o.tracking, status)
      await poll()
    }
    const steps = (await eventsOf(o.orderId)).filter((e) => e.step).map((e) => e.step)
    expect(steps).toEqual(['picked_up', 'in_transit', 'out_for_delivery'])
    const mails = await t.db.select().from(outbox).where(and(eq(outbox.kind, 'parcel_status'), eq(outbox.toAddress, o.buyerEmail)))
    expect(mails).toHaveLength(3)
    // A poll with nothing new changes nothing.
    await poll()
    expect((await eventsOf(o.orderId)).filter((e) => e.step)).toHaveLength(3)

    yalidine.advance(o.tracking, 'Livré')
    await poll()
    expect((await orderOf(o.orderId)).status).toBe('delivered')
    const ledger = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, o.orderId))
    expect(ledger.map((e) => e.kind).sort()).toEqual(['commission', 'sale'])
    expect((await parcelsOf(o.orderId))[0]).toMatchObject({ state: 'delivered', nextPollAt: null })
  })

  it('EcoTrack too: its activity codes map onto the same steps', async () => {
    const o = await shipped('ecotrack')
    ecotrack.advance(o.tracking, 'prise_en_charge')
    ecotrack.advance(o.tracking, 'en_livraison')
    await poll()
    expect((await eventsOf(o.orderId)).filter((e) => e.step).map((e) => e.step)).toEqual(['picked_up', 'out_for_delivery'])
    ecotrack.advance(o.tracking, 'livred')
    await poll()
    expect((await orderOf(o.orderId)).status).toBe('delivered')
  })

  it('refused at the door → returned: stock back, nothing owed, a refusal counted; after 2 the buyer needs a code', async () => {
    const o = await shipped()
    yalidine.advance(o.tracking, 'Sorti en livraison')
    yalidine.advance(o.tracking, 'Echèc livraison', 'Client ne répond pas')
    await poll()
    expect((await orderOf(o.orderId)).status).toBe('returned')
    expect(await stockOf(o.productId)).toBe(5)
    const movements = await t.db.select().from(stockMovements).where(and(eq(stockMovements.orderId, o.orderId), eq(stockMovements.reason, 'return')))
    expect(movements).toHaveLength(1)
    expect(await recentRefusals(t.db, o.buyerId)).toBe(1)
    expect(await codCodeRequired(t.db, o.buyerId)).toBe(false)

    // The same buyer's second order: delivered, then returned to the seller — the ledger is reversed.
    const shop = await createShop(t.db)
    await saveShopCarrier(t.db, deps, { shopId: shop.id, carrier: 'yalidine', account: 'platform' })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 4 })
    await addToCart(t.db, { userId: o.buyerId }, product.id, 1)
    const placed = await convertCartToOrders(t.db, {
      buyerId: o.buyerId,
      idempotencyKey: createId(),
      paymentMethod: 'cod',
      deliveryMode: 'home',
      address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
      commissionBps: 1000,
      siteUrl,
    })
    const second = placed.orders[0]!.id
    await recordCodCall(t.db, { orderId: second, shopId: shop.id, producerId: shop.ownerId, outcome: 'confirmed', siteUrl })
    const parcel = await shipWithCarrier(t.db, deps, { orderId: second, shopId: shop.id, actor: { kind: 'producer', userId: shop.ownerId } })
    yalidine.advance(parcel.tracking!, 'Livré')
    await poll()
    expect((await orderOf(second)).status).toBe('delivered')
    // A delivered parcel is no longer polled; the carrier's later return arrives by the webhook or a manual check.
    await t.db.update(parcels).set({ nextPollAt: new Date() }).where(eq(parcels.orderId, second))
    await t.db.update(parcels).set({ state: 'out_for_delivery' }).where(eq(parcels.orderId, second))
    yalidine.advance(parcel.tracking!, 'Retourné au vendeur')
    await poll()
    expect((await orderOf(second)).status).toBe('returned')
    const net = (await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, second))).reduce((sum, e) => sum + e.amount, 0)
    expect(net).toBe(0)
    expect(await stockOf(product.id)).toBe(4)

    expect(await recentRefusals(t.db, o.buyerId)).toBe(2)
    expect(await codCodeRequired(t.db, o.buyerId)).toBe(true)
    const code = (await sendCodCode(t.db, o.buyerId))!
    expect(await t.db.select().from(outbox).where(and(eq(outbox.kind, 'cod_code'), eq(outbox.toAddress, o.buyerEmail)))).toHaveLength(1)
    expect(await verifyCodCode(t.db, o.buyerId, code === '000000' ? '111111' : '000000')).toBe(false)
    expect(await verifyCodCode(t.db, o.buyerId, code)).toBe(true)
    expect(await codCodeRequired(t.db, o.buyerId)).toBe(false)

    const rates = await refusalRates(t.db)
    expect(rates.buyers.find((b) => b.id === o.buyerId)).toMatchObject({ parcels: 2, returned: 2, rateBps: 10_000 })
    expect(rates.shops.find((s) => s.id === o.shopId)).toMatchObject({ parcels: 1, returned: 1 })
  })

  it('a 429 while polling stops that account for the round and pushes its parcels back', async () => {
    const o = await shipped()
    yalidine.advance(o.tracking, 'Ramassé')
    yalidine.failNext(429)
    const before = clock
    await poll(400)
    const [parcel] = await parcelsOf(o.orderId)
    expect(parcel!.state).toBe('created')
    expect(parcel!.nextPollAt!.getTime()).toBeGreaterThan(Date.now() + (before + 400) * MINUTE)
    await poll(5)
    expect((await parcelsOf(o.orderId))[0]!.state).toBe('picked_up')
  })

  it('the producer cannot skip the carrier: a shipped order is delivered by the carrier or by hand, as before', async () => {
    const o = await shipped()
    await transitionOrder(t.db, { orderId: o.orderId, to: 'delivered', actor: o.producer, siteUrl })
    expect((await orderOf(o.orderId)).status).toBe('delivered')
  })
})
