import { createId } from '@paralleldrive/cuid2'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orderItems } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { addReview, AlreadyReviewedError, getProductReviews, NotReviewableError, replyToReview, ReplyNotAllowedError } from './reviews.server'

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

async function order() {
  const shop = await createShop(t.db)
  const product = await createProduct(t.db, { shopId: shop.id, categoryId })
  const buyer = await createUser(t.db, { name: 'سليمة حداد' })
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
  const [item] = await t.db.select({ id: orderItems.id }).from(orderItems).where(eq(orderItems.orderId, orderId))
  const producer = { kind: 'producer' as const, userId: shop.ownerId }
  return { orderId, itemId: item!.id, productId: product.id, buyer, shop, producer }
}

describe('reviews', () => {
  it('only after delivery, only by the buyer, once per line; the producer answers once', async () => {
    const o = await order()
    await expect(addReview(t.db, { buyerId: o.buyer.id, orderItemId: o.itemId, rating: 5, body: 'ممتاز' })).rejects.toBeInstanceOf(NotReviewableError)
    for (const to of ['confirmed', 'shipped', 'delivered'] as const) await transitionOrder(t.db, { orderId: o.orderId, to, actor: o.producer, siteUrl })

    const stranger = await createUser(t.db)
    await expect(addReview(t.db, { buyerId: stranger.id, orderItemId: o.itemId, rating: 1, body: '' })).rejects.toBeInstanceOf(NotReviewableError)
    const reviewId = await addReview(t.db, { buyerId: o.buyer.id, orderItemId: o.itemId, rating: 4, body: ' كسكس رائع، وصل سليمًا ' })
    await expect(addReview(t.db, { buyerId: o.buyer.id, orderItemId: o.itemId, rating: 1, body: '' })).rejects.toBeInstanceOf(AlreadyReviewedError)

    const otherShop = await createShop(t.db)
    await expect(replyToReview(t.db, { ownerId: otherShop.ownerId, reviewId, reply: 'x' })).rejects.toBeInstanceOf(ReplyNotAllowedError)
    await replyToReview(t.db, { ownerId: o.shop.ownerId, reviewId, reply: 'شكرًا لك!' })
    await expect(replyToReview(t.db, { ownerId: o.shop.ownerId, reviewId, reply: 'مرة ثانية' })).rejects.toBeInstanceOf(AlreadyReviewedError)

    const page = await getProductReviews(t.db, o.productId)
    expect(page).toMatchObject({ average: 4, count: 1 })
    expect(page.reviews[0]).toMatchObject({ rating: 4, body: 'كسكس رائع، وصل سليمًا', reply: 'شكرًا لك!', author: 'سليمة' })
  })
})
