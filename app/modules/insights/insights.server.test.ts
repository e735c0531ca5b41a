import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { productSearchTermsDaily, productViewsDaily } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createOrder, createProduct, createShop } from '../../../tests/support/factories'
import { addFavourite } from '../favourites/favourites.server'
import { getShopInsights, weekStart, weeksParam } from './insights.server'
import { createViewCounter, productSlugOf, searchTermOf } from './views.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const phone = 'Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
const now = new Date('2026-12-02T10:00:00Z') // a Wednesday

describe('view counting', () => {
  it('reads product paths and search words', () => {
    expect(productSlugOf('/p/miel-sidr')).toBe('miel-sidr')
    expect(productSlugOf('/p/miel-sidr.data')).toBe('miel-sidr')
    expect(productSlugOf('/p/miel-sidr/report')).toBeNull()
    expect(productSlugOf('/s/shop')).toBeNull()
    expect(searchTermOf('https://taswiq.dz/search?q=%20Miel%20%20Sidr ', 'taswiq.dz')).toBe('miel sidr')
    expect(searchTermOf('https://evil.example/search?q=miel', 'taswiq.dz')).toBeNull()
    expect(searchTermOf('https://taswiq.dz/c/miel?q=x', 'taswiq.dz')).toBeNull()
    expect(searchTermOf('not a url', 'taswiq.dz')).toBeNull()
  })

  it('ignores bots, prefetches and repeated reloads; writes daily counters, not a row per view', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId })
    const counter = createViewCounter({ now: () => now })
    const path = `/p/${product.slug}`
    const view = (over: Partial<Parameters<typeof counter.record>[0]> = {}) => counter.record({ path, userAgent: phone, ip: '10.0.0.1', host: 'taswiq.dz', ...over })

    expect(view({ referer: 'https://taswiq.dz/search?q=عسل' })).toBe(true)
    // The same person reloading, or by the data request of a client-side navigation: not again.
    expect(view()).toBe(false)
    expect(view({ path: `${path}.data` })).toBe(false)
    expect(view({ userAgent: googlebot, ip: '66.249.66.1' })).toBe(false)
    expect(view({ userAgent: undefined, ip: '10.0.0.9' })).toBe(false)
    expect(view({ ip: '10.0.0.2', purpose: 'prefetch' })).toBe(false)
    // Two other people.
    expect(view({ ip: '10.0.0.2' })).toBe(true)
    expect(view({ ip: '10.0.0.3', referer: 'https://taswiq.dz/search?q=عسل' })).toBe(true)
    // A product that does not exist is dropped at the flush.
    expect(view({ path: '/p/no-such-product' })).toBe(true)

    expect(await counter.flush(t.db)).toBe(4)
    const rows = await t.db.select().from(productViewsDaily).where(eq(productViewsDaily.productId, product.id))
    expect(rows).toEqual([{ productId: product.id, day: '2026-12-02', views: 3 }])
    const terms = await t.db.select().from(productSearchTermsDaily).where(eq(productSearchTermsDaily.productId, product.id))
    expect(terms).toEqual([{ productId: product.id, day: '2026-12-02', term: 'عسل', views: 2 }])

    // A later flush adds to the same row; nothing counted → nothing written.
    expect(view({ ip: '10.0.0.4' })).toBe(true)
    await counter.flush(t.db)
    expect(await counter.flush(t.db)).toBe(0)
    const [row] = await t.db.select().from(productViewsDaily).where(eq(productViewsDaily.productId, product.id))
    expect(row!.views).toBe(4)
  })

  it('a new day forgets who was seen', async () => {
    let clock = now
    const counter = createViewCounter({ now: () => clock })
    expect(counter.record({ path: '/p/x', userAgent: phone, ip: '1.1.1.1' })).toBe(true)
    expect(counter.record({ path: '/p/x', userAgent: phone, ip: '1.1.1.1' })).toBe(false)
    clock = new Date('2026-12-03T10:00:00Z')
    expect(counter.record({ path: '/p/x', userAgent: phone, ip: '1.1.1.1' })).toBe(true)
  })
})

