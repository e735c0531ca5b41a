import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'

/**
 * Durable outbox: an email is a row written in the same transaction as the change that caused it,
 * rendered once at that moment, then sent by the worker (with retries) after the commit.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    /** What the message is: `verification_code`, `password_reset`, `welcome`… */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** The template's input, kept for debugging and re-rendering. */
    payload: jsonb('payload').notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set when the worker gives up after the last attempt. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`)],
)

/**
 * The SMS outbox (issue 16, decision 016): a text message is a row written in the caller's
 * transaction, sent by the SMS worker after the commit; the row id is the provider's idempotency key.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: id(),
    /** What the message is: `phone_code`, `phone_reset_code`, `signup_attempt`… */
    kind: text('kind').notNull(),
    /** E.164 (+213…). */
    toNumber: text('to_number').notNull(),
    body: text('body').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sms_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
    index('sms_outbox_to_idx').on(t.toNumber, t.createdAt),
  ],
)
