import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payouts } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { toCsv } from '~/utils/csv'
import { getDashboardStats, getImpactFigures, parseStatsFilters, statsTable } from './stats.server'

// A fixed marketplace, figures computed by hand. "Now" is 15 March 2026; the period is February.
const now = new Date('2026-03-15T12:00:00Z')
let t: TestDatabase
let honey: string
let pottery: string

beforeAll(async () => {
  t = await createTestDatabase()
  honey = (await createCategory(t.db, { nameAr: 'عسل', nameFr: 'Miel', nameEn: 'Honey' })).id
  pottery = (await createCategory(t.db, { nameAr: 'فخار', nameFr: 'Poterie', nameEn: 'Pottery' })).id
  // Tizi Ouzou (15): two rural women, A sells, C does not. Algiers (16): artisan B. Béjaïa (06):
  // productive family E, approved 24 h after applying in February. D: a cooperative still pending.
  const a = await createShop(t.db, { producerCategory: 'rural_woman', communeCode: '15029' })
  await createShop(t.db, { producerCategory: 'rural_woman', communeCode: '15017' })
  const b = await createShop(t.db, { producerCategory: 'artisan', communeCode: '16001' })
  await createShop(t.db, { producerCategory: 'cooperative', communeCode: '15029', status: 'pending', submittedAt: new Date('2026-02-10T09:00:00Z') })
  const e = await createShop(t.db, {
    producerCategory: 'productive_family',
    communeCode: '06011',
    submittedAt: new Date('2026-02-02T10:00:00Z'),
    reviewedAt: new Date('2026-02-03T10:00:00Z'),
  })
  const pA1 = await createProduct(t.db, { shopId: a.id, categoryId: honey })
  const pA2 = await createProduct(t.db, { shopId: a.id, categoryId: pottery })
  const pB1 = await createProduct(t.db, { shopId: b.id, categoryId: pottery })
  await createProduct(t.db, { shopId: b.id, categoryId: honey, status: 'pending_review' })
  const pE1 = await createProduct(t.db, { shopId: e.id, categoryId: honey })
  const buyer = (await createUser(t.db)).id
  const order = (shopId: string, status: Parameters<typeof createOrder>[1]['status'], at: string, items: [string, number, number][]) =>
    createOrder(t.db, {
      shopId,
      buyerId: buyer,
      status,
      createdAt: new Date(at),
      items: items.map(([productId, unitPrice, quantity]) => ({ productId, unitPrice, quantity })),
    })
  // Prices in centimes: honey 1,500 DA, pottery 2,000 DA (A) and 1,000 DA (B), E's honey 500 DA.
  await order(a.id, 'delivered', '2026-02-05T10:00:00Z', [
    [pA1.id, 150_000, 2],
    [pA2.id, 200_000, 1],
  ]) // 5,000 DA
  await order(a.id, 'shipped', '2026-02-12T10:00:00Z', [[pA1.id, 150_000, 1]])
  await order(a.id, 'cancelled', '2026-02-14T10:00:00Z', [[pA2.id, 200_000, 1]])
  await order(a.id, 'returned', '2026-02-20T10:00:00Z', [[pA1.id, 150_000, 1]])
  // 28 February 23:30 in Algiers: still February. 1 March 00:30 in Algiers: not.
  await order(b.id, 'delivered', '2026-02-28T22:30:00Z', [[pB1.id, 100_000, 3]])
  await order(b.id, 'pending', '2026-02-28T23:30:00Z', [[pB1.id, 100_000, 1]])
  await order(b.id, 'awaiting_payment', '2026-02-15T10:00:00Z', [[pB1.id, 100_000, 1]])
  // 31 January 23:30 UTC is 1 February 00:30 in Algiers: February.
  await order(e.id, 'confirmed', '2026-01-31T23:30:00Z', [[pE1.id, 50_000, 2]])
  await order(a.id, 'delivered', '2026-01-15T10:00:00Z', [[pA1.id, 150_000, 1]])
  // Transfers: only the one paid in February counts (3,000 DA); failed and later ones do not.
  const payout = (shopId: string, status: 'paid' | 'failed', processedAt: string, amount: number) =>
    t.db.insert(payouts).values({ shopId, amount, status, method: 'ccp', account: '0012345678 42', holderName: 'x', requestedBy: buyer, processedAt: new Date(processedAt), createdAt: new Date(processedAt) })
  await payout(a.id, 'paid', '2026-02-20T09:00:00Z', 300_000)
  await payout(b.id, 'failed', '2026-02-21T09:00:00Z', 100_000)
  await payout(e.id, 'paid', '2026-03-02T09:00:00Z', 50_000)
})
afterAll(async () => {
  await t?.close()
})

