import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DbConnection } from '#db/client'
import { capacityTakes, capacityWeeks, orderItems, orders, productVariants, products } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { testServerUrl, withDatabase } from '../../../tests/support/postgres-url'
import { addDays, weekStartOf } from './capacity'
import { estimateReadyDates, getOrderBook } from './capacity.server'
import { convertCartToOrders, ReadyDateChangedError, type CartConversion } from './checkout.server'
import { transitionOrder } from './lifecycle.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

// A Monday: 3 days of preparation → ready Thursday 2026-12-10, in the week of Sunday 2026-12-06.
const today = '2026-12-07'
const address = { fullName: 'سليمة حداد', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت، رقم 12' }
const request = (buyerId: string, overrides: Partial<CartConversion> = {}): CartConversion => ({
  buyerId,
  idempotencyKey: createId(),
  paymentMethod: 'cod',
  deliveryMode: 'home',
  address,
  commissionBps: 1000,
  siteUrl: 'http://localhost:3000',
  today,
  ...overrides,
})

async function weeksOf(scopeId: string) {
  const rows = await t.db.select({ weekStart: capacityWeeks.weekStart, used: capacityWeeks.used }).from(capacityWeeks).where(eq(capacityWeeks.scopeId, scopeId))
  return rows.sort((a, b) => a.weekStart.localeCompare(b.weekStart)).map((r) => [r.weekStart, r.used])
}

describe('the calendar', () => {
  it('weeks start on Sunday; a date moves by whole weeks', () => {
    expect(weekStartOf('2026-12-07')).toBe('2026-12-06')
    expect(weekStartOf('2026-12-06')).toBe('2026-12-06')
    expect(weekStartOf('2026-12-12')).toBe('2026-12-06')
    expect(weekStartOf('2027-01-01')).toBe('2026-12-27')
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04')
  })
})

describe('made to order with a weekly capacity', () => {
  it('capacity pushes the ready date: shown before confirming, recorded on the order, spilled over weeks', async () => {
    const shop = await createShop(t.db)
    const vase = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 100, madeToOrderDays: 3, capacityPerWeek: 4 })
    const first = await createUser(t.db)
    await addToCart(t.db, { userId: first.id }, vase.id, 3)
    expect(await estimateReadyDates(t.db, [{ productId: vase.id, variantId: null, quantity: 3 }], today)).toEqual(
      new Map([[`${vase.id}:`, { readyOn: '2026-12-10', earliest: '2026-12-10' }]])
    )
    const a = await convertCartToOrders(t.db, request(first.id, { acceptedReadyBy: '2026-12-10' }))
    const [orderA] = await t.db.select().from(orders).where(eq(orders.id, a.orders[0]!.id))
    expect(orderA!.readyOn).toBe('2026-12-10')

    // 1 left this week: 3 more pieces take it and 2 of the next week, ready a week later.
    const second = await createUser(t.db)
    await addToCart(t.db, { userId: second.id }, vase.id, 3)
    const estimate = await estimateReadyDates(t.db, [{ productId: vase.id, variantId: null, quantity: 3 }], today)
    expect(estimate.get(`${vase.id}:`)).toEqual({ readyOn: '2026-12-17', earliest: '2026-12-10' })
    // The buyer who saw the earlier date is refused, with nothing written…
    await expect(convertCartToOrders(t.db, request(second.id, { acceptedReadyBy: '2026-12-10' }))).rejects.toBeInstanceOf(ReadyDateChangedError)
    expect(await weeksOf(vase.id)).toEqual([['2026-12-06', 3]])
    // …and the one who saw the later date gets it.
    const b = await convertCartToOrders(t.db, request(second.id, { acceptedReadyBy: '2026-12-17' }))
    const [orderB] = await t.db.select().from(orders).where(eq(orders.id, b.orders[0]!.id))
    expect(orderB!.readyOn).toBe('2026-12-17')
    const [item] = await t.db.select().from(orderItems).where(eq(orderItems.orderId, orderB!.id))
    expect(item!.readyOn).toBe('2026-12-17')
    expect(orderB!.delayDays).toBe(orderA!.delayDays + 7)
    expect(await weeksOf(vase.id)).toEqual([
      ['2026-12-06', 4],
      ['2026-12-13', 2],
    ])
    const takes = await t.db.select({ week: capacityTakes.weekStart, q: capacityTakes.quantity }).from(capacityTakes).where(eq(capacityTakes.orderId, orderB!.id))
    expect(takes.sort((x, y) => x.week.localeCompare(y.week))).toEqual([
      { week: '2026-12-06', q: 1 },
      { week: '2026-12-13', q: 2 },
    ])

    // The order book: per week, the pieces promised and their orders.
    const book = await getOrderBook(t.db, shop.id, today)
    expect(book.map((w) => [w.weekStart, w.pieces, w.orders.map((o) => o.number)])).toEqual([
      ['2026-12-06', 4, [a.orders[0]!.number, b.orders[0]!.number]],
      ['2026-12-13', 2, [b.orders[0]!.number]],
    ])

    // Cancelling gives the weeks back, and the order leaves the book.
    await transitionOrder(t.db, { orderId: orderA!.id, to: 'cancelled', actor: { kind: 'buyer', userId: first.id }, siteUrl: 'http://localhost:3000' })
    expect(await weeksOf(vase.id)).toEqual([
      ['2026-12-06', 1],
      ['2026-12-13', 2],
    ])
    expect((await getOrderBook(t.db, shop.id, today)).map((w) => [w.weekStart, w.pieces])).toEqual([
      ['2026-12-06', 1],
      ['2026-12-13', 2],
    ])
    expect(await estimateReadyDates(t.db, [{ productId: vase.id, variantId: null, quantity: 3 }], today)).toEqual(
      new Map([[`${vase.id}:`, { readyOn: '2026-12-10', earliest: '2026-12-10' }]])
    )
  })

  it('a combination with its own capacity has its own counter; the others share the product’s', async () => {
    const shop = await createShop(t.db)
    const dress = await createProduct(t.db, { shopId: shop.id, categoryId, madeToOrderDays: 7, capacityPerWeek: 10, option1Name: 'المقاس' })
    const [small, large] = await t.db
      .insert(productVariants)
      .values([
        { productId: dress.id, option1: 'S', price: 400_000, stock: 20 },
        { productId: dress.id, option1: 'XL', price: 450_000, stock: 20, capacityPerWeek: 1 },
      ])
      .returning()
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, dress.id, 2, small!.id)
    await addToCart(t.db, { userId: buyer.id }, dress.id, 2, large!.id)
    const placed = await convertCartToOrders(t.db, request(buyer.id))
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id))
    // XL: one a week → the second piece a week after the earliest date (2026-12-14).
    expect(order!.readyOn).toBe('2026-12-21')
    expect(await weeksOf(dress.id)).toEqual([['2026-12-13', 2]])
    expect(await weeksOf(large!.id)).toEqual([
      ['2026-12-13', 1],
      ['2026-12-20', 1],
    ])
  })

  it('a product without capacity is promised its preparation days, and takes no counter', async () => {
    const shop = await createShop(t.db)
    const rug = await createProduct(t.db, { shopId: shop.id, categoryId, madeToOrderDays: 10 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, rug.id, 5)
    const placed = await convertCartToOrders(t.db, request(buyer.id))
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id))
    expect(order!.readyOn).toBe('2026-12-17')
    expect(await t.db.select().from(capacityTakes).where(eq(capacityTakes.orderId, order!.id))).toEqual([])
  })
})

