import { index, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { users } from './accounts'

/**
 * Every moderator and admin decision: who did what to which target, why, from where and when.
 * Written in the same transaction as the decision; never updated. Written and read only through
 * app/modules/audit (the table stays here with the other staff tables).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    /** `shop.approve`, `shop.reject`, `shop.request_changes`, `shop.suspend`, `shop.reinstate`… */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    ip: text('ip'),
    /** What changed (from → to status, names), for reading the log without joins. */
    details: jsonb('details').notNull().default({}),
    /** Set when a facilitator acted for a producer: the row reads "by actor on behalf of this user" (issue 22). */
    onBehalfOfId: text('on_behalf_of_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_on_behalf_idx').on(t.onBehalfOfId, t.createdAt),
  ],
)

/** In-app notices ("your shop was approved"), shown in the producer's dashboard; text comes from the locale files. */
export const notices = pgTable(
  'notices',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notices_user_idx').on(t.userId, t.createdAt)],
)

export const reportStatus = pgEnum('report_status', ['open', 'dismissed', 'actioned'])

/**
 * A buyer's report about something public (a listing today; `target_type` leaves room for shops
 * and reviews). Moderators close it as dismissed, or as actioned when they took the target down.
 */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    /** `product` (later `shop`, `review`). */
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    /** From the fixed list (`prohibited_item`, `counterfeit`, `misleading`, `offensive`, `other`). */
    reasonCode: text('reason_code').notNull(),
    note: text('note').notNull().default(''),
    /** Null for a visitor who was not logged in. */
    reporterId: text('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reporterIp: text('reporter_ip'),
    status: reportStatus('status').notNull().default('open'),
    handledBy: text('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('reports_status_idx').on(t.status, t.createdAt),
    index('reports_target_idx').on(t.targetType, t.targetId),
  ],
)
