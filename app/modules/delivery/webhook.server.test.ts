import { createHmac } from 'node:crypto'
import { createId } from '@paralleldrive/cuid2'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ledgerEntries, orders, parcelEvents, parcels, smsOutbox } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { useDatabaseForRoutes } from '../../../tests/support/route-actions'
import { recordCodCall } from './cod.server'

// The route reads its secret from the environment, as in production.
vi.hoisted(() => {
  process.env.YALIDINE_WEBHOOK_SECRET = 'webhook-test-secret'
})

let t: TestDatabase
const siteUrl = 'http://localhost:3000'
const SECRET = 'webhook-test-secret'
beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
})
afterAll(async () => {
  await t?.close()
})

/** A shipped COD order with a Yalidine parcel `tracking` (as the shipping step leaves it). */
async function shippedParcel() {
  const shop = await createShop(t.db)
  const product = await createProduct(t.db, { shopId: shop.id, categoryId: (await createCategory(t.db)).id, stock: 5 })
  const buyer = await createUser(t.db)
  await addToCart(t.db, { userId: buyer.id }, product.id, 1)
  const placed = await convertCartToOrders(t.db, {
    buyerId: buyer.id,
    idempotencyKey: createId(),
    paymentMethod: 'cod',
    deliveryMode: 'home',
    address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
    commissionBps: 1000,
    siteUrl,
  })
  const orderId = placed.orders[0]!.id
  await recordCodCall(t.db, { orderId, shopId: shop.id, producerId: shop.ownerId, outcome: 'confirmed', siteUrl })
  await t.db.update(orders).set({ status: 'shipped' }).where(eq(orders.id, orderId))
  const tracking = `yal-${createId().slice(0, 8)}`
  await t.db.insert(parcels).values({ orderId, shopId: shop.id, carrier: 'yalidine', account: 'platform', reference: `ref-${createId()}`, tracking, status: 'created', state: 'created' })
  return { orderId, tracking }
}

async function post(body: string, signature: string | null) {
  const { action } = await import('~/routes/resources+/yalidine-webhook')
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (signature !== null) headers.set('x-yalidine-signature', signature)
  const response = await action({ request: new Request('http://localhost/resources/yalidine-webhook', { method: 'POST', body, headers }), params: {}, context: {} })
  return response as Response
}
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex')
const event = (tracking: string, status: string, date: string) => ({ event_id: createId(), occurred_at: date, data: { tracking, status, date_status: date, commune_name: 'Tizi Ouzou', wilaya_name: 'Tizi Ouzou' } })

describe('Yalidine webhook', () => {
  it('answers the subscription check with the crc_token', async () => {
    const { loader } = await import('~/routes/resources+/yalidine-webhook')
    const ok = (await loader({ request: new Request('http://localhost/resources/yalidine-webhook?subscribe=1&crc_token=abc123'), params: {}, context: {} })) as Response
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('abc123')
    const bad = (await loader({ request: new Request('http://localhost/resources/yalidine-webhook'), params: {}, context: {} })) as Response
    expect(bad.status).toBe(404)
  })

  it('refuses a bad signature; applies signed events once, through the poller’s path, to delivered', async () => {
    const { orderId, tracking } = await shippedParcel()
    const body = JSON.stringify({ type: 'parcel_status_updated', events: [event(tracking, 'Sorti en livraison', '2026-12-02 10:00:00'), event(tracking, 'Livré', '2026-12-02 12:30:00')] })
    expect((await post(body, null)).status).toBe(400)
    expect((await post(body, sign(body).replace(/^./, (c) => (c === '0' ? '1' : '0')))).status).toBe(400)
    expect((await post(body.replace('Livré', 'Retourné au vendeur'), sign(body))).status).toBe(400)
    expect((await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe('shipped')

    const first = await post(body, sign(body))
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ applied: 2 })
    expect((await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe('delivered')
    // Out for delivery texted the delivery phone with the order number.
    const number = (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.number
    const texts = (await t.db.select().from(smsOutbox).where(eq(smsOutbox.kind, 'parcel_out_for_delivery'))).filter((m) => m.body.includes(number))
    expect(texts).toHaveLength(1)
    expect(texts[0]!.toNumber).toBe('+213661234567')
    const ledger = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, orderId))
    // Delivered again by a retried webhook: same events, nothing new.
    expect((await post(body, sign(body))).status).toBe(200)
    expect(await t.db.select().from(parcelEvents).where(eq(parcelEvents.parcelId, (await t.db.select().from(parcels).where(eq(parcels.orderId, orderId)))[0]!.id))).toHaveLength(2)
    expect(await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, orderId))).toHaveLength(ledger.length)
    expect(ledger.length).toBeGreaterThan(0)
    expect((await t.db.select().from(smsOutbox).where(eq(smsOutbox.kind, 'parcel_out_for_delivery'))).filter((m) => m.body.includes(number))).toHaveLength(1)
    // A tracking number that is not ours is acknowledged and ignored.
    const stranger = JSON.stringify({ type: 'parcel_status_updated', events: [event('yal-unknown', 'Livré', '2026-12-02 12:30:00')] })
    expect(await (await post(stranger, sign(stranger))).json()).toMatchObject({ applied: 0 })
  })

  it('a signed body of the wrong shape (events that are not objects, fields of the wrong type, a NUL): acknowledged or refused, never a 500, nothing changed', async () => {
    const { orderId, tracking } = await shippedParcel()
    const good = event(tracking, 'Livré', '2026-12-02 12:30:00')
    const bodies = [
      { type: 'parcel_status_updated', events: [null, 'x', 3, [], { data: null }, { data: 'x' }] },
      { type: 'parcel_status_updated', events: [{ ...good, data: { ...good.data, tracking: 123 } }] },
      { type: 'parcel_status_updated', events: [{ ...good, data: { ...good.data, status: { fr: 'Livré' } } }] },
      { type: 'parcel_status_updated', events: [{ ...good, data: { ...good.data, date_status: 20261202 }, occurred_at: 5 }] },
      { type: 'parcel_status_updated', events: [{ ...good, data: { ...good.data, tracking: `${tracking}\u0000` } }] },
      {
        type: 'parcel_status_updated',
        events: [
          { ...good, data: { ...good.data, status: 'constructor' } },
          { ...good, data: { ...good.data, status: '__proto__' } },
        ],
      },
      { type: 42, events: [good] },
      [good],
      'Livré',
    ]
    for (const value of bodies) {
      const body = JSON.stringify(value)
      const response = await post(body, sign(body))
      expect(response.status, body).toBeLessThan(500)
    }
    expect((await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe('shipped')
    // Only optional text is odd (a NUL in the reason, a list for a commune): the step is not lost, the odd text is.
    const odd = JSON.stringify({ type: 'parcel_status_updated', events: [{ ...good, data: { ...good.data, reason: 'a\u0000b', commune_name: ['x'] } }] })
    expect(await (await post(odd, sign(odd))).json()).toMatchObject({ applied: 1 })
    expect((await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe('delivered')
  })
})
