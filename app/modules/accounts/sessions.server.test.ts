import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessions } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createUser } from '../../../tests/support/factories'
import { hashPassword, verifyPassword } from './password.server'
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  sessionIdFromToken,
  validateSessionToken,
} from './sessions.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

const DAY = 86_400_000

describe('passwords', () => {
  it('are stored as argon2id hashes that verify only the right password', async () => {
    const hash = await hashPassword('couscous-2026')
    expect(hash).toMatch(/^\$argon2id\$/)
    expect(hash).not.toContain('couscous')
    expect(await verifyPassword(hash, 'couscous-2026')).toBe(true)
    expect(await verifyPassword(hash, 'couscous-2025')).toBe(false)
    expect(await verifyPassword('not a hash', 'x')).toBe(false)
  })
})

describe('sessions', () => {
  it('store only the SHA-256 of the token and find the user from the token', async () => {
    const user = await createUser(t.db, { name: 'Nadia' })
    const { token, session } = await createSession(t.db, user.id, { ip: '127.0.0.1', userAgent: 'test' })
    expect(token).toMatch(/^[a-z2-7]{32}$/)
    expect(session.id).toBe(sessionIdFromToken(token))
    const stored = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(stored.map((s) => s.id)).toEqual([sessionIdFromToken(token)])
    expect(JSON.stringify(stored)).not.toContain(token)
    const valid = await validateSessionToken(t.db, token)
    expect(valid?.user).toMatchObject({ id: user.id, name: 'Nadia' })
    expect(await validateSessionToken(t.db, `${token}x`)).toBeNull()
  })

  it('renew when more than half used, and expire after 30 days unused', async () => {
    const user = await createUser(t.db)
    const start = new Date('2026-03-01T10:00:00Z')
    const { token } = await createSession(t.db, user.id, { now: start })

    const early = await validateSessionToken(t.db, token, new Date(start.getTime() + 5 * DAY))
    expect(early?.session.expiresAt.getTime()).toBe(start.getTime() + SESSION_LIFETIME_MS)

    const later = new Date(start.getTime() + 20 * DAY)
    const renewed = await validateSessionToken(t.db, token, later)
    expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS)

    expect(await validateSessionToken(t.db, token, new Date(later.getTime() + 31 * DAY))).toBeNull()
    // An expired session is gone, not just refused.
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
  })

  it('end at logout, on "sign out everywhere else", and when the account is disabled', async () => {
    const user = await createUser(t.db)
    const a = await createSession(t.db, user.id)
    const b = await createSession(t.db, user.id)
    const c = await createSession(t.db, user.id)

    await invalidateSession(t.db, a.session.id)
    expect(await validateSessionToken(t.db, a.token)).toBeNull()

    await invalidateUserSessions(t.db, user.id, { exceptSessionId: b.session.id })
    expect(await validateSessionToken(t.db, b.token)).not.toBeNull()
    expect(await validateSessionToken(t.db, c.token)).toBeNull()

    const { users } = await import('#db/schema')
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id))
    expect(await validateSessionToken(t.db, b.token)).toBeNull()
  })
})
