import { sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { algeriaDay } from '~/utils/dates'
import { rowsOf } from '~/utils/db.server'

// A producer's figures at /dashboard/insights (issue 21, decision 027): read from the view counters
// (views.server.ts), favourites and orders; nothing here identifies a buyer.

export { INSIGHT_WEEKS, weeksParam } from './periods'

/**
 * What counts as what (one place, so the page, the CSV and the tests agree):
 * - orders: orders placed (any status but `awaiting_payment`, an unpaid card attempt);
 * - sales: the line totals of those orders not cancelled nor returned (centimes, shipping excluded);
 * - conversion: orders ÷ views; refusal rate: returned ÷ orders that left the shop (shipped,
 *   delivered or returned) — a parcel refused at the door comes back as `returned`.
 */
export type ProductFigures = {
  productId: string
  title: string
  slug: string
  views: number
  favourites: number
  orders: number
  units: number
  sales: number
  shipped: number
  returned: number
  conversionBps: number | null
  refusalBps: number | null
}
export type WeekFigures = { week: string; views: number; favourites: number; orders: number; sales: number }
export type ShopInsights = {
  weeks: number
  since: string
  totals: Omit<ProductFigures, 'productId' | 'title' | 'slug'>
  products: ProductFigures[]
  byWeek: WeekFigures[]
  searchTerms: { term: string; views: number }[]
}

const bps = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : null)

/** Monday (YYYY-MM-DD) of the week holding `day`. */
export function weekStart(day: string) {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
  return date.toISOString().slice(0, 10)
}

export async function getShopInsights(db: DbOrTx, shopId: string, { weeks = 12, now = new Date() }: { weeks?: number; now?: Date } = {}): Promise<ShopInsights> {
  // Whole weeks, the current one included, in Algerian days.
  const thisWeek = weekStart(algeriaDay(now))
  const sinceDate = new Date(`${thisWeek}T00:00:00Z`)
  sinceDate.setUTCDate(sinceDate.getUTCDate() - 7 * (weeks - 1))
  const since = sinceDate.toISOString().slice(0, 10)
  const localDay = (column: string) => sql.raw(`(${column} at time zone 'Africa/Algiers')::date`)

  type ProductRow = { id: string; title: string; slug: string; views: string; favourites: string; orders: string; units: string; sales: string; shipped: string; returned: string }
  type WeekRow = { week: string; views: string; favourites: string; orders: string; sales: string }
  const [productRows, weekRows, termRows] = await Promise.all([
    rowsOf<ProductRow>(
      db,
      sql`
      select p.id, p.title, p.slug,
        coalesce((select sum(v.views) from product_views_daily v where v.product_id = p.id and v.day >= ${since}::date), 0) as views,
        (select count(*) from favourites f where f.product_id = p.id) as favourites,
        coalesce(o.orders, 0) as orders, coalesce(o.units, 0) as units, coalesce(o.sales, 0) as sales,
        coalesce(o.shipped, 0) as shipped, coalesce(o.returned, 0) as returned
      from products p
      left join lateral (
        select count(distinct ord.id) as orders,
          sum(oi.quantity) as units,
          sum(oi.line_total) filter (where ord.status not in ('cancelled', 'returned')) as sales,
          count(distinct ord.id) filter (where ord.status in ('shipped', 'delivered', 'returned')) as shipped,
          count(distinct ord.id) filter (where ord.status = 'returned') as returned
        from order_items oi join orders ord on ord.id = oi.order_id
        where oi.product_id = p.id and ord.status <> 'awaiting_payment' and ${localDay('ord.created_at')} >= ${since}::date
      ) o on true
      where p.shop_id = ${shopId}
      order by coalesce(o.sales, 0) desc, views desc, p.title`
    ),
    rowsOf<WeekRow>(
      db,
      sql`
      with days as (
        select v.day, v.views, 0 as favourites, 0 as orders, 0 as sales
        from product_views_daily v join products p on p.id = v.product_id
        where p.shop_id = ${shopId} and v.day >= ${since}::date
        union all
        select ${localDay('f.created_at')}, 0, 1, 0, 0
        from favourites f join products p on p.id = f.product_id
        where p.shop_id = ${shopId} and ${localDay('f.created_at')} >= ${since}::date
        union all
        select ${localDay('o.created_at')}, 0, 0, 1,
          case when o.status in ('cancelled', 'returned') then 0 else o.subtotal end
        from orders o
        where o.shop_id = ${shopId} and o.status <> 'awaiting_payment' and ${localDay('o.created_at')} >= ${since}::date
      )
      select to_char(date_trunc('week', day)::date, 'YYYY-MM-DD') as week,
        sum(views) as views, sum(favourites) as favourites, sum(orders) as orders, sum(sales) as sales
      from days group by 1 order by 1`
    ),
    rowsOf<{ term: string; views: string }>(
      db,
      sql`
      select t.term, sum(t.views) as views
      from product_search_terms_daily t join products p on p.id = t.product_id
      where p.shop_id = ${shopId} and t.day >= ${since}::date
      group by t.term order by sum(t.views) desc, t.term limit 10`
    ),
  ])

  const products = productRows.map((r): ProductFigures => {
    const [views, orders, shipped, returned] = [Number(r.views), Number(r.orders), Number(r.shipped), Number(r.returned)]
    return {
      productId: r.id,
      title: r.title,
      slug: r.slug,
      views,
      favourites: Number(r.favourites),
      orders,
      units: Number(r.units),
      sales: Number(r.sales),
      shipped,
      returned,
      conversionBps: bps(orders, views),
      refusalBps: bps(returned, shipped),
    }
  })
  // Every week of the period, empty ones included, so the chart's axis is regular.
  const found = new Map(weekRows.map((r) => [r.week, r]))
  const byWeek: WeekFigures[] = []
  for (let i = 0; i < weeks; i++) {
    const d = new Date(`${since}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + 7 * i)
    const week = d.toISOString().slice(0, 10)
    const r = found.get(week)
    byWeek.push({ week, views: Number(r?.views ?? 0), favourites: Number(r?.favourites ?? 0), orders: Number(r?.orders ?? 0), sales: Number(r?.sales ?? 0) })
  }
  const sum = (key: 'views' | 'favourites' | 'orders' | 'units' | 'sales' | 'shipped' | 'returned') => products.reduce((a, p) => a + p[key], 0)
  // Orders counted per product would count an order of two products twice: the shop's total is per week.
  const orders = byWeek.reduce((a, w) => a + w.orders, 0)
  const views = sum('views')
  const shipped = sum('shipped')
  const returned = sum('returned')
  return {
    weeks,
    since,
    totals: {
      views,
      favourites: sum('favourites'),
      orders,
      units: sum('units'),
      sales: byWeek.reduce((a, w) => a + w.sales, 0),
      shipped,
      returned,
      conversionBps: bps(orders, views),
      refusalBps: bps(returned, shipped),
    },
    products,
    byWeek,
    searchTerms: termRows.map((r) => ({ term: r.term, views: Number(r.views) })),
  }
}
