import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, ledgerEntries, notices, orderEvents, orders, products, returnRequests } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { OrderNotFoundError, transitionOrder } from '~/modules/orders/lifecycle.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { recordCodCall } from './cod.server'
import {
  answerReturn,
  decideReturn,
  receiveReturn,
  requestReturn,
  returnDeadline,
  ReturnNotAllowedError,
  ReturnReasonRequiredError,
  ReturnWindowClosedError,
} from './returns.server'

let t: TestDatabase
let categoryId: string
const siteUrl = 'http://localhost:3000'

beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

/** A COD order of 2 units (stock 5 → 3), confirmed, shipped by hand and delivered: the ledger has its sale. */
async function deliveredOrder() {
  const shop = await createShop(t.db)
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5 })
  const buyer = await createUser(t.db)
  await addToCart(t.db, { userId: buyer.id }, product.id, 2)
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
  const producer = { kind: 'producer' as const, userId: shop.ownerId }
  await recordCodCall(t.db, { orderId, shopId: shop.id, producerId: shop.ownerId, outcome: 'confirmed', siteUrl })
  await transitionOrder(t.db, { orderId, to: 'shipped', actor: producer, carrier: 'Yalidine', trackingNumber: 'yal-1', siteUrl })
  await transitionOrder(t.db, { orderId, to: 'delivered', actor: producer, siteUrl })
  return { orderId, shop, buyer, product }
}

const net = async (orderId: string) => (await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, orderId))).reduce((sum, e) => sum + e.amount, 0)
const stockOf = async (id: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0]!.s
const kindsOf = async (userId: string) => (await t.db.select({ kind: notices.kind }).from(notices).where(eq(notices.userId, userId))).map((n) => n.kind)
const statusOf = async (id: string) => (await t.db.select({ s: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.s

describe('returns the buyer asks for (law 18-05)', () => {
  it('counts 4 working days after delivery, skipping the Friday–Saturday weekend (Algerian time)', () => {
    // Delivered Wednesday 2026-12-02 at 15:00 in Algiers: Thursday, Sunday, Monday, Tuesday → Tuesday 8th, 23:59:59.999 Algiers.
    expect(returnDeadline(new Date('2026-12-02T14:00:00Z')).toISOString()).toBe('2026-12-08T22:59:59.999Z')
    // Delivered Thursday 23:30 in Algiers (22:30 UTC) is still Thursday: Sunday … Wednesday.
    expect(returnDeadline(new Date('2026-12-03T22:30:00Z')).toISOString()).toBe('2026-12-09T22:59:59.999Z')
  })

  it('request → accepted → goods back: the order is returned, stock back and the ledger reversed', async () => {
    const o = await deliveredOrder()
    expect(await net(o.orderId)).toBeGreaterThan(0)
    expect(await stockOf(o.product.id)).toBe(3)
    // Only the buyer, only her order; "not as described" needs what is wrong.
    const stranger = await createUser(t.db)
    await expect(requestReturn(t.db, { orderId: o.orderId, buyerId: stranger.id, reason: 'late' })).rejects.toBeInstanceOf(OrderNotFoundError)
    await expect(requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'not_as_described' })).rejects.toBeInstanceOf(ReturnReasonRequiredError)
    await requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'not_as_described', note: 'الطاجين مكسور' })
    await expect(requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late' })).rejects.toBeInstanceOf(ReturnNotAllowedError)
    // Goods cannot be "received" before the producer accepts; another shop cannot answer.
    await expect(receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl })).rejects.toBeInstanceOf(
      ReturnNotAllowedError
    )
    const other = await createShop(t.db)
    await expect(answerReturn(t.db, { orderId: o.orderId, shopId: other.id, producerId: other.ownerId, accept: true })).rejects.toBeInstanceOf(
      ReturnNotAllowedError
    )

    await answerReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, accept: true })
    expect(await statusOf(o.orderId)).toBe('delivered')
    await receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl })
    expect(await statusOf(o.orderId)).toBe('returned')
    expect(await net(o.orderId)).toBe(0)
    expect(await stockOf(o.product.id)).toBe(5)
    const steps = (await t.db.select({ step: orderEvents.step }).from(orderEvents).where(eq(orderEvents.orderId, o.orderId))).map((e) => e.step)
    expect(steps).toEqual(expect.arrayContaining(['return_requested', 'return_accepted']))
    // Each side was told in the notifications centre: the producer of the request, the buyer of the answer.
    expect(await kindsOf(o.shop.ownerId)).toContain('order_return_requested')
    expect(await kindsOf(o.buyer.id)).toContain('order_return_accepted')
    // Received once only.
    await expect(receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl })).rejects.toBeInstanceOf(
      ReturnNotAllowedError
    )
  })

  it('a dispute goes to a moderator: refused keeps the sale; upheld lets the goods come back', async () => {
    const moderator = await createUser(t.db, { role: 'moderator' })
    for (const uphold of [false, true]) {
      const o = await deliveredOrder()
      await requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late' })
      await expect(answerReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, accept: false })).rejects.toBeInstanceOf(
        ReturnReasonRequiredError
      )
      const disputed = await answerReturn(t.db, {
        orderId: o.orderId,
        shopId: o.shop.id,
        producerId: o.shop.ownerId,
        accept: false,
        note: 'Livré à temps, voir le suivi',
      })
      await decideReturn(t.db, { returnId: disputed.id, moderatorId: moderator.id, uphold, note: 'Vu le suivi du colis' })
      const [row] = await t.db.select().from(returnRequests).where(eq(returnRequests.id, disputed.id))
      expect(row!.status).toBe(uphold ? 'accepted' : 'refused')
      expect(await kindsOf(o.buyer.id)).toEqual(expect.arrayContaining(['order_return_disputed', uphold ? 'order_return_accepted' : 'order_return_refused']))
      expect(
        await t.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'return.decide'), eq(auditLog.targetId, o.orderId)))
      ).toHaveLength(1)
      // Decided once.
      await expect(decideReturn(t.db, { returnId: disputed.id, moderatorId: moderator.id, uphold: !uphold, note: 'x' })).rejects.toBeInstanceOf(
        ReturnNotAllowedError
      )
      if (uphold) {
        await receiveReturn(t.db, { orderId: o.orderId, shopId: o.shop.id, producerId: o.shop.ownerId, siteUrl })
        expect(await net(o.orderId)).toBe(0)
      } else expect(await net(o.orderId)).toBeGreaterThan(0)
    }
  })

  it('is refused after the window and on orders not delivered', async () => {
    const o = await deliveredOrder()
    const late = new Date(Date.now() + 10 * 24 * 60 * 60_000)
    await expect(requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late', now: late })).rejects.toBeInstanceOf(ReturnWindowClosedError)
    await t.db.update(orders).set({ status: 'shipped' }).where(eq(orders.id, o.orderId))
    await expect(requestReturn(t.db, { orderId: o.orderId, buyerId: o.buyer.id, reason: 'late' })).rejects.toBeInstanceOf(ReturnNotAllowedError)
    expect(await t.db.select().from(returnRequests).where(eq(returnRequests.orderId, o.orderId))).toHaveLength(0)
  })
})
