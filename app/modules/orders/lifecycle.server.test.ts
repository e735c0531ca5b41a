import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orderEvents, orders, outbox, products, stockMovements } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { convertCartToOrders, type PaymentMethod } from './checkout.server'
import {
  ORDER_TRANSITIONS,
  OrderNotFoundError,
  OrderReasonRequiredError,
  OrderTransitionError,
  nextStatuses,
  transitionOrder,
  type OrderActor,
  type OrderStatus,
} from './lifecycle.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const siteUrl = 'http://localhost:3000'

/** A placed order of 2 units (stock 5 → 3), with its buyer and its shop's owner. */
async function placedOrder(paymentMethod: PaymentMethod = 'cod') {
  const shop = await createShop(t.db)
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5 })
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
  return {
    orderId,
    productId: product.id,
    buyer: { kind: 'buyer', userId: buyer.id } as OrderActor,
    producer: { kind: 'producer', userId: shop.ownerId } as OrderActor,
    buyerEmail: buyer.email,
  }
}

const statusOf = async (orderId: string) => (await t.db.select({ s: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.s
const stockOf = async (productId: string) => (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, productId)))[0]!.s

describe('order lifecycle', () => {
  it('pending → confirmed → shipped (with tracking) → delivered: one event and one buyer email per step', async () => {
    const o = await placedOrder()
    await transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: o.producer, siteUrl })
    await transitionOrder(t.db, { orderId: o.orderId, to: 'shipped', actor: o.producer, carrier: 'Yalidine', trackingNumber: 'YAL-778812', siteUrl })
    await transitionOrder(t.db, { orderId: o.orderId, to: 'delivered', actor: o.producer, siteUrl })

    const [order] = await t.db.select().from(orders).where(eq(orders.id, o.orderId))
    expect(order).toMatchObject({ status: 'delivered', carrier: 'Yalidine', trackingNumber: 'YAL-778812' })
    const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.orderId))
    expect(events.map((e) => `${e.fromStatus ?? '∅'}→${e.toStatus}`).sort()).toEqual([
      'confirmed→shipped',
      'pending→confirmed',
      'shipped→delivered',
      '∅→pending',
    ])
    const mails = await t.db
      .select({ subject: outbox.subject })
      .from(outbox)
      .where(and(eq(outbox.kind, 'order_status'), eq(outbox.toAddress, o.buyerEmail)))
    expect(mails).toHaveLength(3)
  })

  it('the buyer cancels while pending: stock comes back, with a movement row', async () => {
    const o = await placedOrder()
    expect(await stockOf(o.productId)).toBe(3)
    await transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: o.buyer, siteUrl })
    expect(await statusOf(o.orderId)).toBe('cancelled')
    expect(await stockOf(o.productId)).toBe(5)
    const movements = await t.db
      .select({ delta: stockMovements.delta, reason: stockMovements.reason })
      .from(stockMovements)
      .where(eq(stockMovements.orderId, o.orderId))
    expect(movements.sort((a, b) => a.delta - b.delta)).toEqual([
      { delta: -2, reason: 'order' },
      { delta: 2, reason: 'cancel' },
    ])
  })

  it('the producer cancels only with a reason; the buyer cannot cancel once confirmed', async () => {
    const o = await placedOrder()
    await expect(transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: o.producer, siteUrl })).rejects.toBeInstanceOf(OrderReasonRequiredError)
    await transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: o.producer, siteUrl })
    await expect(transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: o.buyer, siteUrl })).rejects.toBeInstanceOf(OrderTransitionError)
    await transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: o.producer, note: 'نفد الطين الأحمر', siteUrl })
    const [order] = await t.db.select().from(orders).where(eq(orders.id, o.orderId))
    expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'نفد الطين الأحمر' })
  })

  it('refuses every step the table does not allow, and changes nothing', async () => {
    const o = await placedOrder()
    const all: OrderStatus[] = ['awaiting_payment', 'pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'returned']
    for (const to of all.filter((s) => !nextStatuses('pending', 'producer').includes(s))) {
      await expect(transitionOrder(t.db, { orderId: o.orderId, to, actor: o.producer, note: 'x', siteUrl })).rejects.toBeInstanceOf(OrderTransitionError)
    }
    // The buyer cannot move their order forward, and the system cannot confirm for the producer.
    await expect(transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: o.buyer, siteUrl })).rejects.toBeInstanceOf(OrderTransitionError)
    await expect(transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: { kind: 'system' }, siteUrl })).rejects.toBeInstanceOf(
      OrderTransitionError
    )
    expect(await statusOf(o.orderId)).toBe('pending')
    expect(await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.orderId))).toHaveLength(1)
  })

  it('another shop’s producer or another buyer cannot touch the order: not found', async () => {
    const o = await placedOrder()
    const stranger = await createShop(t.db)
    const otherBuyer = await createUser(t.db)
    await expect(
      transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: { kind: 'producer', userId: stranger.ownerId }, siteUrl })
    ).rejects.toBeInstanceOf(OrderNotFoundError)
    await expect(
      transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: { kind: 'buyer', userId: otherBuyer.id }, siteUrl })
    ).rejects.toBeInstanceOf(OrderNotFoundError)
    expect(await statusOf(o.orderId)).toBe('pending')
  })

  it('an unpaid card order expires: cancelled by the system, stock back, no email', async () => {
    const o = await placedOrder('card')
    expect(await statusOf(o.orderId)).toBe('awaiting_payment')
    await transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: { kind: 'system' }, siteUrl })
    expect(await stockOf(o.productId)).toBe(5)
    expect(await t.db.select().from(outbox).where(eq(outbox.toAddress, o.buyerEmail))).toEqual([])
  })

  it('two steps at once: exactly one wins', async () => {
    const o = await placedOrder()
    const results = await Promise.allSettled([
      transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: o.producer, siteUrl }),
      transitionOrder(t.db, { orderId: o.orderId, to: 'cancelled', actor: o.buyer, siteUrl }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.orderId))).toHaveLength(2)
  })

  it('the table has no way out of cancelled or returned', () => {
    expect(ORDER_TRANSITIONS.cancelled).toEqual([])
    expect(ORDER_TRANSITIONS.returned).toEqual([])
    expect(nextStatuses('shipped', 'buyer')).toEqual([])
  })
})
