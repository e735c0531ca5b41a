import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { carrierCache, codBuyerCodes, orders, parcels, products, smsOutbox } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { CodCodeNeededError, placeCheckout, type CheckoutChoices } from '~/modules/checkout/checkout.server'
import { saveAddress, type SavedAddress } from '~/modules/orders/addresses.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { startFakeYalidine, type FakeYalidine } from '../../../tests/support/fake-yalidine'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { cachedCarrierFees, carrierFeesFor } from './carrier-fees.server'
import { CODE_RESEND_MS, codCodeRequired, recordCodCall, sendCodCode } from './cod.server'
import { saveShopCarrier, type DeliveryDeps } from './settings.server'
import { shipWithCarrier } from './shipping.server'
import { DESK_CACHE_MS, pickupPointsNear, StopDeskChoiceError, stopDeskOptions } from './stop-desks.server'

// Stop-desks and the refused buyer's code, at checkout (issue 19): placeCheckout reads the
// carrier's desks (fetched outside the transaction, cached a day in the database) and the SMS code.

let t: TestDatabase
let yalidine: FakeYalidine
let deps: DeliveryDeps
let categoryId: string
const siteUrl = 'http://localhost:3000'

beforeAll(async () => {
  ;[t, yalidine] = await Promise.all([createTestDatabase(), startFakeYalidine({ apiId: 'platform-id', apiToken: 'platform-token' })])
  categoryId = (await createCategory(t.db)).id
  // placeCheckout builds its carrier accounts from the environment, as in production.
  process.env.YALIDINE_API_ID = 'platform-id'
  process.env.YALIDINE_API_TOKEN = 'platform-token'
  process.env.YALIDINE_API_URL = yalidine.url
  ;(globalThis as { __taswiqEnv?: unknown }).__taswiqEnv = undefined
  deps = {
    platform: { yalidine: { baseUrl: yalidine.url, apiId: 'platform-id', apiToken: 'platform-token' } },
    secret: 'a-test-secret-of-at-least-32-characters!',
    siteUrl,
    timeoutMs: 400,
    minIntervalMs: 210,
  }
})
afterAll(async () => {
  await Promise.all([t?.close(), yalidine?.close()])
})
beforeEach(() => {
  yalidine.requests.length = 0
})

// Tizi Ouzou (15), commune 15029: the platform's table has a stop-desk fee there (400 DA; 600 DA home).
const address = (deliveryMode: 'home' | 'desk'): SavedAddress => ({
  fullName: 'سليمة حداد',
  phone: '+213661234567',
  communeCode: '15029',
  street: 'حي 20 أوت',
  deliveryMode,
})
const choices = (overrides: Partial<CheckoutChoices> = {}): CheckoutChoices => ({
  idempotencyKey: createId(),
  paymentMethod: 'cod',
  language: 'ar',
  ...overrides,
})

/** A buyer with 2 units in the cart of a new shop shipping with Yalidine (platform account), or by hand. */
async function cartFromShop({ carrier = 'yalidine', mode = 'desk' }: { carrier?: 'yalidine' | 'own'; mode?: 'home' | 'desk' } = {}) {
  const shop = await createShop(t.db)
  await saveShopCarrier(t.db, deps, { shopId: shop.id, carrier, account: 'platform' })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5 })
  const buyer = await createUser(t.db)
  await addToCart(t.db, { userId: buyer.id }, product.id, 2)
  await saveAddress(t.db, buyer.id, address(mode))
  return { shop, product, buyer }
}

const centerCalls = () => yalidine.requests.filter((r) => r.path.startsWith('/v1/centers')).length
const stockOf = async (id: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0]!.s

describe('pickup points near me (issue 22)', () => {
  it('lists the platform carrier’s desks of the wilaya, the commune’s first, from the cache checkout shares', async () => {
    await t.db.delete(carrierCache)
    const [yalidinePoints, ...others] = await pickupPointsNear(t.db, deps, 15, 'Commune 2')
    expect(others).toHaveLength(0)
    expect(yalidinePoints!.carrierName).toBe('Yalidine')
    expect(yalidinePoints!.desks.map((d) => d.id)).toEqual(['150002', '150001'])
    expect(centerCalls()).toBe(1)
    // The same cache entry as a shop on the platform's account at checkout: no second call.
    await pickupPointsNear(t.db, deps, 15, null)
    expect(centerCalls()).toBe(1)
    expect(await t.db.select().from(carrierCache).where(eq(carrierCache.key, 'desks:platform:yalidine:15'))).toHaveLength(1)
    // No carrier account configured: no pickup points, and no call.
    expect(await pickupPointsNear(t.db, { ...deps, platform: {} }, 16, null)).toEqual([])
    expect(centerCalls()).toBe(1)
  })
})

