import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { orderStatus } from './orders'

// The ministry's statistics read a daily roll-up of orders instead of the orders themselves, so a
// year's figures cost the same at 200,000 orders as at 2,000 (app/modules/stats/rollup.server.ts).
//
// Triggers (migration 0009) note the Algiers day of every order that is placed, changes status or
// amounts, or gains items, in `stats_stale_days`; the dashboard recomputes those days (and any day
// never computed) before it reads. No shop attribute is copied here: wilaya and producer category
// are joined from the shop at read time, as the live figures define them.

/**
 * Orders of one shop, one Algiers day and one current status. `category_id` is '' for whole orders
 * (items subtotal, commission); otherwise the row counts the orders holding an item of that
 * category, with those items' total and the commission in proportion.
 */
export const statsDaily = pgTable(
  'stats_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    categoryId: text('category_id').notNull(),
    shopId: text('shop_id').notNull(),
    status: orderStatus('status').notNull(),
    orders: integer('orders').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    commission: bigint('commission', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.day, t.shopId, t.status] })]
)

/** Days whose rows in `stats_daily` are complete (unless the day is also in `stats_stale_days`). */
export const statsDays = pgTable('stats_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Append-only notes from the triggers: plain inserts, no unique key, so checkouts never wait on
 * each other for them. The refresh deletes what it has seen and recomputes those days.
 */
export const statsStaleDays = pgTable('stats_stale_days', { day: date('day', { mode: 'string' }).notNull() }, (t) => [
  index('stats_stale_days_day_idx').on(t.day),
])
