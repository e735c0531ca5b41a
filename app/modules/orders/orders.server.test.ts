import { createId } from '@paralleldrive/cuid2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToCart } from '~/modules/cart/cart.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { convertCartToOrders } from './checkout.server'
import { getOrder, listOrders } from './orders.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

describe('who sees an order', () => {
  it('its buyer, its shop and staff; another buyer or another shop get nothing, in lists as on the page', async () => {
    const categoryId = (await createCategory(t.db)).id
    const shop = await createShop(t.db)
    const otherShop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId })
    const buyer = await createUser(t.db)
    const otherBuyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    const placed = await convertCartToOrders(t.db, {
      buyerId: buyer.id,
      idempotencyKey: createId(),
      paymentMethod: 'cod',
      deliveryMode: 'home',
      address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
      commissionBps: 1000,
      siteUrl: 'http://localhost:3000',
    })
    const orderId = placed.orders[0]!.id

    expect(await getOrder(t.db, { kind: 'buyer', userId: buyer.id }, orderId, 'ar')).not.toBeNull()
    expect(await getOrder(t.db, { kind: 'shop', shopId: shop.id }, orderId, 'fr')).not.toBeNull()
    expect(await getOrder(t.db, { kind: 'staff' }, orderId, 'ar')).not.toBeNull()
    expect(await getOrder(t.db, { kind: 'buyer', userId: otherBuyer.id }, orderId, 'ar')).toBeNull()
    expect(await getOrder(t.db, { kind: 'shop', shopId: otherShop.id }, orderId, 'ar')).toBeNull()

    expect((await listOrders(t.db, { kind: 'buyer', userId: buyer.id })).orders.map((o) => o.id)).toEqual([orderId])
    expect((await listOrders(t.db, { kind: 'buyer', userId: otherBuyer.id })).orders).toEqual([])
    expect((await listOrders(t.db, { kind: 'shop', shopId: otherShop.id })).orders).toEqual([])
    expect((await listOrders(t.db, { kind: 'shop', shopId: shop.id }, { status: 'pending' })).orders.map((o) => o.id)).toEqual([orderId])
    expect((await listOrders(t.db, { kind: 'shop', shopId: shop.id }, { status: 'delivered' })).orders).toEqual([])
  })
})
