import { createId } from '@paralleldrive/cuid2'
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DbConnection } from '#db/client'
import { checkouts, orderEvents, orderItems, orders, outbox, products, shippingRates, stockMovements } from '#db/schema'
import { addToCart, listCartLines, mergeVisitorCart, setCartQuantity, ProductUnavailableError } from '~/modules/cart/cart.server'
import { commissionOn } from '~/modules/payouts/commission.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { testServerUrl, withDatabase } from '../../../tests/support/postgres-url'
import {
  CartChangedError,
  DeliveryUnavailableError,
  EmptyCartError,
  IdempotencyKeyReusedError,
  convertCartToOrders,
  type CartConversion,
} from './checkout.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

// Tizi Ouzou (15): the platform's default table has home and stop-desk fees there.
const address = { fullName: 'سليمة حداد', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت، رقم 12' }

function request(buyerId: string, overrides: Partial<CartConversion> = {}): CartConversion {
  return {
    buyerId,
    idempotencyKey: createId(),
    paymentMethod: 'cod',
    deliveryMode: 'home',
    address,
    commissionBps: 1000,
    siteUrl: 'http://localhost:3000',
    ...overrides,
  }
}

async function stockOf(productId: string) {
  const [row] = await t.db.select({ stock: products.stock }).from(products).where(eq(products.id, productId))
  return row!.stock
}

async function defaultRate(wilayaCode: number) {
  const rows = await t.db.select().from(shippingRates).where(eq(shippingRates.wilayaCode, wilayaCode))
  return rows.find((r) => r.shopId === null)!
}

describe('cart', () => {
  it('adds within the stock, says when it cut the quantity, and refuses what is not for sale', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 3 })
    const buyer = await createUser(t.db)
    expect(await addToCart(t.db, { userId: buyer.id }, product.id, 2)).toEqual({ quantity: 2, capped: false })
    expect(await addToCart(t.db, { userId: buyer.id }, product.id, 5)).toEqual({ quantity: 3, capped: true })
    expect(await setCartQuantity(t.db, { userId: buyer.id }, product.id, 1)).toEqual({ quantity: 1, capped: false })

    const pending = await createProduct(t.db, { shopId: shop.id, categoryId, status: 'pending_review' })
    await expect(addToCart(t.db, { userId: buyer.id }, pending.id, 1)).rejects.toBeInstanceOf(ProductUnavailableError)
    const suspended = await createShop(t.db, { status: 'suspended' })
    const hidden = await createProduct(t.db, { shopId: suspended.id, categoryId })
    await expect(addToCart(t.db, { userId: buyer.id }, hidden.id, 1)).rejects.toBeInstanceOf(ProductUnavailableError)

    const lines = await listCartLines(t.db, { userId: buyer.id })
    expect(lines.map((l) => [l.productId, l.quantity, l.available])).toEqual([[product.id, 1, true]])
  })

  it('merges a visitor’s cart into the account at log-in, within stock, and deletes it', async () => {
    const shop = await createShop(t.db)
    const honey = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 4 })
    const soap = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 9 })
    const buyer = await createUser(t.db)
    const visitor = { visitorTokenHash: createId() }
    await addToCart(t.db, { userId: buyer.id }, honey.id, 3)
    await addToCart(t.db, visitor, honey.id, 3)
    await addToCart(t.db, visitor, soap.id, 2)

    await mergeVisitorCart(t.db, visitor.visitorTokenHash, buyer.id)
    const lines = await listCartLines(t.db, { userId: buyer.id })
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      [honey.id, 4],
      [soap.id, 2],
    ])
    expect(await listCartLines(t.db, visitor)).toEqual([])
  })
})