const february = (extra: Record<string, string> = {}) =>
  parseStatsFilters(new URLSearchParams({ period: 'custom', from: '2026-02-01', to: '2026-02-28', ...extra }), { now, categoryIds: [honey, pottery] })

describe('dashboard figures', () => {
  it('match the hand-computed values for February', async () => {
    const stats = await getDashboardStats(t.db, february(), 'fr')
    expect(stats.figures).toEqual({
      activeShops: 4,
      sellers: 3,
      newApplications: 2,
      decidedApplications: 1,
      averageDecisionHours: 24,
      activeProducts: 4,
      placedOrders: 6,
      saleOrders: 4,
      sales: 1_050_000,
      deliveredOrders: 2,
      cancelledOrders: 1,
      returnedOrders: 1,
      deliveredShare: 2 / 6,
      cancellationRate: 1 / 6,
      commission: 80_000,
      payoutsPaid: 300_000,
    })
    expect(stats.byStatus).toEqual([
      { status: 'awaiting_payment', orders: 1, amount: 100_000 },
      { status: 'confirmed', orders: 1, amount: 100_000 },
      { status: 'shipped', orders: 1, amount: 150_000 },
      { status: 'delivered', orders: 2, amount: 800_000 },
      { status: 'cancelled', orders: 1, amount: 200_000 },
      { status: 'returned', orders: 1, amount: 150_000 },
    ])
    expect(stats.byProducer).toEqual([
      { category: 'rural_woman', shops: 2, sellers: 1, orders: 2, sales: 650_000 },
      { category: 'productive_family', shops: 1, sellers: 1, orders: 1, sales: 100_000 },
      { category: 'artisan', shops: 1, sellers: 1, orders: 1, sales: 300_000 },
      { category: 'cooperative', shops: 0, sellers: 0, orders: 0, sales: 0 },
    ])
    expect(stats.byWilaya).toEqual([
      { code: 15, name: 'Tizi Ouzou', shops: 2, sellers: 1, orders: 2, sales: 650_000 },
      { code: 16, name: 'Alger', shops: 1, sellers: 1, orders: 1, sales: 300_000 },
      { code: 6, name: expect.stringMatching(/^B/), shops: 1, sellers: 1, orders: 1, sales: 100_000 },
    ])
    expect(stats.byCategory).toEqual([
      { id: honey, name: 'Miel', orders: 3, sales: 550_000 },
      { id: pottery, name: 'Poterie', orders: 2, sales: 500_000 },
    ])
    // One bucket per day of February, in Algerian days.
    expect(stats.overTime).toHaveLength(28)
    const day = (d: string) => stats.overTime.find((r) => r.bucket === d)
    expect(day('2026-02-01')).toEqual({ bucket: '2026-02-01', orders: 1, sales: 100_000 })
    expect(day('2026-02-05')).toEqual({ bucket: '2026-02-05', orders: 1, sales: 500_000 })
    expect(day('2026-02-14')).toEqual({ bucket: '2026-02-14', orders: 1, sales: 0 })
    expect(day('2026-02-15')).toEqual({ bucket: '2026-02-15', orders: 0, sales: 0 })
    expect(day('2026-02-28')).toEqual({ bucket: '2026-02-28', orders: 1, sales: 300_000 })
  })

  it('answers "how many rural women sold in Tizi Ouzou last month, and for how much?"', async () => {
    const filters = parseStatsFilters(new URLSearchParams({ period: 'lastMonth', wilaya: '15', producer: 'rural_woman' }), { now })
    expect([filters.fromDay, filters.toDay]).toEqual(['2026-02-01', '2026-02-28'])
    const stats = await getDashboardStats(t.db, filters, 'ar')
    expect(stats.figures).toMatchObject({ sellers: 1, sales: 650_000, activeShops: 2, placedOrders: 4, activeProducts: 2, newApplications: 0 })
    expect(stats.byProducer).toEqual([{ category: 'rural_woman', shops: 2, sellers: 1, orders: 2, sales: 650_000 }])
    expect(stats.byWilaya.map((r) => r.name)).toEqual(['تيزي وزو'])
  })

  it('composes filters: a category counts only its items, with the wilaya on top', async () => {
    const honeyOnly = await getDashboardStats(t.db, february({ category: honey }), 'fr')
    // Orders 1, 2, 4 (returned) and E's hold honey; the delivered one's commission is pro rata.
    expect(honeyOnly.figures).toMatchObject({ placedOrders: 4, saleOrders: 3, sales: 550_000, commission: 30_000, activeProducts: 2 })
    expect(honeyOnly.byCategory.map((r) => r.id)).toEqual([honey])

    const potteryInTizi = await getDashboardStats(t.db, february({ category: pottery, wilaya: '15' }), 'fr')
    expect(potteryInTizi.figures).toMatchObject({ placedOrders: 2, sales: 200_000, cancellationRate: 0.5, deliveredShare: 0.5, sellers: 1 })

    const cooperatives = await getDashboardStats(t.db, february({ producer: 'cooperative' }), 'fr')
    expect(cooperatives.figures).toMatchObject({
      placedOrders: 0,
      sales: 0,
      deliveredShare: null,
      newApplications: 1,
      decidedApplications: 0,
      averageDecisionHours: null,
    })
  })

  it('falls back to defaults on bad values instead of failing', async () => {
    const filters = parseStatsFilters(
      new URLSearchParams({ period: 'forever', wilaya: '99', category: 'nope', producer: 'king', by: 'hour', from: '2026-02-30' }),
      { now, categoryIds: [honey] }
    )
    expect(filters.values).toEqual({ period: 'last30', from: '2026-02-14', to: '2026-03-15', wilaya: '', category: '', producer: '', by: 'auto' })
    expect(filters.granularity).toBe('day')
    const swapped = parseStatsFilters(new URLSearchParams({ period: 'custom', from: '2026-12-31', to: '2026-01-01' }), { now })
    expect([swapped.fromDay, swapped.toDay, swapped.granularity]).toEqual(['2026-01-01', '2026-12-31', 'month'])
    const stats = await getDashboardStats(t.db, filters, 'en')
    expect(stats.overTime).toHaveLength(30)
  })
})

const tableCsv = ({ header, rows }: { header: string[]; rows: (string | number)[][] }) => toCsv(header, rows)

describe('CSV export', () => {
  it('is UTF-8 with a byte-order mark, CRLF lines and Arabic names', async () => {
    const stats = await getDashboardStats(t.db, february(), 'ar')
    const csv = tableCsv(statsTable(stats, 'wilaya', 'ar'))
    const bytes = new TextEncoder().encode(csv)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('رمز الولاية,الولاية,المتاجر النشطة,متاجر باعت,الطلبات,المبيعات (دج)')
    expect(lines[1]).toBe('15,تيزي وزو,2,1,2,6500.00')
    expect(lines).toHaveLength(4)
    const producers = tableCsv(statsTable(stats, 'producer', 'ar'))
    expect(producers).toContain('امرأة ريفية')
    expect(tableCsv(statsTable(stats, 'summary', 'fr'))).toContain('Versements effectués,3000.00')
  })
})

describe('impact page figures', () => {
  it('counts approved producers, their wilayas, public products and delivered orders', async () => {
    expect(await getImpactFigures(t.db)).toEqual({ producers: 4, wilayas: 3, products: 4, delivered: 3 })
  })
})
