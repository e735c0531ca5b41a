import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { shops } from './catalog'
import { orders } from './orders'

export type ReturnPhoto = { storageKey: string; width: number; height: number }

export const carrierKinds = ['own', 'yalidine', 'guepex', 'ecotrack'] as const
export const parcelStates = ['created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned'] as const

/**
 * How a shop ships: its own/hand delivery (as before carriers), or a carrier with the platform's
 * account or the shop's own API keys. The keys are AES-256-GCM ciphertext (DELIVERY_SECRET), never
 * plain text; EcoTrack needs the carrier company's own base URL.
 */
export const shopCarriers = pgTable(
  'shop_carriers',
  {
    shopId: text('shop_id')
      .primaryKey()
      .references(() => shops.id, { onDelete: 'cascade' }),
    carrier: text('carrier', { enum: carrierKinds }).notNull().default('own'),
    account: text('account', { enum: ['platform', 'shop'] }).notNull().default('platform'),
    baseUrl: text('base_url'),
    credentials: text('credentials'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('shop_carriers_carrier_check', sql`${t.carrier} in ('own', 'yalidine', 'guepex', 'ecotrack')`),
    check('shop_carriers_account_check', sql`${t.account} in ('platform', 'shop')`),
  ]
)

/**
 * One parcel per order at a carrier. The row is claimed before the carrier is called, so a retry,
 * a double click or a timed-out call finds it and reuses its reference instead of creating a
 * second parcel. `status` is our side of the creation; `state` is where the parcel is.
 */
export const parcels = pgTable(
  'parcels',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    carrier: text('carrier', { enum: carrierKinds }).notNull(),
    account: text('account', { enum: ['platform', 'shop'] }).notNull(),
    /** Sent to the carrier as its order id / reference (our order number): how a retry finds the parcel. */
    reference: text('reference').notNull(),
    tracking: text('tracking'),
    labelUrl: text('label_url'),
    /** The carrier's stop-desk the buyer collects from (desk delivery). */
    stopDeskId: text('stop_desk_id'),
    status: text('status', { enum: ['claimed', 'calling', 'created', 'failed', 'needs_check'] }).notNull().default('claimed'),
    state: text('state', { enum: parcelStates }),
    carrierStatus: text('carrier_status'),
    /** True once a call may have reached the carrier without our knowing the answer (timeout, 5xx). */
    uncertain: smallint('uncertain').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    pollFailures: integer('poll_failures').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('parcels_order_idx').on(t.orderId),
    uniqueIndex('parcels_carrier_tracking_idx').on(t.carrier, t.tracking),
    index('parcels_retry_idx').on(t.status, t.nextAttemptAt),
    index('parcels_poll_idx').on(t.state, t.nextPollAt),
    check('parcels_status_check', sql`${t.status} in ('claimed', 'calling', 'created', 'failed', 'needs_check')`),
  ]
)

/** Each status the carrier reported for a parcel, once (a re-polled history adds nothing). */
export const parcelEvents = pgTable(
  'parcel_events',
  {
    id: id(),
    parcelId: text('parcel_id')
      .notNull()
      .references(() => parcels.id, { onDelete: 'cascade' }),
    carrierStatus: text('carrier_status').notNull(),
    state: text('state', { enum: parcelStates }),
    reason: text('reason'),
    place: text('place'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('parcel_events_once_idx').on(t.parcelId, t.carrierStatus, t.occurredAt)]
)

/** The producer's confirmation calls of a cash-on-delivery order: confirmed, no answer, cancelled by the buyer. */
export const codCalls = pgTable(
  'cod_calls',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: ['confirmed', 'no_answer', 'cancelled'] }).notNull(),
    note: text('note'),
    actorId: text('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('cod_calls_order_idx').on(t.orderId, t.createdAt), check('cod_calls_outcome_check', sql`${t.outcome} in ('confirmed', 'no_answer', 'cancelled')`)]
)

/**
 * A code a buyer with repeated refusals must type before a new cash-on-delivery order (sent by
 * email for now; by SMS once the SMS seam exists). SHA-256 of the code; valid 15 minutes, 5 tries.
 */
export const codBuyerCodes = pgTable(
  'cod_buyer_codes',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('cod_buyer_codes_user_idx').on(t.userId, t.createdAt)]
)

/**
 * What carriers answer slowly and rarely change — stop-desks per wilaya — kept a day in the
 * database, so checkout reads it inside its transaction without calling the carrier there.
 * `key`: `desks:<account>:<carrier>:<wilaya>` (account: `platform` or the shop's id).
 */
export const carrierCache = pgTable('carrier_cache', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
})

export const returnReasons = ['late', 'not_as_described'] as const
export const returnStatuses = ['requested', 'accepted', 'disputed', 'refused', 'received'] as const

/**
 * A return the buyer asks for after delivery (law 18-05: late, or not as described; within 4
 * working days of delivery — decision 025). The producer accepts or disputes; a moderator decides
 * a dispute; an accepted return, once the goods are back (`received`), returns the order: stock
 * back and the shop's ledger reversed in the same transaction. One per order.
 */
export const returnRequests = pgTable(
  'return_requests',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason', { enum: returnReasons }).notNull(),
    note: text('note'),
    status: text('status', { enum: returnStatuses }).notNull().default('requested'),
    producerNote: text('producer_note'),
    decidedBy: text('decided_by').references(() => users.id),
    decisionNote: text('decision_note'),
    /** Up to 3 photos the buyer sent, stored by the media pipeline (WebP widths, no metadata). */
    photos: jsonb('photos').$type<ReturnPhoto[]>().notNull().default([]),
    /** A card-paid order's refund once the goods are back: pending (asked, not confirmed) → refunded | queued (admin). */
    refundStatus: text('refund_status', { enum: ['pending', 'refunded', 'queued'] }),
    /** Centimes to give back: the order's total. */
    refundAmount: bigint('refund_amount', { mode: 'number' }),
    refundReference: text('refund_reference'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('return_requests_order_idx').on(t.orderId),
    index('return_requests_refund_idx').on(t.refundStatus).where(sql`${t.refundStatus} = 'pending'`),
    check('return_requests_refund_status_check', sql`${t.refundStatus} in ('pending', 'refunded', 'queued')`),
    index('return_requests_status_idx').on(t.status, t.createdAt),
    check('return_requests_reason_check', sql`${t.reason} in ('late', 'not_as_described')`),
    check('return_requests_status_check', sql`${t.status} in ('requested', 'accepted', 'disputed', 'refused', 'received')`),
  ]
)
