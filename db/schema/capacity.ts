import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { users } from './accounts'
import { products, shops } from './catalog'
import { orderItems, orders } from './orders'

/**
 * Pieces promised per week of one made-to-order counter: the product's (`scope_id` = product id),
 * or a combination's with its own capacity (`scope_id` = combination id). Weeks start on Sunday
 * (Algiers). Taken by checkout with a guarded upsert, given back by cancellation (decision 031).
 */
export const capacityWeeks = pgTable(
  'capacity_weeks',
  {
    scopeId: text('scope_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'capacity_weeks_pkey', columns: [t.scopeId, t.weekStart] }), check('capacity_weeks_used_check', sql`${t.used} >= 0`)],
)

/** What an order line took from which week: the producer's order book, and what cancelling gives back. */
export const capacityTakes = pgTable(
  'capacity_takes',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    orderItemId: text('order_item_id')
      .notNull()
      .references(() => orderItems.id, { onDelete: 'cascade' }),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    scopeId: text('scope_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    index('capacity_takes_order_idx').on(t.orderId),
    index('capacity_takes_shop_week_idx').on(t.shopId, t.weekStart),
    check('capacity_takes_quantity_check', sql`${t.quantity} > 0`),
  ],
)

/** "Notify me" for a seasonal product out of season: one per user and product, sent once. */
export const availabilityAlerts = pgTable(
  'availability_alerts',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('availability_alerts_user_product_idx').on(t.userId, t.productId),
    index('availability_alerts_pending_idx').on(t.productId).where(sql`${t.notifiedAt} is null`),
  ],
)