describe('stop-desks at checkout', () => {
  it('lists the carrier desks of the wilaya from a day-long cache in the database', async () => {
    const { shop } = await cartFromShop()
    await t.db.delete(carrierCache)
    const now = new Date()
    const [first] = await stopDeskOptions(t.db, deps, [shop.id], 15, 'Commune 2', now)
    expect(first!.carrierName).toBe('Yalidine')
    // The fake lists two desks per wilaya; the buyer's commune comes first.
    expect(first!.desks.map((d) => d.id)).toEqual(['150002', '150001'])
    expect(centerCalls()).toBe(1)
    await stopDeskOptions(t.db, deps, [shop.id], 15, null, new Date(now.getTime() + DESK_CACHE_MS - 1000))
    expect(centerCalls()).toBe(1)
    const [row] = await t.db.select().from(carrierCache).where(eq(carrierCache.key, 'desks:platform:yalidine:15'))
    expect(row!.value).toHaveLength(2)
    // A day later the list is asked again; if the carrier fails, the last list is kept.
    yalidine.failNext(503)
    const [stale] = await stopDeskOptions(t.db, deps, [shop.id], 15, null, new Date(now.getTime() + DESK_CACHE_MS + 1000))
    expect(stale!.desks).toHaveLength(2)
    expect(centerCalls()).toBe(2)
  })

  it('a stop-desk order needs one of the listed desks; the parcel is then created at that desk', async () => {
    const { shop, buyer, product } = await cartFromShop()
    await expect(placeCheckout(t.db, buyer, choices())).rejects.toBeInstanceOf(StopDeskChoiceError)
    await expect(placeCheckout(t.db, buyer, choices({ stopDesks: { [shop.id]: '160001' } }))).rejects.toBeInstanceOf(StopDeskChoiceError)
    // Nothing was written by the refused attempts.
    expect(await t.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toHaveLength(0)
    expect(await stockOf(product.id)).toBe(5)

    const placed = await placeCheckout(t.db, buyer, choices({ stopDesks: { [shop.id]: '150001' } }))
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id))
    expect(order).toMatchObject({ deliveryMode: 'desk', stopDeskId: '150001', stopDeskName: 'Agence 15-1', shippingFee: 40_000 })

    await recordCodCall(t.db, { orderId: order!.id, shopId: shop.id, producerId: shop.ownerId, outcome: 'confirmed', siteUrl })
    const parcel = await shipWithCarrier(t.db, deps, { orderId: order!.id, shopId: shop.id, actor: { kind: 'producer', userId: shop.ownerId } })
    expect(parcel).toMatchObject({ status: 'created', stopDeskId: '150001' })
    const create = yalidine.requests.find((r) => r.method === 'POST' && r.path.startsWith('/v1/parcels'))
    expect((create!.body as Record<string, unknown>[])[0]).toMatchObject({ is_stopdesk: true, stopdesk_id: '150001' })
  })

  it('home delivery and shops delivering by hand need no desk', async () => {
    const home = await cartFromShop({ mode: 'home' })
    const placedHome = await placeCheckout(t.db, home.buyer, choices())
    expect((await t.db.select().from(orders).where(eq(orders.id, placedHome.orders[0]!.id)))[0]).toMatchObject({
      deliveryMode: 'home',
      stopDeskId: null,
      shippingFee: 60_000,
    })
    const byHand = await cartFromShop({ carrier: 'own' })
    const placedByHand = await placeCheckout(t.db, byHand.buyer, choices({ stopDesks: { [byHand.shop.id]: '150001' } }))
    expect((await t.db.select().from(orders).where(eq(orders.id, placedByHand.orders[0]!.id)))[0]).toMatchObject({ deliveryMode: 'desk', stopDeskId: null })
  })
})

