import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { and, eq, gt, ne } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { sessions, users } from '#db/schema'
import type { Role } from './roles'

// Sessions as in the Lucia guide (lucia-auth.com/sessions): the cookie holds a random token, the
// database holds only its SHA-256, so a leaked sessions table opens no account.

const DAY = 86_400_000
export const SESSION_LIFETIME_MS = 30 * DAY
/** A session used after half its life is extended to a full 30 days again (sliding expiry). */
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2

export function generateSessionToken() {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createSession(
  db: DbOrTx,
  userId: string,
  { ip, userAgent, now = new Date() }: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
) {
  const token = generateSessionToken()
  const [session] = await db
    .insert(sessions)
    .values({
      id: sessionIdFromToken(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      ip: ip ?? null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .returning()
  return { token, session: session! }
}

export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  phone: users.phone,
  role: users.role,
  locale: users.locale,
  emailVerifiedAt: users.emailVerifiedAt,
  phoneVerifiedAt: users.phoneVerifiedAt,
}
export type SessionUser = {
  id: string
  /** Null for an account signed up by phone (decision 016). */
  email: string | null
  name: string
  phone: string | null
  role: Role
  locale: 'ar' | 'fr' | 'en'
  emailVerifiedAt: Date | null
  phoneVerifiedAt: Date | null
}

/**
 * The session and its user for a cookie token, or null when the token is unknown, expired, or its
 * account is disabled. Extends the session when it has lived more than half its life.
 */
export async function validateSessionToken(db: DbOrTx, token: string, now = new Date()) {
  const sessionId = sessionIdFromToken(token)
  const [row] = await db
    .select({ user: sessionUserColumns, expiresAt: sessions.expiresAt, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1)
  if (!row) return null
  if (row.expiresAt.getTime() <= now.getTime() || row.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, sessionId))
    return null
  }
  let expiresAt = row.expiresAt
  if (expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId))
  }
  return { session: { id: sessionId, expiresAt }, user: row.user as SessionUser }
}

export async function invalidateSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId))
}

/** Signs a user out everywhere (password change, disabled account), or everywhere but `exceptSessionId`. */
export async function invalidateUserSessions(db: DbOrTx, userId: string, { exceptSessionId }: { exceptSessionId?: string } = {}) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
}

export async function listActiveSessions(db: DbOrTx, userId: string, now = new Date()) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(sessions.createdAt)
}