describe('convertCartToOrders', () => {
  it('a cart from two shops becomes one order per shop, with shipping, commission, snapshots, events, stock movements and emails', async () => {
    const [pottery, honeyShop] = [await createShop(t.db, { name: 'فخار تاسقة' }), await createShop(t.db, { name: 'عسل الأوراس' })]
    const vase = await createProduct(t.db, { shopId: pottery.id, categoryId, price: 250_000, stock: 5, title: 'مزهرية' })
    const plate = await createProduct(t.db, { shopId: pottery.id, categoryId, price: 120_000, stock: 5, title: 'صحن' })
    const honey = await createProduct(t.db, { shopId: honeyShop.id, categoryId, price: 300_000, stock: 2, title: 'عسل السدر' })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, vase.id, 1)
    await addToCart(t.db, { userId: buyer.id }, plate.id, 2)
    await addToCart(t.db, { userId: buyer.id }, honey.id, 2)

    const result = await convertCartToOrders(t.db, request(buyer.id))
    expect(result.replayed).toBe(false)
    expect(result.orders).toHaveLength(2)

    const rate = await defaultRate(15)
    const placed = await t.db.select().from(orders).where(eq(orders.checkoutId, result.checkoutId))
    const potteryOrder = placed.find((o) => o.shopId === pottery.id)!
    expect(potteryOrder).toMatchObject({
      status: 'pending',
      paymentMethod: 'cod',
      subtotal: 490_000,
      shippingFee: rate.homeFee,
      commissionBps: 1000,
      commission: commissionOn(490_000, 1000),
      total: 490_000 + rate.homeFee,
      shipWilayaCode: 15,
      shipCommuneCode: '15029',
    })
    expect(potteryOrder.number).toMatch(/^TSQ-\d{6}$/)
    const honeyOrder = placed.find((o) => o.shopId === honeyShop.id)!
    expect(honeyOrder).toMatchObject({ subtotal: 600_000, commission: 60_000, total: 600_000 + rate.homeFee })

    const [checkout] = await t.db.select().from(checkouts).where(eq(checkouts.id, result.checkoutId))
    expect(checkout!.total).toBe(potteryOrder.total + honeyOrder.total)

    const items = await t.db.select().from(orderItems).where(eq(orderItems.orderId, potteryOrder.id))
    expect(items.map((i) => [i.title, i.unitPrice, i.quantity, i.lineTotal]).sort()).toEqual([
      ['صحن', 120_000, 2, 240_000],
      ['مزهرية', 250_000, 1, 250_000],
    ])
    expect([await stockOf(vase.id), await stockOf(plate.id), await stockOf(honey.id)]).toEqual([4, 3, 0])
    const movements = await t.db
      .select()
      .from(stockMovements)
      .where(inArray(stockMovements.orderId, [potteryOrder.id, honeyOrder.id]))
    expect(movements.map((m) => m.delta).sort((a, b) => a - b)).toEqual([-2, -2, -1])
    const events = await t.db
      .select()
      .from(orderEvents)
      .where(inArray(orderEvents.orderId, [potteryOrder.id, honeyOrder.id]))
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'pending'],
      [null, 'pending'],
    ])
    expect(await listCartLines(t.db, { userId: buyer.id })).toEqual([])

    const mails = await t.db
      .select({ kind: outbox.kind, to: outbox.toAddress, subject: outbox.subject })
      .from(outbox)
      .where(inArray(outbox.kind, ['order_placed', 'order_received']))
    expect(mails.filter((m) => m.to === buyer.email).map((m) => m.kind)).toEqual(['order_placed'])
    expect(mails.filter((m) => m.kind === 'order_received' && (m.subject.includes(potteryOrder.number) || m.subject.includes(honeyOrder.number)))).toHaveLength(
      2
    )
  })

  it('rolls everything back when one line runs short, and names that line', async () => {
    const shop = await createShop(t.db)
    const plenty = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 10 })
    const scarce = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 2, title: 'كسكس بالقمح الصلب' })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, plenty.id, 3)
    await addToCart(t.db, { userId: buyer.id }, scarce.id, 2)
    // Someone else buys one of the two while this buyer hesitates.
    await t.db.update(products).set({ stock: 1 }).where(eq(products.id, scarce.id))

    const error = await convertCartToOrders(t.db, request(buyer.id)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CartChangedError)
    expect((error as CartChangedError).products.map((p) => p.title)).toEqual(['كسكس بالقمح الصلب'])
    expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([10, 1])
    expect(await t.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toEqual([])
    expect(await t.db.select().from(checkouts).where(eq(checkouts.buyerId, buyer.id))).toEqual([])
    expect((await listCartLines(t.db, { userId: buyer.id })).length).toBe(2)
  })

  it('refuses a stop-desk delivery where the shop has none, an empty cart, and a withdrawn product', async () => {
    const shop = await createShop(t.db)
    await t.db.insert(shippingRates).values({ shopId: shop.id, wilayaCode: 15, homeFee: 60_000, deskFee: null, delayDays: 3 })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId })
    const buyer = await createUser(t.db)
    await expect(convertCartToOrders(t.db, request(buyer.id))).rejects.toBeInstanceOf(EmptyCartError)
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    await expect(convertCartToOrders(t.db, request(buyer.id, { deliveryMode: 'desk' }))).rejects.toBeInstanceOf(DeliveryUnavailableError)

    // The shop's own home fee wins over the platform default.
    const placed = await convertCartToOrders(t.db, request(buyer.id))
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id))
    expect(order).toMatchObject({ shippingFee: 60_000, delayDays: 3 })

    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    await t.db.update(products).set({ status: 'rejected' }).where(eq(products.id, product.id))
    await expect(convertCartToOrders(t.db, request(buyer.id))).rejects.toBeInstanceOf(CartChangedError)
  })

  it('card checkouts wait for payment with the stock reserved, and email nobody yet', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 4 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 2)
    const placed = await convertCartToOrders(t.db, request(buyer.id, { paymentMethod: 'card' }))
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id))
    expect(order).toMatchObject({ status: 'awaiting_payment', paymentStatus: 'unpaid', paymentMethod: 'card' })
    expect(await stockOf(product.id)).toBe(2)
    const mails = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'order_placed'), eq(outbox.toAddress, buyer.email)))
    expect(mails).toEqual([])
  })
})

