import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { categories, payoutMethod, shops } from './catalog'
import { orders } from './orders'

export const ledgerEntryKind = pgEnum('ledger_entry_kind', ['sale', 'commission', 'refund', 'payout', 'adjustment'])
export const payoutStatus = pgEnum('payout_status', ['requested', 'paid', 'failed'])

/**
 * A request to transfer a shop's available balance to its account. The account is copied at
 * request time: the transfer goes where the producer asked, even if they edit their settings after.
 * While `requested`, the amount is reserved (not available again); `paid` writes its ledger entry,
 * `failed` releases it.
 */
export const payouts = pgTable(
  'payouts',
  {
    id: id(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    /** Centimes, > 0. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: payoutStatus('status').notNull().default('requested'),
    method: payoutMethod('method').notNull(),
    account: text('account').notNull(),
    holderName: text('holder_name').notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    /** When an admin last put it in a transfer file (CSV batch). */
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    /** The bank's or Algérie Poste's transfer reference (paid). */
    reference: text('reference'),
    /** Why the transfer did not go through (failed). */
    failureReason: text('failure_reason'),
    processedBy: text('processed_by').references(() => users.id),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payouts_shop_idx').on(t.shopId, t.createdAt),
    index('payouts_status_idx').on(t.status, t.createdAt),
    // One open request per shop: a batch pays each producer once, and a second request cannot race the first.
    uniqueIndex('payouts_one_open_per_shop_idx')
      .on(t.shopId)
      .where(sql`status = 'requested'`),
    check('payouts_amount_check', sql`${t.amount} > 0`),
  ]
)

/**
 * Append-only: what the platform owes each shop is the sum of its entries. Nothing updates or
 * deletes a row; a mistake is answered by a new entry (a reversal or an admin's adjustment).
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    orderId: text('order_id').references(() => orders.id),
    payoutId: text('payout_id').references(() => payouts.id),
    kind: ledgerEntryKind('kind').notNull(),
    /** Centimes, signed: + the platform owes the shop more, − less. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** From this instant the amount counts as available (a sale after the hold period; debits at once). */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    /** The admin who wrote an adjustment; null for entries the system writes. */
    createdBy: text('created_by').references(() => users.id),
    /** An adjustment's mandatory reason. */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('ledger_entries_shop_idx').on(t.shopId, t.createdAt),
    index('ledger_entries_order_idx').on(t.orderId),
    index('ledger_entries_payout_idx').on(t.payoutId),
    check('ledger_entries_adjustment_note_check', sql`${t.kind} <> 'adjustment' or (${t.note} is not null and ${t.createdBy} is not null)`),
  ]
)

/**
 * The platform's commission: one `platform` row (its default), and optional per-category
 * overrides (scope = the category's id). Without a platform row, COMMISSION_BPS applies.
 */
export const commissionRates = pgTable(
  'commission_rates',
  {
    /** `platform`, or a category id. */
    scope: text('scope').primaryKey(),
    categoryId: text('category_id').references(() => categories.id, { onDelete: 'cascade' }),
    bps: integer('bps').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('commission_rates_bps_check', sql`${t.bps} between 0 and 10000`),
    check('commission_rates_scope_check', sql`(${t.scope} = 'platform') = (${t.categoryId} is null)`),
  ]
)
