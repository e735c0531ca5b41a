import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outbox, users, verifications } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import {
  authenticate,
  changePassword,
  createStaffAccount,
  disableUser,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmailCode,
} from './accounts.server'
import { limits } from './rate-limit.server'
import { createSession, validateSessionToken } from './sessions.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

const siteUrl = 'http://localhost:3000'
const emailsTo = (to: string) => t.db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.createdAt)
const codeIn = (text: string) => text.match(/\b(\d{6})\b/)![1]!
async function newAccount(input: Parameters<typeof signUp>[1]) {
  const outcome = await signUp(t.db, input, { siteUrl })
  if (outcome.status !== 'created') throw new Error(`${input.email} already had an account`)
  return outcome.user
}

describe('accounts', () => {
  it('sign-up stores a hash, queues a code that verifies the address once, then a welcome email', async () => {
    const user = await newAccount({ name: 'Nadia', email: 'Nadia@Example.DZ', password: 'secret-pass-1', language: 'fr', phone: '+213661234567' })
    expect(user.email).toBe('nadia@example.dz')
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)

    const [codeEmail] = await emailsTo('nadia@example.dz')
    expect(codeEmail?.kind).toBe('verification_code')
    const code = codeIn(codeEmail!.text)
    const [stored] = await t.db.select().from(verifications).where(eq(verifications.userId, user.id))
    expect(stored?.secretHash).not.toContain(code)

    const wrong = code === '000000' ? '000001' : '000000'
    expect(await verifyEmailCode(t.db, user.id, wrong, { siteUrl })).toBe('wrong')
    expect(await verifyEmailCode(t.db, user.id, code, { siteUrl })).toBe('verified')
    expect(await verifyEmailCode(t.db, user.id, code, { siteUrl })).toBe('expired')
    const [verified] = await t.db.select().from(users).where(eq(users.id, user.id))
    expect(verified?.emailVerifiedAt).toBeInstanceOf(Date)
    expect((await emailsTo('nadia@example.dz')).map((e) => e.kind)).toEqual(['verification_code', 'welcome'])
  })

  it('a code dies after five wrong guesses', async () => {
    const user = await newAccount({ name: 'Karim', email: 'karim@example.dz', password: 'secret-pass-1', language: 'ar' })
    const code = codeIn((await emailsTo('karim@example.dz'))[0]!.text)
    const wrong = code === '111111' ? '222222' : '111111'
    for (let i = 0; i < 5; i++) expect(await verifyEmailCode(t.db, user.id, wrong, { siteUrl })).toBe('wrong')
    expect(await verifyEmailCode(t.db, user.id, code, { siteUrl })).toBe('expired')
  })

  it('log-in answers the same for an unknown address, a wrong password and a disabled account', async () => {
    const user = await newAccount({ name: 'Lina', email: 'lina@example.dz', password: 'secret-pass-1', language: 'ar' })
    expect(await authenticate(t.db, 'lina@example.dz', 'secret-pass-1')).toMatchObject({ id: user.id })
    expect(await authenticate(t.db, 'LINA@example.dz', 'secret-pass-1')).toMatchObject({ id: user.id })
    expect(await authenticate(t.db, 'lina@example.dz', 'wrong')).toBeNull()
    expect(await authenticate(t.db, 'nobody@example.dz', 'secret-pass-1')).toBeNull()
    const { token } = await createSession(t.db, user.id)
    await disableUser(t.db, user.id)
    expect(await authenticate(t.db, 'lina@example.dz', 'secret-pass-1')).toBeNull()
    expect(await validateSessionToken(t.db, token)).toBeNull()
  })

  it('a sign-up with a taken address creates nothing and emails its owner, in their language', async () => {
    const owner = await newAccount({ name: 'Yasmine', email: 'yasmine@example.dz', password: 'secret-pass-1', language: 'fr' })
    const before = await t.db.select().from(users)
    expect(await signUp(t.db, { name: 'Intruder', email: ' YASMINE@example.dz', password: 'other-pass-2', language: 'ar' }, { siteUrl })).toEqual({ status: 'existing' })
    expect(await t.db.select().from(users)).toEqual(before)
    expect(await authenticate(t.db, 'yasmine@example.dz', 'secret-pass-1')).toMatchObject({ id: owner.id })
    const mails = await emailsTo('yasmine@example.dz')
    expect(mails.map((m) => m.kind)).toEqual(['verification_code', 'signup_attempt'])
    expect(mails[1]!.subject).toBe('Tentative d’inscription avec votre adresse sur Taswiq')
    expect(mails[1]!.text).toContain(`${siteUrl}/forgot-password`)
  })

  it('wrong passwords from one address slow down that address only, with growing waits', async () => {
    await newAccount({ name: 'Sara', email: 'sara@example.dz', password: 'secret-pass-1', language: 'ar' })
    const attacker = '10.0.0.66'
    for (let i = 0; i < limits.loginPerAccountAndIp.points; i++) {
      expect(await logIn(t.db, { email: 'sara@example.dz', password: `bad-${i}`, ip: attacker })).toEqual({ status: 'invalid' })
    }
    const first = await logIn(t.db, { email: 'sara@example.dz', password: 'secret-pass-1', ip: attacker })
    expect(first).toMatchObject({ status: 'throttled' })
    const second = await logIn(t.db, { email: 'SARA@example.dz', password: 'bad-again', ip: attacker })
    if (first.status !== 'throttled' || second.status !== 'throttled') throw new Error('expected throttled')
    expect(first.retryAfterSeconds).toBeGreaterThan(14 * 60)
    expect(second.retryAfterSeconds).toBeGreaterThan(29 * 60)
    // The owner, from their own address, gets in with the right password.
    expect(await logIn(t.db, { email: 'sara@example.dz', password: 'secret-pass-1', ip: '10.0.0.7' })).toMatchObject({ status: 'ok' })
  })

  it('many addresses together lock the account, and a reset link always gets the owner back in', async () => {
    const user = await newAccount({ name: 'Rym', email: 'rym@example.dz', password: 'secret-pass-1', language: 'ar' })
    for (let i = 0; i < limits.loginPerAccount.points; i++) {
      await logIn(t.db, { email: 'rym@example.dz', password: `bad-${i}`, ip: `10.2.${Math.floor(i / 4)}.${i % 4}` })
    }
    expect(await logIn(t.db, { email: 'rym@example.dz', password: 'secret-pass-1', ip: '10.3.0.1' })).toMatchObject({ status: 'throttled' })
    expect(await requestPasswordReset(t.db, 'rym@example.dz', { siteUrl, ip: '10.3.0.1' })).toEqual({ status: 'done' })
    const token = (await emailsTo('rym@example.dz')).find((e) => e.kind === 'password_reset')!.text.match(/reset-password\?token=([a-z0-9]+)/)![1]!
    expect(await resetPassword(t.db, token, 'new-password-2')).toMatchObject({ id: user.id })
    expect(await logIn(t.db, { email: 'rym@example.dz', password: 'new-password-2', ip: '10.3.0.1' })).toMatchObject({ status: 'ok' })
  })

  it('fifty wrong passwords at once check no more than five', async () => {
    await newAccount({ name: 'Hind', email: 'hind@example.dz', password: 'secret-pass-1', language: 'ar' })
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => logIn(t.db, { email: 'hind@example.dz', password: `bad-${i}`, ip: '10.4.0.1' })))
    expect(outcomes.filter((o) => o.status === 'invalid')).toHaveLength(limits.loginPerAccountAndIp.points)
    expect(outcomes.filter((o) => o.status === 'throttled')).toHaveLength(50 - limits.loginPerAccountAndIp.points)
  })

  it('a reset link works once, within an hour, and ends every session', async () => {
    const user = await newAccount({ name: 'Amel', email: 'amel@example.dz', password: 'old-password-1', language: 'ar' })
    const { token: sessionToken } = await createSession(t.db, user.id)
    expect(await requestPasswordReset(t.db, 'nobody@example.dz', { siteUrl, ip: '10.1.1.1' })).toEqual({ status: 'done' })
    expect(await requestPasswordReset(t.db, 'amel@example.dz', { siteUrl, ip: '10.1.1.1' })).toEqual({ status: 'done' })
    const resetEmail = (await emailsTo('amel@example.dz')).find((e) => e.kind === 'password_reset')!
    const token = resetEmail.text.match(/reset-password\?token=([a-z0-9]+)/)![1]!

    expect(await resetPassword(t.db, token, 'new-password-2', new Date(Date.now() + 61 * 60_000))).toBeNull()
    expect(await resetPassword(t.db, token, 'new-password-2')).toMatchObject({ id: user.id })
    expect(await resetPassword(t.db, token, 'third-password-3')).toBeNull()
    expect(await authenticate(t.db, 'amel@example.dz', 'old-password-1')).toBeNull()
    expect(await authenticate(t.db, 'amel@example.dz', 'new-password-2')).not.toBeNull()
    expect(await validateSessionToken(t.db, sessionToken)).toBeNull()
    // Nobody learned anything about nobody@example.dz: no email was queued for it.
    expect(await emailsTo('nobody@example.dz')).toEqual([])
  })

  it('changing the password needs the current one and signs out the other sessions', async () => {
    const user = await newAccount({ name: 'Omar', email: 'omar@example.dz', password: 'old-password-1', language: 'ar' })
    const here = await createSession(t.db, user.id)
    const elsewhere = await createSession(t.db, user.id)
    expect(await changePassword(t.db, { userId: user.id, sessionId: here.session.id, currentPassword: 'wrong', newPassword: 'new-password-2' })).toBe(false)
    expect(await changePassword(t.db, { userId: user.id, sessionId: here.session.id, currentPassword: 'old-password-1', newPassword: 'new-password-2' })).toBe(true)
    expect(await validateSessionToken(t.db, here.token)).not.toBeNull()
    expect(await validateSessionToken(t.db, elsewhere.token)).toBeNull()
  })

  it('admin:create makes a moderator or promotes an existing account', async () => {
    const created = await createStaffAccount(t.db, { email: 'mod@solidarite.gov.dz', name: 'Mod', password: 'mod-password-1', role: 'moderator' })
    expect(created).toMatchObject({ created: true, user: { role: 'moderator' } })
    const promoted = await createStaffAccount(t.db, { email: 'MOD@solidarite.gov.dz', name: 'Mod', password: 'mod-password-2', role: 'admin' })
    expect(promoted).toMatchObject({ created: false, user: { role: 'admin', id: created.user.id } })
    expect(await authenticate(t.db, 'mod@solidarite.gov.dz', 'mod-password-2')).not.toBeNull()
  })
})