describe('convertCartToOrders under concurrency', () => {
  let pool: DbConnection
  beforeAll(async () => {
    // On a PostgreSQL server, enough connections for the requests to really overlap; PGlite has one.
    const server = testServerUrl()
    pool = server ? await connect({ url: withDatabase(server, t.name), max: 20 }) : t
  })
  afterAll(async () => {
    if (pool !== t) await pool.close()
  })

  it('200 buyers race for 10 units: exactly 10 orders, stock 0, the others told it ran short', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 10 })
    const buyers = await Promise.all(Array.from({ length: 200 }, () => createUser(t.db)))
    for (const buyer of buyers) await addToCart(t.db, { userId: buyer.id }, product.id, 1)

    const results = await Promise.allSettled(buyers.map((b) => convertCartToOrders(pool.db, request(b.id))))
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(10)
    expect(lost.every((r) => r.reason instanceof CartChangedError)).toBe(true)
    expect(await stockOf(product.id)).toBe(0)
    const sold = await t.db.select({ quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.productId, product.id))
    expect(sold.reduce((sum, r) => sum + r.quantity, 0)).toBe(10)
  }, 120_000)

  it('the same idempotency key sent 20 times at once makes one checkout', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 50 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 2)
    const same = request(buyer.id)

    const results = await Promise.all(Array.from({ length: 20 }, () => convertCartToOrders(pool.db, same)))
    expect(new Set(results.map((r) => r.checkoutId)).size).toBe(1)
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(results.every((r) => r.orders.length === 1)).toBe(true)
    expect(await t.db.select().from(checkouts).where(eq(checkouts.buyerId, buyer.id))).toHaveLength(1)
    expect(await stockOf(product.id)).toBe(48)

    // Another account presenting that key gets nothing.
    const other = await createUser(t.db)
    await expect(convertCartToOrders(t.db, { ...same, buyerId: other.id })).rejects.toBeInstanceOf(IdempotencyKeyReusedError)
  }, 60_000)

  it('one cart confirmed 20 times at once with 20 different keys (two tabs) becomes orders once', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 50 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 2)

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => convertCartToOrders(pool.db, request(buyer.id))))
    expect(await t.db.select().from(checkouts).where(eq(checkouts.buyerId, buyer.id))).toHaveLength(1)
    expect(await t.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toHaveLength(1)
    expect(await stockOf(product.id)).toBe(48)
    expect(results.filter((r) => r.status === 'fulfilled' && !r.value.replayed)).toHaveLength(1)
  }, 60_000)

  it('concurrent adds of one product all count, within the stock', async () => {
    const shop = await createShop(t.db)
    const roomy = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 50 })
    const scarce = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 3 })
    const buyer = await createUser(t.db)
    await Promise.all(Array.from({ length: 8 }, () => addToCart(pool.db, { userId: buyer.id }, roomy.id, 1)))
    await Promise.all(Array.from({ length: 8 }, () => addToCart(pool.db, { userId: buyer.id }, scarce.id, 1)))
    const lines = await listCartLines(t.db, { userId: buyer.id })
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      [roomy.id, 8],
      [scarce.id, 3],
    ])
  }, 60_000)

  it('a visitor’s cart merged by two log-ins at once is added once', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 50 })
    const buyer = await createUser(t.db)
    const visitor = { visitorTokenHash: createId() }
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    await addToCart(t.db, visitor, product.id, 2)
    await Promise.all(Array.from({ length: 6 }, () => mergeVisitorCart(pool.db, visitor.visitorTokenHash, buyer.id)))
    expect((await listCartLines(t.db, { userId: buyer.id })).map((l) => l.quantity)).toEqual([3])
    expect(await listCartLines(t.db, visitor)).toEqual([])
  }, 60_000)
})
