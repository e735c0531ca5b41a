import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'

export const userRole = pgEnum('user_role', ['buyer', 'producer', 'moderator', 'admin', 'facilitator'])
export const locale = pgEnum('locale', ['ar', 'fr', 'en'])

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Optional since issue 16: an account has an email, a phone number (+213…), or both. */
    email: text('email'),
    phone: text('phone'),
    /** When the number was confirmed by an SMS code; a confirmed number (or the only one) logs in. */
    phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: locale('locale').notNull().default('ar'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    role: userRole('role').notNull().default('buyer'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Emails are unique whatever their case: "Fatima@x.dz" and "fatima@x.dz" are one person.
  // A number logs in when it is the account's only identifier or was confirmed by SMS: such numbers
  // are unique. An unconfirmed contact number next to an email is not (decision 016).
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_login_phone_idx').on(t.phone).where(sql`${t.email} is null or ${t.phoneVerifiedAt} is not null`),
    check('users_email_or_phone_check', sql`${t.email} is not null or ${t.phone} is not null`),
  ],
)

/** Lucia-guide sessions: `id` is the SHA-256 (hex) of the token in the cookie, never the token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const verificationType = pgEnum('verification_type', ['email_verification', 'password_reset', 'phone_verification', 'phone_reset', 'assist_consent'])

/**
 * One-time secrets sent by email: a 6-digit code to verify an address, a link token to reset a
 * password. Only their SHA-256 is stored; a row works once (`used_at`) and until `expires_at`.
 */
export const verifications = pgTable(
  'verifications',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: verificationType('type').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** Wrong guesses of a code; the code dies after a few. */
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('verifications_user_type_idx').on(t.userId, t.type), index('verifications_secret_idx').on(t.secretHash)],
)

/** Fixed-window counters for rate limits (log-in, sign-up, codes, resets), shared by every app server. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
})
