import { asc, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '#db/client'
import { categories } from '#db/schema'
import { getWilaya, placeName, wilayas } from '~/modules/geo/geo.server'
import { algeriaDay, algeriaDayStart } from '~/utils/dates'
import { rowsOf } from '~/utils/db.server'
import { csvDinars } from '~/utils/csv'
import { refreshDailyStats } from './rollup.server'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import type { Language } from '~/utils/i18n'
import { lookup, type Messages } from '~/utils/translate'
import { PRODUCER_CATEGORIES, STATS_GRANULARITIES, STATS_PERIODS, type ProducerCategoryName, type StatsFilterValues, type StatsTable } from './filters'

// The ministry's figures (/admin/stats) and the public impact page (/impact).
//
// Definitions (also shown on the page, `stats.help`):
// - The period is a range of calendar days in Algeria (Africa/Algiers, UTC+1 all year), both ends
//   included. Orders belong to the period in which they were PLACED (orders.created_at); their
//   status is the one they have now.
// - Placed orders: every order except those still awaiting card payment.
// - Sales (GMV): the items' subtotal (no delivery fee) of orders pending, confirmed, shipped or
//   delivered. Cancelled and returned orders and unpaid card orders are not sales.
// - Delivered share and cancellation rate: delivered (resp. cancelled) orders / placed orders.
// - Commission earned: orders.commission of the delivered orders.
// - With a category filter, an order counts when it holds an item of that category, and its sales
//   and commission are those of that category's items only (commission in proportion).
// - Shops and products are counted as they are now (approved shops, active products of approved
//   shops); the wilaya of a shop is that of its commune. New applications: shops whose application
//   was sent in the period; time to decision: from sending to approval or rejection.
// - Order figures are read from a daily roll-up kept up to date by triggers (rollup.server.ts).

export const SALE_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered'] as const

// ---------------------------------------------------------------------------------------------
// Filters

const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const optionalText = z.string().trim().max(64).optional().catch(undefined)

const filterSchema = z.object({
  period: z.enum(STATS_PERIODS).catch('last30'),
  from: optionalText,
  to: optionalText,
  wilaya: optionalText,
  category: optionalText,
  producer: optionalText,
  by: z.enum(STATS_GRANULARITIES).catch('auto'),
})

export type ResolvedStatsFilters = {
  values: StatsFilterValues
  /** First and last day (YYYY-MM-DD, Algeria), both included. */
  fromDay: string
  toDay: string
  /** Instants: start of fromDay, start of the day after toDay. */
  from: Date
  to: Date
  granularity: 'day' | 'week' | 'month'
  wilayaCode?: number
  categoryId?: string
  producerCategory?: ProducerCategoryName
}

const MS_DAY = 86_400_000
const MAX_DAYS = 3 * 366

function addDays(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_DAY).toISOString().slice(0, 10)
}
function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_DAY)
}

/** The first and last day of a preset period, counted from `today` (Algeria). */
export function periodDays(period: Exclude<(typeof STATS_PERIODS)[number], 'custom'>, today: string): [string, string] {
  const [year, month] = today.split('-').map(Number) as [number, number]
  switch (period) {
    case 'last7':
      return [addDays(today, -6), today]
    case 'last30':
      return [addDays(today, -29), today]
    case 'last90':
      return [addDays(today, -89), today]
    case 'thisMonth':
      return [`${today.slice(0, 7)}-01`, today]
    case 'lastMonth': {
      const first = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10)
      return [first, addDays(`${today.slice(0, 7)}-01`, -1)]
    }
    case 'thisYear':
      return [`${year}-01-01`, today]
  }
}

/**
 * Reads the dashboard's GET filters. Anything unknown or malformed falls back to its default
 * (last 30 days, no filter): a filter form never ends on an error page.
 */