describe('carriers’ fee tables at checkout', () => {
  const feeCalls = () => yalidine.requests.filter((r) => r.path.startsWith('/v1/fees')).length

  it('asks the carrier for its fees from the shop’s wilaya once a day, in centimes', async () => {
    const { shop } = await cartFromShop()
    await t.db.delete(carrierCache)
    const fees = await carrierFeesFor(t.db, deps, [shop.id], 16)
    // The fake's cheapest commune: 600 DA home, 400 DA desk.
    expect(fees.get(shop.id)).toEqual({ home: 60_000, desk: 40_000 })
    expect(feeCalls()).toBe(1)
    const request = yalidine.requests.find((r) => r.path.startsWith('/v1/fees'))!
    expect(request.path).toContain('from_wilaya_id=15')
    expect(request.path).toContain('to_wilaya_id=16')
    await carrierFeesFor(t.db, deps, [shop.id], 16)
    expect(feeCalls()).toBe(1)
  })

  it('a carrier shop’s order is charged the carrier’s fee; a shop by hand keeps its own table', async () => {
    const carrierShop = await cartFromShop()
    await t.db.delete(carrierCache)
    await carrierFeesFor(t.db, deps, [carrierShop.shop.id], 15)
    // The carrier's table says otherwise than the shop's (400 DA desk, 600 DA home in Tizi Ouzou).
    await t.db.update(carrierCache).set({ value: { home: 55_000, desk: 35_000 } }).where(eq(carrierCache.key, 'fees:platform:yalidine:15:15'))
    const placed = await placeCheckout(t.db, carrierShop.buyer, choices({ stopDesks: { [carrierShop.shop.id]: '150001' } }))
    expect((await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id)))[0]).toMatchObject({ shippingFee: 35_000, stopDeskName: 'Agence 15-1' })
    expect((await cachedCarrierFees(t.db, [carrierShop.shop.id], 15)).get(carrierShop.shop.id)).toEqual({ home: 55_000, desk: 35_000 })

    const byHand = await cartFromShop({ carrier: 'own' })
    const placedByHand = await placeCheckout(t.db, byHand.buyer, choices())
    expect((await t.db.select().from(orders).where(eq(orders.id, placedByHand.orders[0]!.id)))[0]).toMatchObject({ shippingFee: 40_000 })
  })
})

describe('the code asked of a buyer with 2 refusals', () => {
  /** Two of this buyer's orders came back refused within 90 days. */
  async function refuse(buyerId: string, n: number) {
    for (let i = 0; i < n; i++) {
      const { shop, buyer } = await cartFromShop({ mode: 'home' })
      const placed = await placeCheckout(t.db, buyer, choices())
      const orderId = placed.orders[0]!.id
      await t.db.update(orders).set({ buyerId }).where(eq(orders.id, orderId))
      await t.db
        .insert(parcels)
        .values({ orderId, shopId: shop.id, carrier: 'yalidine', account: 'platform', reference: `ref-${createId()}`, status: 'created', state: 'returned' })
    }
  }

  it('asks the code by SMS before a COD order, refuses a missing or wrong one, and places with the right one', async () => {
    const { buyer, shop } = await cartFromShop({ mode: 'home' })
    await refuse(buyer.id, 2)
    expect(await codCodeRequired(t.db, buyer.id)).toBe(true)

    await expect(placeCheckout(t.db, buyer, choices())).rejects.toMatchObject({ given: false })
    const now = new Date()
    const code = await sendCodCode(t.db, buyer.id, now)
    expect(code).toMatch(/^\d{6}$/)
    // The SMS goes to the phone of the delivery address, in the buyer's language.
    const [sms] = await t.db
      .select()
      .from(smsOutbox)
      .where(and(eq(smsOutbox.kind, 'cod_code'), eq(smsOutbox.toNumber, '+213661234567')))
    expect(sms!.body).toContain(code!)
    // Not again within a minute.
    expect(await sendCodCode(t.db, buyer.id, new Date(now.getTime() + CODE_RESEND_MS / 2))).toBeNull()
    expect(await t.db.select().from(codBuyerCodes).where(eq(codBuyerCodes.userId, buyer.id))).toHaveLength(1)

    const wrong = code === '000000' ? '111111' : '000000'
    const refused = await placeCheckout(t.db, buyer, choices({ codCode: wrong })).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(CodCodeNeededError)
    expect((refused as CodCodeNeededError).given).toBe(true)
    expect(
      await t.db
        .select()
        .from(orders)
        .where(and(eq(orders.buyerId, buyer.id), eq(orders.shopId, shop.id)))
    ).toHaveLength(0)

    const placed = await placeCheckout(t.db, buyer, choices({ codCode: code }))
    expect(placed.orders).toHaveLength(1)
    expect(await codCodeRequired(t.db, buyer.id)).toBe(false)
  })

  it('a buyer with one refusal is not asked', async () => {
    const { buyer } = await cartFromShop({ mode: 'home' })
    await refuse(buyer.id, 1)
    expect((await placeCheckout(t.db, buyer, choices())).orders).toHaveLength(1)
  })
})