describe('a shop’s figures', () => {
  it('per product and per week: views, favourites, orders, sales, conversion, refusals, search words', async () => {
    const shop = await createShop(t.db)
    const other = await createShop(t.db)
    const honey = await createProduct(t.db, { shopId: shop.id, categoryId, price: 200_000 })
    const soap = await createProduct(t.db, { shopId: shop.id, categoryId, price: 50_000 })
    const foreign = await createProduct(t.db, { shopId: other.id, categoryId })
    await t.db.insert(productViewsDaily).values([
      { productId: honey.id, day: '2026-12-01', views: 40 },
      { productId: honey.id, day: '2026-11-24', views: 10 },
      { productId: soap.id, day: '2026-12-02', views: 5 },
      { productId: foreign.id, day: '2026-12-02', views: 999 },
      // Before the 4-week period.
      { productId: honey.id, day: '2026-10-01', views: 500 },
    ])
    await t.db.insert(productSearchTermsDaily).values([
      { productId: honey.id, day: '2026-12-01', term: 'عسل', views: 7 },
      { productId: soap.id, day: '2026-12-02', term: 'savon', views: 2 },
      { productId: foreign.id, day: '2026-12-02', term: 'secret', views: 50 },
    ])
    await addFavourite(t.db, { visitorTokenHash: `v-${Math.random()}` }, honey.id)
    const at = new Date('2026-12-01T09:00:00Z')
    await createOrder(t.db, { shopId: shop.id, status: 'delivered', createdAt: at, items: [{ productId: honey.id, unitPrice: 200_000, quantity: 2 }] })
    await createOrder(t.db, { shopId: shop.id, status: 'returned', createdAt: at, items: [{ productId: honey.id, unitPrice: 200_000, quantity: 1 }] })
    await createOrder(t.db, { shopId: shop.id, status: 'pending', createdAt: at, items: [{ productId: soap.id, unitPrice: 50_000, quantity: 1 }] })
    // An unpaid card attempt is no order.
    await createOrder(t.db, { shopId: shop.id, status: 'awaiting_payment', createdAt: at, items: [{ productId: soap.id, unitPrice: 50_000, quantity: 3 }] })

    const insights = await getShopInsights(t.db, shop.id, { weeks: 4, now })
    expect(insights.since).toBe('2026-11-09')
    const byId = new Map(insights.products.map((p) => [p.productId, p]))
    expect(byId.has(foreign.id)).toBe(false)
    expect(byId.get(honey.id)).toMatchObject({ views: 50, favourites: 1, orders: 2, units: 3, sales: 400_000, conversionBps: 400, refusalBps: 5000 })
    expect(byId.get(soap.id)).toMatchObject({ views: 5, orders: 1, sales: 50_000, conversionBps: 2000, refusalBps: null })
    expect(insights.totals).toMatchObject({ views: 55, orders: 3, sales: 450_000 })
    expect(insights.byWeek.map((w) => w.week)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'])
    expect(insights.byWeek.at(-1)).toMatchObject({ views: 45, orders: 3, sales: 450_000, favourites: 1 })
    expect(insights.byWeek[2]).toMatchObject({ views: 10, orders: 0 })
    expect(insights.searchTerms).toEqual([
      { term: 'عسل', views: 7 },
      { term: 'savon', views: 2 },
    ])
  })

  it('weeks and periods', () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30')
    expect(weekStart('2026-11-30')).toBe('2026-11-30')
    expect(weekStart('2026-12-06')).toBe('2026-11-30')
    expect(weeksParam('26')).toBe(26)
    expect(weeksParam('13')).toBe(12)
    expect(weeksParam("1' or 1=1")).toBe(12)
    expect(weeksParam(null)).toBe(12)
  })
})
