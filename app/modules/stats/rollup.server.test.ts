import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orders, products } from '#db/schema'
import { rowsOf } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { refreshDailyStats } from './rollup.server'
import { getDashboardStats, parseStatsFilters } from './stats.server'

// The roll-up must follow every change of the orders it summarizes: a figure read after a change
// is the figure computed from the orders themselves.
const now = new Date('2026-03-15T12:00:00Z')
let t: TestDatabase
let honey: string
let pottery: string
let shopId: string
let honeyJar: string
let jug: string
let buyer: string

const march = () => parseStatsFilters(new URLSearchParams({ period: 'custom', from: '2026-03-01', to: '2026-03-14' }), { now, categoryIds: [honey, pottery] })
const rows = <Row>(query: ReturnType<typeof sql>) => rowsOf<Row>(t.db, query)

beforeAll(async () => {
  t = await createTestDatabase()
  honey = (await createCategory(t.db, { nameAr: 'عسل', nameFr: 'Miel', nameEn: 'Honey' })).id
  pottery = (await createCategory(t.db, { nameAr: 'فخار', nameFr: 'Poterie', nameEn: 'Pottery' })).id
  shopId = (await createShop(t.db, { producerCategory: 'rural_woman', communeCode: '15029' })).id
  honeyJar = (await createProduct(t.db, { shopId, categoryId: honey })).id
  jug = (await createProduct(t.db, { shopId, categoryId: pottery })).id
  buyer = (await createUser(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const place = (status: 'pending' | 'delivered', at: string, productId: string, unitPrice: number) =>
  createOrder(t.db, { shopId, buyerId: buyer, status, createdAt: new Date(at), items: [{ productId, unitPrice, quantity: 1 }] })

describe('the daily roll-up', () => {
  it('follows new orders, status changes and a product moved to another category after a first view', async () => {
    const first = await place('pending', '2026-03-02T10:00:00Z', honeyJar, 100_000)
    let stats = await getDashboardStats(t.db, march(), 'fr')
    expect(stats.figures).toMatchObject({ placedOrders: 1, sales: 100_000, deliveredOrders: 0 })

    // A later order on an already computed day, and the first one delivered.
    await place('pending', '2026-03-02T15:00:00Z', jug, 250_000)
    await t.db.update(orders).set({ status: 'delivered' }).where(eq(orders.id, first.id))
    stats = await getDashboardStats(t.db, march(), 'fr')
    expect(stats.figures).toMatchObject({ placedOrders: 2, sales: 350_000, deliveredOrders: 1, commission: 10_000 })
    expect(stats.byCategory.map((c) => [c.id, c.sales])).toEqual([
      [pottery, 250_000],
      [honey, 100_000],
    ])

    // The jug becomes honey: its past sale moves with it.
    await t.db.update(products).set({ categoryId: honey }).where(eq(products.id, jug))
    stats = await getDashboardStats(t.db, march(), 'fr')
    expect(stats.byCategory.map((c) => [c.id, c.orders, c.sales])).toEqual([[honey, 2, 350_000]])

    // Cancelled: no longer a sale.
    await t.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, first.id))
    stats = await getDashboardStats(t.db, march(), 'fr')
    expect(stats.figures).toMatchObject({ placedOrders: 2, sales: 250_000, deliveredOrders: 0, cancelledOrders: 1, commission: 0 })
  })

  it('equals the orders themselves, day by day, after many changes', async () => {
    for (let day = 3; day <= 12; day++) {
      const order = await place('pending', `2026-03-${String(day).padStart(2, '0')}T${day % 2 ? '23:30' : '08:00'}:00Z`, day % 3 ? honeyJar : jug, 10_000 * day)
      if (day % 4 === 0) await t.db.update(orders).set({ status: 'delivered' }).where(eq(orders.id, order.id))
    }
    await refreshDailyStats(t.db, '2026-03-01', '2026-03-14')
    const fromOrders = await rows<{ day: string; status: string; orders: number; amount: number }>(
      sql`select (created_at at time zone 'Africa/Algiers')::date::text as day, status::text, count(*)::int as orders, sum(subtotal)::int as amount
          from orders group by 1, 2 order by 1, 2`
    )
    const fromRollup = await rows<{ day: string; status: string; orders: number; amount: number }>(
      sql`select day::text, status::text, sum(orders)::int as orders, sum(amount)::int as amount from stats_daily where category_id = ''
          group by 1, 2 order by 1, 2`
    )
    expect(fromRollup).toEqual(fromOrders)
    expect(fromOrders.length).toBeGreaterThan(5)
  })

  it('recomputes nothing when nothing changed, and only the changed day otherwise', async () => {
    await refreshDailyStats(t.db, '2026-03-01', '2026-03-14')
    expect(await refreshDailyStats(t.db, '2026-03-01', '2026-03-14')).toEqual([])
    await place('pending', '2026-03-05T10:00:00Z', honeyJar, 5_000)
    expect(await refreshDailyStats(t.db, '2026-03-01', '2026-03-14')).toEqual(['2026-03-05'])
  })

  it('lets two refreshes run at once without duplicate rows', async () => {
    await place('pending', '2026-03-06T10:00:00Z', honeyJar, 5_000)
    await t.db.execute(sql`delete from stats_days where day between '2026-03-01' and '2026-03-14'`)
    const [a, b] = await Promise.all([refreshDailyStats(t.db, '2026-03-01', '2026-03-14'), refreshDailyStats(t.db, '2026-03-01', '2026-03-14')])
    // The first does the work; the second waits for it and finds nothing left to do.
    expect([a.length, b.length].sort((x, y) => x - y)).toEqual([0, 14])
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from stats_daily where category_id = '' and day = '2026-03-06'`)
    expect(count?.n).toBeGreaterThan(0)
  })
})
