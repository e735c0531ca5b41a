import { sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { algeriaDay, algeriaDayStart } from '~/utils/dates'
import { rowsOf } from '~/utils/db.server'

// The daily roll-up behind the ministry's statistics (table stats_daily, db/schema/stats.ts).
//
// Triggers note the day of every order that changes in stats_stale_days. Before reading a period,
// `refreshDailyStats` recomputes the period's days that are noted or were never computed, in one
// transaction, so readers see either the old rows of a day or the new ones. Why it cannot miss a
// change: the notes it deletes are those committed when its DELETE starts, and it recomputes from
// orders in a later statement (READ COMMITTED: a newer snapshot), so every noted change is in the
// new rows; a change committed after that DELETE leaves its note behind for the next refresh.
// Refreshes are serialized by an advisory lock: two of them never write the same day at once.

const REFRESH_LOCK = sql`hashtext('taswiq.stats_daily')`
const MS_DAY = 86_400_000

/** Brings the roll-up up to date for the days fromDay..toDay (YYYY-MM-DD, Algeria); returns the days it recomputed. */
export async function refreshDailyStats(db: DbOrTx, fromDay: string, toDay: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`)
    const due = await rowsOf<{ day: string }>(
      tx,
      sql`with stale as (delete from stats_stale_days where day between ${fromDay}::date and ${toDay}::date returning day)
          select d::date::text as day from generate_series(${fromDay}::date, ${toDay}::date, interval '1 day') d
          where d::date in (select day from stale) or not exists (select 1 from stats_days s where s.day = d::date)
          order by 1`
    )
    if (!due.length) return []
    const days = due.map((r) => r.day)
    const dayList = sql`(select unnest(string_to_array(${days.join(',')}, ','))::date as day)`
    // Bounds on created_at let the orders' index narrow the scan before the join on the day.
    const from = algeriaDayStart(days[0])!.toISOString()
    const to = new Date(algeriaDayStart(days.at(-1))!.getTime() + MS_DAY).toISOString()
    // A first view of a long period recomputes many days at once: enough memory to sort in RAM.
    await tx.execute(sql`set local work_mem = '64MB'`)
    await tx.execute(sql`delete from stats_daily where day in ${dayList}`)
    await tx.execute(sql`insert into stats_daily (day, category_id, shop_id, status, orders, amount, commission)
      with due_orders as materialized (
        select o.id, o.shop_id, o.status, o.subtotal, o.commission, due.day
        from orders o join ${dayList} due on due.day = (o.created_at at time zone 'Africa/Algiers')::date
        where o.created_at >= ${from}::timestamptz and o.created_at < ${to}::timestamptz)
      select day, '', shop_id, status, count(*), sum(subtotal), sum(commission) from due_orders group by day, shop_id, status
      union all
      select day, category_id, shop_id, status, count(*), sum(amount), coalesce(sum(commission), 0) from (
        select o.day, o.shop_id, o.status, p.category_id, sum(oi.line_total) as amount,
               (o.commission * sum(oi.line_total) / nullif(o.subtotal, 0))::bigint as commission
        from due_orders o join order_items oi on oi.order_id = o.id join products p on p.id = oi.product_id
        group by o.id, o.day, o.shop_id, o.status, o.commission, o.subtotal, p.category_id) per_order
      group by day, category_id, shop_id, status`)
    // After a large recompute the planner's row counts are stale; it would pick nested loops.
    if (days.length > 31) await tx.execute(sql`analyze stats_daily`)
    await tx.execute(sql`insert into stats_days (day) select day from ${dayList} due on conflict (day) do update set computed_at = now()`)
    return days
  })
}

/**
 * Keeps the last 400 days computed (server.ts runs it at start and every 10 minutes), so the first
 * view of a long period does not wait for its recompute; older periods are computed on demand.
 */
export async function refreshRecentDailyStats(db: DbOrTx, now = new Date()) {
  const today = algeriaDay(now)
  const from = new Date(algeriaDayStart(today)!.getTime() - 399 * MS_DAY)
  return refreshDailyStats(db, algeriaDay(from), today)
}