describe('made to order under concurrency', () => {
  let pool: DbConnection
  beforeAll(async () => {
    const server = testServerUrl()
    pool = server ? await connect({ url: withDatabase(server, t.name), max: 20 }) : t
  })
  afterAll(async () => {
    if (pool !== t) await pool.close()
  })

  it('20 buyers at once, capacity 5 a week: the weeks fill 5, 5, 5, 5 and every order’s date matches its week', async () => {
    const shop = await createShop(t.db)
    const pot = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 100, madeToOrderDays: 3, capacityPerWeek: 5 })
    const buyers = await Promise.all(Array.from({ length: 20 }, () => createUser(t.db)))
    for (const buyer of buyers) await addToCart(t.db, { userId: buyer.id }, pot.id, 1)

    const results = await Promise.allSettled(buyers.map((b) => convertCartToOrders(pool.db, request(b.id))))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await weeksOf(pot.id)).toEqual([
      ['2026-12-06', 5],
      ['2026-12-13', 5],
      ['2026-12-20', 5],
      ['2026-12-27', 5],
    ])
    const placed = await t.db
      .select({ readyOn: orders.readyOn })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(and(eq(orderItems.productId, pot.id)))
    const perDate = new Map<string, number>()
    for (const o of placed) perDate.set(o.readyOn!, (perDate.get(o.readyOn!) ?? 0) + 1)
    expect([...perDate].sort()).toEqual([
      ['2026-12-10', 5],
      ['2026-12-17', 5],
      ['2026-12-24', 5],
      ['2026-12-31', 5],
    ])
    const [row] = await t.db.select({ stock: products.stock }).from(products).where(eq(products.id, pot.id))
    expect(row!.stock).toBe(80)
  }, 120_000)
})
