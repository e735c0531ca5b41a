import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notificationPreferences, notices, outbox, products, smsOutbox } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { addFavourite, queueFavouriteNotices } from '~/modules/favourites/favourites.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { countHeaderBadges } from '~/utils/header-badges.server'
import { countUnreadNotices, listNotices, markNoticeRead, markNoticesRead } from './notices.server'
import { getPreferences, groupOfKind, InvalidPreferenceError, setPreferences } from './preferences.server'

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

async function placedOrder(buyerOverrides: Parameters<typeof createUser>[1] = {}) {
  const shop = await createShop(t.db, { name: 'عسل الأطلس' })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5 })
  const buyer = await createUser(t.db, buyerOverrides)
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
  return { orderId: placed.orders[0]!.id, buyer, producer: { kind: 'producer' as const, userId: shop.ownerId } }
}

const mailsTo = (address: string | null) => t.db.select().from(outbox).where(and(eq(outbox.kind, 'order_status'), eq(outbox.toAddress, address ?? '')))

describe('notifications centre', () => {
  it('an order step is a notice in the buyer’s centre and an email by default', async () => {
    const o = await placedOrder()
    await transitionOrder(t.db, { orderId: o.orderId, to: 'confirmed', actor: o.producer, siteUrl })
    const list = await listNotices(t.db, o.buyer.id)
    expect(list.map((n) => n.kind)).toEqual(['order_confirmed'])
    expect(list[0]!.data).toMatchObject({ orderId: o.orderId, shopName: 'عسل الأطلس' })
    expect(await mailsTo(o.buyer.email)).toHaveLength(1)
    expect(await countUnreadNotices(t.db, o.buyer.id)).toBe(1)
    // The header's three badges in one statement: the notice, no unread message, the cart emptied by the order.
    expect(await countHeaderBadges(t.db, o.buyer.id)).toEqual({ cartUnits: 0, unreadMessages: 0, unreadNotices: 1 })
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 9 })
    await addToCart(t.db, { userId: o.buyer.id }, product.id, 3)
    expect(await countHeaderBadges(t.db, o.buyer.id)).toEqual({ cartUnits: 3, unreadMessages: 0, unreadNotices: 1 })
  })

  it('“site only” keeps the notice and sends no email; “SMS” texts the number in the person’s language', async () => {
    const quiet = await placedOrder()
    await setPreferences(t.db, quiet.buyer.id, { orders: 'site' })
    await transitionOrder(t.db, { orderId: quiet.orderId, to: 'confirmed', actor: quiet.producer, siteUrl })
    expect(await listNotices(t.db, quiet.buyer.id)).toHaveLength(1)
    expect(await mailsTo(quiet.buyer.email)).toHaveLength(0)

    const phone = `+2136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const texted = await placedOrder({ phone, locale: 'fr' })
    await setPreferences(t.db, texted.buyer.id, { orders: 'sms' })
    await transitionOrder(t.db, { orderId: texted.orderId, to: 'confirmed', actor: texted.producer, siteUrl })
    expect(await mailsTo(texted.buyer.email)).toHaveLength(0)
    const texts = await t.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, phone))
    expect(texts).toHaveLength(1)
    expect(texts[0]!.body).toContain('a confirmé votre commande')
  })

  it('a favourite back in stock: one notice per favourite, in the centre too', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 0 })
    const fan = await createUser(t.db)
    const quietFan = await createUser(t.db)
    await addFavourite(t.db, { userId: fan.id }, product.id)
    await addFavourite(t.db, { userId: quietFan.id }, product.id)
    await setPreferences(t.db, quietFan.id, { favourites: 'site' })
    await t.db.update(products).set({ stock: 3 }).where(eq(products.id, product.id))
    await queueFavouriteNotices(t.db, { siteUrl })
    await queueFavouriteNotices(t.db, { siteUrl })
    for (const user of [fan, quietFan]) {
      const list = await listNotices(t.db, user.id)
      expect(list.map((n) => n.kind)).toEqual(['favourite_back_in_stock'])
      expect(list[0]!.data).toMatchObject({ slug: product.slug })
    }
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'favourite_notice'))
    expect(mails.filter((m) => m.toAddress === fan.email)).toHaveLength(1)
    expect(mails.filter((m) => m.toAddress === quietFan.email)).toHaveLength(0)
  })

  it('marks read: one’s own notice only, then all', async () => {
    const a = await createUser(t.db)
    const b = await createUser(t.db)
    const [na] = await t.db.insert(notices).values([{ userId: a.id, kind: 'order_shipped', data: {} }, { userId: a.id, kind: 'order_delivered', data: {} }]).returning()
    const [nb] = await t.db.insert(notices).values({ userId: b.id, kind: 'order_shipped', data: {} }).returning()
    // B cannot mark A's notice, nor A B's.
    expect(await markNoticeRead(t.db, b.id, na!.id)).toBe(false)
    expect(await markNoticeRead(t.db, a.id, nb!.id)).toBe(false)
    expect(await countUnreadNotices(t.db, a.id)).toBe(2)
    expect(await markNoticeRead(t.db, a.id, na!.id)).toBe(true)
    expect(await markNoticeRead(t.db, a.id, na!.id)).toBe(false)
    expect(await countUnreadNotices(t.db, a.id)).toBe(1)
    await markNoticesRead(t.db, a.id)
    expect(await countUnreadNotices(t.db, a.id)).toBe(0)
    expect(await countUnreadNotices(t.db, b.id)).toBe(1)
  })

  it('preferences: defaults to email; refuses an unknown group or channel and changes nothing', async () => {
    const user = await createUser(t.db)
    expect(await getPreferences(t.db, user.id)).toEqual({ orders: 'email', messages: 'email', favourites: 'email', decisions: 'email' })
    await setPreferences(t.db, user.id, { orders: 'sms', messages: 'site', favourites: 'email', decisions: 'email' })
    await expect(setPreferences(t.db, user.id, { orders: 'email', messages: 'pigeon' })).rejects.toBeInstanceOf(InvalidPreferenceError)
    await expect(setPreferences(t.db, user.id, { everything: 'site' })).rejects.toBeInstanceOf(InvalidPreferenceError)
    expect(await getPreferences(t.db, user.id)).toMatchObject({ orders: 'sms', messages: 'site' })
    expect(await t.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id))).toHaveLength(4)
    expect(groupOfKind('shop_approve')).toBe('decisions')
    expect(groupOfKind('message_unread')).toBe('messages')
  })
})
