import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { rowsOf } from '~/utils/db.server'
import type { PartnerDataset } from './schemas'

// The partner datasets, always for a list of wilayas (the key's scope, or one wilaya of it): a
// row of another wilaya cannot come out, because every query filters on the shop's wilaya.
// Only what public pages show about shops; the rest is aggregates per wilaya and month.

const inList = (codes: number[]) => sql.join(codes.map((c) => sql`${c}`), sql`, `)
const SALE_STATUSES = sql.raw(`'pending','confirmed','shipped','delivered'`)

export type DatasetQuery = { wilayas: number[]; category?: string; months?: number }

export async function readDataset(db: DbOrTx, dataset: PartnerDataset, q: DatasetQuery): Promise<unknown[]> {
  if (q.wilayas.length === 0) return []
  const within: SQL = sql`c.wilaya_code in (${inList(q.wilayas)})`
  const since = sql`date_trunc('month', now() at time zone 'Africa/Algiers') - make_interval(months => ${(q.months ?? 12) - 1})`
  if (dataset === 'shops') {
    return rowsOf(
      db,
      sql`select s.slug, s.name, c.wilaya_code::int as "wilayaCode", s.commune_code as "communeCode", s.producer_category as "producerCategory",
            (select count(*)::int from products p where p.shop_id = s.id and p.status = 'active') as "productCount"
          from shops s join communes c on c.code = s.commune_code
          where s.status = 'approved' and ${within} ${q.category ? sql`and s.producer_category = ${q.category}` : sql``}
          order by c.wilaya_code, s.name, s.slug`,
    )
  }
  if (dataset === 'sales') {
    return rowsOf(
      db,
      sql`select c.wilaya_code::int as "wilayaCode", to_char(o.created_at at time zone 'Africa/Algiers', 'YYYY-MM') as month,
            count(*)::int as orders, coalesce(sum(o.subtotal), 0)::bigint::float8 as "salesCentimes"
          from orders o join shops s on s.id = o.shop_id join communes c on c.code = s.commune_code
          where o.status in (${SALE_STATUSES}) and ${within} and (o.created_at at time zone 'Africa/Algiers') >= ${since}
          group by 1, 2 order by 2, 1`,
    )
  }
  if (dataset === 'payout-delays') {
    return rowsOf(
      db,
      sql`select c.wilaya_code::int as "wilayaCode", to_char(p.processed_at at time zone 'Africa/Algiers', 'YYYY-MM') as month, count(*)::int as payouts,
            round((percentile_cont(0.5) within group (order by extract(epoch from p.processed_at - p.created_at)) / 3600)::numeric, 1)::float8 as "medianHours"
          from payouts p join shops s on s.id = p.shop_id join communes c on c.code = s.commune_code
          where p.status = 'paid' and p.processed_at is not null and ${within} and (p.processed_at at time zone 'Africa/Algiers') >= ${since}
          group by 1, 2 order by 2, 1`,
    )
  }
  return rowsOf(
    db,
    sql`select c.wilaya_code::int as "wilayaCode", to_char(s.reviewed_at at time zone 'Africa/Algiers', 'YYYY-MM') as month, count(*)::int as decided,
          count(*) filter (where s.status in ('approved', 'suspended'))::int as approved,
          round((percentile_cont(0.5) within group (order by extract(epoch from s.reviewed_at - s.submitted_at)) filter (where s.submitted_at is not null) / 3600)::numeric, 1)::float8 as "medianHours"
        from shops s join communes c on c.code = s.commune_code
        where s.reviewed_at is not null and ${within} and (s.reviewed_at at time zone 'Africa/Algiers') >= ${since}
        group by 1, 2 order by 2, 1`,
  )
}