export function parseStatsFilters(params: URLSearchParams, { now = new Date(), categoryIds = [] as string[] } = {}): ResolvedStatsFilters {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''))
  const parsed = filterSchema.parse(raw)
  const today = algeriaDay(now)
  let period = parsed.period
  let fromDay: string
  let toDay: string
  const customFrom = parsed.from && dayPattern.test(parsed.from) && algeriaDayStart(parsed.from) ? parsed.from : null
  const customTo = parsed.to && dayPattern.test(parsed.to) && algeriaDayStart(parsed.to) ? parsed.to : null
  if (period === 'custom' || ((customFrom || customTo) && !params.get('period'))) {
    period = 'custom'
    fromDay = customFrom ?? addDays(customTo ?? today, -29)
    toDay = customTo ?? today
    if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay]
    if (daysBetween(fromDay, toDay) > MAX_DAYS) fromDay = addDays(toDay, -MAX_DAYS)
  } else {
    ;[fromDay, toDay] = periodDays(period as Exclude<typeof period, 'custom'>, today)
  }
  const wilayaCode = parsed.wilaya && /^\d{1,2}$/.test(parsed.wilaya) && getWilaya(Number(parsed.wilaya)) ? Number(parsed.wilaya) : undefined
  const categoryId = parsed.category && categoryIds.includes(parsed.category) ? parsed.category : undefined
  const producerCategory = (PRODUCER_CATEGORIES as readonly string[]).includes(parsed.producer ?? '') ? (parsed.producer as ProducerCategoryName) : undefined
  const span = daysBetween(fromDay, toDay) + 1
  const granularity = parsed.by === 'auto' ? (span <= 45 ? 'day' : span <= 200 ? 'week' : 'month') : parsed.by
  return {
    values: {
      period,
      from: fromDay,
      to: toDay,
      wilaya: wilayaCode ? String(wilayaCode) : '',
      category: categoryId ?? '',
      producer: producerCategory ?? '',
      by: parsed.by,
    },
    fromDay,
    toDay,
    from: algeriaDayStart(fromDay)!,
    to: new Date(algeriaDayStart(toDay)!.getTime() + MS_DAY),
    granularity,
    wilayaCode,
    categoryId,
    producerCategory,
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

const saleStatusList = sql.raw(SALE_STATUSES.map((s) => `'${s}'`).join(','))

/** Shops matching the wilaya and producer-category filters (alias s, commune alias c). */
function shopConditions(f: ResolvedStatsFilters) {
  return sql`${f.wilayaCode ? sql`and c.wilaya_code = ${f.wilayaCode}::smallint` : sql``}
    ${f.producerCategory ? sql`and s.producer_category = ${f.producerCategory}::producer_category` : sql``}`
}

/**
 * The period's rows of the daily roll-up after filters (refreshed first by getDashboardStats): per
 * day, shop and status, the number of orders, their sales amount (items subtotal, or only the
 * filtered category's items) and commission, with the shop's producer category and wilaya.
 */
function filteredDays(f: ResolvedStatsFilters) {
  return sql`select d.day, d.shop_id, d.status, d.orders, d.amount, d.commission, s.producer_category, c.wilaya_code
    from stats_daily d
    join shops s on s.id = d.shop_id
    left join communes c on c.code = s.commune_code
    where d.day >= ${f.fromDay}::date and d.day <= ${f.toDay}::date and d.category_id = ${f.categoryId ?? ''}
    ${shopConditions(f)}`
}

type Num = number | string | null
const n = (value: Num) => Number(value ?? 0)

export type StatusRow = { status: string; orders: number; amount: number }
export type TimeRow = { bucket: string; orders: number; sales: number }
export type WilayaRow = { code: number; name: string; shops: number; sellers: number; orders: number; sales: number }
export type CategoryRow = { id: string; name: string; orders: number; sales: number }
export type ProducerRow = { category: ProducerCategoryName; shops: number; sellers: number; orders: number; sales: number }

export type DashboardStats = {
  figures: {
    activeShops: number
    sellers: number
    newApplications: number
    decidedApplications: number
    /** Average hours from sending an application to its decision; null when none was decided. */
    averageDecisionHours: number | null
    activeProducts: number
    placedOrders: number
    saleOrders: number
    sales: number
    deliveredOrders: number
    cancelledOrders: number
    returnedOrders: number
    /** 0–1, null without placed orders. */
    deliveredShare: number | null
    cancellationRate: number | null
    commission: number
    /** Paid out to producers in the period (centimes); null with a category filter (a payout has no category). */
    payoutsPaid: number | null
  }
  byStatus: StatusRow[]
  overTime: TimeRow[]
  byWilaya: WilayaRow[]
  byCategory: CategoryRow[]
  byProducer: ProducerRow[]
}

const ORDER_STATUS_ORDER = ['awaiting_payment', 'pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'returned']

/** Every bucket of the period (YYYY-MM-DD of its first day), so empty days still show. */
function buckets(f: ResolvedStatsFilters) {
  const keys: string[] = []
  for (let day = f.fromDay; day <= f.toDay; day = addDays(day, 1)) {
    let key = day
    if (f.granularity === 'month') key = `${day.slice(0, 7)}-01`
    else if (f.granularity === 'week') {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7 // Monday 0, like date_trunc('week')
      key = addDays(day, -weekday)
    }
    if (keys.at(-1) !== key) keys.push(key)
  }
  return keys
}

export async function getDashboardStats(db: DbOrTx, f: ResolvedStatsFilters, language: Language): Promise<DashboardStats> {
  await refreshDailyStats(db, f.fromDay, f.toDay)
  const fd = filteredDays(f)
  const unit = sql.raw(`'${f.granularity}'`)
  // One pass over the period's rows for the four breakdowns (grouping sets), instead of four scans.
  const [grouped, sellerRows, wilayaShops, categoryRows, producerShops, applications, products, payoutRows] = await Promise.all([
    rowsOf<{
      dim: 'status' | 'time' | 'wilaya' | 'producer'
      key: string | null
      orders: Num
      placed: Num
      sale_orders: Num
      amount: Num
      sales: Num
      commission: Num
    }>(
      db,
      sql`select case when grouping(status) = 0 then 'status' when grouping(bucket) = 0 then 'time'
                      when grouping(wilaya_code) = 0 then 'wilaya' else 'producer' end as dim,
                 coalesce(status::text, bucket, wilaya_code::text, producer_category::text) as key,
                 coalesce(sum(orders), 0)::int as orders,
                 coalesce(sum(orders) filter (where status <> 'awaiting_payment'), 0)::int as placed,
                 coalesce(sum(orders) filter (where sale), 0)::int as sale_orders,
                 coalesce(sum(amount), 0)::float8 as amount,
                 coalesce(sum(amount) filter (where sale), 0)::float8 as sales,
                 coalesce(sum(commission) filter (where status = 'delivered'), 0)::float8 as commission
          from (select fd.*, status in (${saleStatusList}) as sale,
                       to_char(date_trunc(${unit}, day::timestamp), 'YYYY-MM-DD') as bucket
                from (${fd}) fd) x
          group by grouping sets ((status), (bucket), (wilaya_code), (producer_category))`
    ),
    // The shops that sold, one row each, counted per wilaya and producer category below.
    rowsOf<{ wilaya: Num; category: ProducerCategoryName }>(
      db,
      sql`select wilaya_code as wilaya, producer_category as category from (${fd}) fd
          where status in (${saleStatusList}) group by shop_id, wilaya_code, producer_category`
    ),
    rowsOf<{ code: Num; shops: Num }>(
      db,
      sql`select c.wilaya_code as code, count(*)::int as shops from shops s join communes c on c.code = s.commune_code
          where s.status = 'approved' ${shopConditions(f)} group by c.wilaya_code`
    ),
    rowsOf<{ id: string; orders: Num; sales: Num }>(
      db,
      // The roll-up's category rows count each order once per category it holds.
      sql`select d.category_id as id, sum(d.orders)::int as orders, sum(d.amount)::float8 as sales
          from stats_daily d join shops s on s.id = d.shop_id left join communes c on c.code = s.commune_code
          where d.day >= ${f.fromDay}::date and d.day <= ${f.toDay}::date and d.status in (${saleStatusList})
          ${f.categoryId ? sql`and d.category_id = ${f.categoryId}` : sql`and d.category_id <> ''`}
          ${shopConditions(f)}
          group by d.category_id`
    ),
    rowsOf<{ category: ProducerCategoryName; shops: Num }>(
      db,
      sql`select s.producer_category as category, count(*)::int as shops from shops s left join communes c on c.code = s.commune_code
          where s.status = 'approved' ${shopConditions(f)} group by s.producer_category`
    ),
    rowsOf<{ submitted: Num; decided: Num; hours: Num }>(
      db,
      sql`select count(*)::int as submitted,
                 count(*) filter (where s.status in ('approved', 'rejected') and s.reviewed_at >= s.submitted_at)::int as decided,
                 (avg(extract(epoch from s.reviewed_at - s.submitted_at))
                   filter (where s.status in ('approved', 'rejected') and s.reviewed_at >= s.submitted_at) / 3600)::float8 as hours
          from shops s left join communes c on c.code = s.commune_code
          where s.submitted_at >= ${f.from.toISOString()}::timestamptz and s.submitted_at < ${f.to.toISOString()}::timestamptz
          ${shopConditions(f)}`
    ),
    rowsOf<{ products: Num }>(
      db,
      sql`select count(*)::int as products from products p join shops s on s.id = p.shop_id left join communes c on c.code = s.commune_code
          where p.status = 'active' and s.status = 'approved' ${shopConditions(f)}
          ${f.categoryId ? sql`and p.category_id = ${f.categoryId}` : sql``}`
    ),
    rowsOf<{ paid: Num }>(
      db,
      sql`select coalesce(sum(po.amount), 0)::float8 as paid from payouts po join shops s on s.id = po.shop_id left join communes c on c.code = s.commune_code
          where po.status = 'paid' and po.processed_at >= ${f.from.toISOString()}::timestamptz and po.processed_at < ${f.to.toISOString()}::timestamptz
          ${shopConditions(f)}`
    ),
  ])

  const of = (dim: (typeof grouped)[number]['dim']) => grouped.filter((r) => r.dim === dim && r.key !== null) as ((typeof grouped)[number] & { key: string })[]
  const statusRows = of('status').map((r) => ({ status: r.key, orders: r.orders, amount: r.amount, commission: r.commission }))
  const timeRows = of('time').map((r) => ({ bucket: r.key, orders: r.placed, sales: r.sales }))
  const wilayaSales = of('wilaya')
    .filter((r) => n(r.sale_orders) > 0)
    .map((r) => ({ code: r.key, sellers: sellerRows.filter((x) => String(x.wilaya) === r.key).length, orders: r.sale_orders, sales: r.sales }))
  const producerSales = of('producer')
    .filter((r) => n(r.sale_orders) > 0)
    .map((r) => ({
      category: r.key as ProducerCategoryName,
      sellers: sellerRows.filter((x) => x.category === r.key).length,
      orders: r.sale_orders,
      sales: r.sales,
    }))
  const byStatus = statusRows
    .map((r) => ({ status: r.status, orders: n(r.orders), amount: n(r.amount) }))
    .sort((a, b) => ORDER_STATUS_ORDER.indexOf(a.status) - ORDER_STATUS_ORDER.indexOf(b.status))
  const count = (status: string) => byStatus.find((r) => r.status === status)?.orders ?? 0
  const placedOrders = byStatus.filter((r) => r.status !== 'awaiting_payment').reduce((sum, r) => sum + r.orders, 0)
  const sale = byStatus.filter((r) => (SALE_STATUSES as readonly string[]).includes(r.status))
  const delivered = statusRows.find((r) => r.status === 'delivered')

  const timeByBucket = new Map(timeRows.map((r) => [r.bucket, r]))
  const overTime = buckets(f).map((bucket) => ({ bucket, orders: n(timeByBucket.get(bucket)?.orders ?? 0), sales: n(timeByBucket.get(bucket)?.sales ?? 0) }))

  const shopsByWilaya = new Map(wilayaShops.map((r) => [n(r.code), n(r.shops)]))
  const salesByWilaya = new Map(wilayaSales.map((r) => [n(r.code), r]))
  const byWilaya = wilayas
    .filter((w) => shopsByWilaya.has(w.code) || salesByWilaya.has(w.code))
    .map((w) => {
      const s = salesByWilaya.get(w.code)
      return {
        code: w.code,
        name: placeName(w, language),
        shops: shopsByWilaya.get(w.code) ?? 0,
        sellers: n(s?.sellers ?? 0),
        orders: n(s?.orders ?? 0),
        sales: n(s?.sales ?? 0),
      }
    })
    .sort((a, b) => b.sales - a.sales || b.shops - a.shops || a.code - b.code)

  const categoryNames = await db
    .select({ id: categories.id, nameAr: categories.nameAr, nameFr: categories.nameFr, nameEn: categories.nameEn })
    .from(categories)
    .orderBy(asc(categories.position))
  const nameOf = new Map(categoryNames.map((c) => [c.id, language === 'ar' ? c.nameAr : language === 'fr' ? c.nameFr : c.nameEn]))
  const byCategory = categoryRows
    .map((r) => ({ id: r.id, name: nameOf.get(r.id) ?? r.id, orders: n(r.orders), sales: n(r.sales) }))
    .sort((a, b) => b.sales - a.sales)

  const producerShopsBy = new Map(producerShops.map((r) => [r.category, n(r.shops)]))
  const producerSalesBy = new Map(producerSales.map((r) => [r.category, r]))
  const byProducer = PRODUCER_CATEGORIES.filter((c) => !f.producerCategory || c === f.producerCategory).map((category) => {
    const s = producerSalesBy.get(category)
    return { category, shops: producerShopsBy.get(category) ?? 0, sellers: n(s?.sellers ?? 0), orders: n(s?.orders ?? 0), sales: n(s?.sales ?? 0) }
  })

  const app = applications[0]
  return {
    figures: {
      activeShops: byProducer.reduce((sum, r) => sum + r.shops, 0),
      sellers: byProducer.reduce((sum, r) => sum + r.sellers, 0),
      newApplications: n(app?.submitted ?? 0),
      decidedApplications: n(app?.decided ?? 0),
      averageDecisionHours: app?.hours === null || app?.hours === undefined ? null : n(app.hours),
      activeProducts: n(products[0]?.products ?? 0),
      placedOrders,
      saleOrders: sale.reduce((sum, r) => sum + r.orders, 0),
      sales: sale.reduce((sum, r) => sum + r.amount, 0),
      deliveredOrders: count('delivered'),
      cancelledOrders: count('cancelled'),
      returnedOrders: count('returned'),
      deliveredShare: placedOrders ? count('delivered') / placedOrders : null,
      cancellationRate: placedOrders ? count('cancelled') / placedOrders : null,
      commission: n(delivered?.commission ?? 0),
      payoutsPaid: f.categoryId ? null : n(payoutRows[0]?.paid ?? 0),
    },
    byStatus,
    overTime,
    byWilaya,
    byCategory,
    byProducer,
  }
}

/** Categories for the filter, in the reader's language. */
export async function listStatsCategories(db: DbOrTx, language: Language) {
  const rows = await db
    .select({ id: categories.id, nameAr: categories.nameAr, nameFr: categories.nameFr, nameEn: categories.nameEn, parentId: categories.parentId })
    .from(categories)
    .orderBy(asc(categories.position))
  return rows.map((c) => ({ id: c.id, name: language === 'ar' ? c.nameAr : language === 'fr' ? c.nameFr : c.nameEn }))
}

// ---------------------------------------------------------------------------------------------
// Public impact figures: counts only, no personal data.

export async function getImpactFigures(db: DbOrTx) {
  const [row] = await rowsOf<{ producers: Num; wilayas: Num; products: Num; delivered: Num }>(
    db,
    sql`select (select count(*) from shops where status = 'approved')::int as producers,
               (select count(distinct c.wilaya_code) from shops s join communes c on c.code = s.commune_code where s.status = 'approved')::int as wilayas,
               (select count(*) from products p join shops s on s.id = p.shop_id where p.status = 'active' and s.status = 'approved')::int as products,
               (select count(*) from orders where status = 'delivered')::int as delivered`
  )
  return { producers: n(row?.producers ?? 0), wilayas: n(row?.wilayas ?? 0), products: n(row?.products ?? 0), delivered: n(row?.delivered ?? 0) }
}

// ---------------------------------------------------------------------------------------------
// CSV: each table of the dashboard in the reader's language (UTF-8 with BOM, CRLF).

const locales: Record<Language, Messages> = { ar, fr, en }
const ratio = (value: number | null) => (value === null ? '' : (value * 100).toFixed(1))

export function statsTable(stats: DashboardStats, table: StatsTable, language: Language): { header: string[]; rows: (string | number)[][] } {
  const l = (key: string) => lookup(locales[language], key) ?? key
  const f = stats.figures
  switch (table) {
    case 'summary':
      return {
        header: [l('stats.csv.figure'), l('stats.csv.value')],
        rows: [
          [l('stats.figures.activeShops'), f.activeShops],
          [l('stats.figures.sellers'), f.sellers],
          [l('stats.figures.newApplications'), f.newApplications],
          [l('stats.figures.decidedApplications'), f.decidedApplications],
          [l('stats.figures.averageDecisionHours'), f.averageDecisionHours === null ? '' : f.averageDecisionHours.toFixed(1)],
          [l('stats.figures.activeProducts'), f.activeProducts],
          [l('stats.figures.placedOrders'), f.placedOrders],
          [l('stats.figures.sales'), csvDinars(f.sales)],
          [l('stats.figures.deliveredShare'), ratio(f.deliveredShare)],
          [l('stats.figures.cancellationRate'), ratio(f.cancellationRate)],
          [l('stats.figures.commission'), csvDinars(f.commission)],
          [l('stats.figures.payouts'), f.payoutsPaid === null ? l('stats.notAvailable') : csvDinars(f.payoutsPaid)],
        ],
      }
    case 'status':
      return {
        header: [l('stats.csv.status'), l('stats.csv.statusCode'), l('stats.csv.orders'), l('stats.csv.amountDzd')],
        rows: stats.byStatus.map((r) => [l(`orders.status.${r.status}`), r.status, r.orders, csvDinars(r.amount)]),
      }
    case 'time':
      return {
        header: [l('stats.csv.periodStart'), l('stats.csv.orders'), l('stats.csv.salesDzd')],
        rows: stats.overTime.map((r) => [r.bucket, r.orders, csvDinars(r.sales)]),
      }
    case 'wilaya':
      return {
        header: [
          l('stats.csv.wilayaCode'),
          l('stats.csv.wilaya'),
          l('stats.csv.activeShops'),
          l('stats.csv.sellers'),
          l('stats.csv.orders'),
          l('stats.csv.salesDzd'),
        ],
        rows: stats.byWilaya.map((r) => [String(r.code).padStart(2, '0'), r.name, r.shops, r.sellers, r.orders, csvDinars(r.sales)]),
      }
    case 'category':
      return {
        header: [l('stats.csv.category'), l('stats.csv.orders'), l('stats.csv.salesDzd')],
        rows: stats.byCategory.map((r) => [r.name, r.orders, csvDinars(r.sales)]),
      }
    case 'producer':
      return {
        header: [l('stats.csv.producerCategory'), l('stats.csv.activeShops'), l('stats.csv.sellers'), l('stats.csv.orders'), l('stats.csv.salesDzd')],
        rows: stats.byProducer.map((r) => [l(`producerCategory.${r.category}`), r.shops, r.sellers, r.orders, csvDinars(r.sales)]),
      }
  }
}
