import { sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { assistedVsIndependent } from '~/modules/assistance/assistance.server'
import { rowsOf } from '~/utils/db.server'

// The ministry's impact figures (issue 22, decision 021) for /admin/stats: income paid to rural
// women producers by wilaya and month, producers with a first sale, the median time from an
// application to the first sale, the median payout delay, assisted vs independent shops. Payouts
// paid are the "income paid" (money that reached the producer's own account).

export type ImpactFigures = {
  womenIncome: { wilayaCode: number; month: string; paid: number }[]
  producersWithFirstSale: number
  medianDaysToFirstSale: number | null
  medianPayoutHours: number | null
  assisted: number
  independent: number
}

export async function getImpactOverview(db: DbOrTx, { months = 12 } = {}): Promise<ImpactFigures> {
  const since = sql`date_trunc('month', now() at time zone 'Africa/Algiers') - make_interval(months => ${months - 1})`
  const [womenIncome, [firsts], [payouts], split] = await Promise.all([
    rowsOf<{ wilayaCode: number; month: string; paid: number }>(
      db,
      sql`select c.wilaya_code::int as "wilayaCode", to_char(p.processed_at at time zone 'Africa/Algiers', 'YYYY-MM') as month, sum(p.amount)::float8 as paid
          from payouts p join shops s on s.id = p.shop_id join communes c on c.code = s.commune_code
          where p.status = 'paid' and s.producer_category = 'rural_woman' and (p.processed_at at time zone 'Africa/Algiers') >= ${since}
          group by 1, 2 order by 2 desc, 1`,
    ),
    rowsOf<{ producers: number; medianDays: number | null }>(
      db,
      sql`with firsts as (select o.shop_id, min(o.created_at) as first from orders o where o.status not in ('cancelled', 'awaiting_payment') group by o.shop_id)
          select count(*)::int as producers,
                 round((percentile_cont(0.5) within group (order by extract(epoch from f.first - s.submitted_at)) / 86400)::numeric, 1)::float8 as "medianDays"
          from firsts f join shops s on s.id = f.shop_id where s.submitted_at is not null and f.first >= s.submitted_at`,
    ),
    rowsOf<{ medianHours: number | null }>(
      db,
      sql`select round((percentile_cont(0.5) within group (order by extract(epoch from p.processed_at - p.created_at)) / 3600)::numeric, 1)::float8 as "medianHours"
          from payouts p where p.status = 'paid' and p.processed_at is not null and (p.processed_at at time zone 'Africa/Algiers') >= ${since}`,
    ),
    assistedVsIndependent(db),
  ])
  return {
    womenIncome: womenIncome.map((r) => ({ ...r, paid: Number(r.paid) })),
    producersWithFirstSale: firsts?.producers ?? 0,
    medianDaysToFirstSale: firsts?.medianDays ?? null,
    medianPayoutHours: payouts?.medianHours ?? null,
    assisted: split.assisted,
    independent: split.independent,
  }
}
