import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outbox, smsOutbox, users, verifications } from '#db/schema'
import { logIn, requestPhoneReset, resetPasswordWithCode, signUp } from '~/modules/accounts/accounts.server'
import { verifyPhoneCode } from '~/modules/accounts/phone.server'
import { limits } from '~/modules/accounts/rate-limit.server'
import { LoginIdentifierSchema, PhoneSchema, SignupSchema } from '~/modules/accounts/schemas'
import { createSession, validateSessionToken } from '~/modules/accounts/sessions.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { smsGateSender } from '~/modules/sms/senders.server'
import { deliverDueSms } from '~/modules/sms/sms.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { startFakeSmsGate, type FakeSmsGate } from '../support/fake-sms-gate'

// Accounts by phone number (issue 16, decision 016), against a real database; texts go through the
// real SMS Gateway client to a local fake of the gateway.

let t: TestDatabase
let gate: FakeSmsGate
beforeAll(async () => {
  t = await createTestDatabase()
  gate = await startFakeSmsGate({ username: 'taswiq', password: 'gw-pass' })
})
afterAll(async () => {
  await gate?.close()
  await t?.close()
})

const siteUrl = 'http://localhost:3000'
const sender = () => smsGateSender({ url: gate.url, username: 'taswiq', password: 'gw-pass' })
const textsTo = (to: string) => t.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, to)).orderBy(smsOutbox.createdAt)
const codeIn = (text: string) => text.match(/\b(\d{6})\b/)![1]!
const otherThan = (code: string) => (code === '000000' ? '000001' : '000000')
let numberSeq = 10
/** A fresh Algerian mobile number in E.164 for each test. */
const freshNumber = () => `+2136610000${String(numberSeq++).padStart(2, '0')}`

async function phoneAccount(phone = freshNumber(), password = 'phone-pass-1') {
  const outcome = await signUp(t.db, { name: 'Warda', phone, password, language: 'ar' }, { siteUrl })
  if (outcome.status !== 'created') throw new Error(`${phone} already had an account`)
  return outcome.user
}

describe('phone numbers in forms', () => {
  it('accepts 05/06/07 + 8 digits in local, +213 and 00213 forms and stores E.164', () => {
    for (const typed of ['0661 23 45 67', '+213661234567', '00213 661-23-45-67', '0661.23.45.67']) {
      expect(PhoneSchema.parse(typed)).toBe('+213661234567')
    }
    for (const bad of ['0461234567', '066123456', '+33612345678', '06612345678']) expect(PhoneSchema.safeParse(bad).success).toBe(false)
    expect(LoginIdentifierSchema.parse('0555 12 34 56')).toBe('+213555123456')
    expect(LoginIdentifierSchema.parse('Nadia@Example.DZ')).toBe('nadia@example.dz')
    const neither = SignupSchema.safeParse({ name: 'Warda', password: 'phone-pass-1' })
    expect(neither.success).toBe(false)
    expect(neither.error?.issues[0]?.message).toBe('validation.phoneOrEmail')
  })
})

describe('sign-up by phone', () => {
  it('creates an account without email, texts a hashed code that confirms the number once, through the gateway', async () => {
    const phone = freshNumber()
    const user = await phoneAccount(phone)
    expect(user.email).toBeNull()
    expect(user.phone).toBe(phone)
    expect(user.phoneVerifiedAt).toBeNull()

    const [text] = await textsTo(phone)
    expect(text?.kind).toBe('phone_code')
    expect(text?.body).toContain('تسويق')
    const code = codeIn(text!.body)
    const [stored] = await t.db.select().from(verifications).where(eq(verifications.userId, user.id))
    expect(stored?.type).toBe('phone_verification')
    expect(stored?.secretHash).not.toContain(code)
    // Nothing was queued for a missing email address.
    expect(await t.db.select().from(outbox).where(eq(outbox.kind, 'verification_code'))).toHaveLength(0)

    // Sent after the commit, by the worker's delivery, through the real client to the fake gateway.
    const delivery = await deliverDueSms(t, sender())
    expect(delivery.sent).toBeGreaterThanOrEqual(1)
    const received = gate.messages.find((m) => m.id === text!.id)
    expect(received?.phoneNumbers).toEqual([phone])
    expect(received?.text).toContain(code)
    const [sent] = await textsTo(phone)
    expect(sent?.sentAt).toBeInstanceOf(Date)

    expect(await verifyPhoneCode(t.db, user.id, otherThan(code))).toBe('wrong')
    expect(await verifyPhoneCode(t.db, user.id, code)).toBe('verified')
    expect(await verifyPhoneCode(t.db, user.id, code)).toBe('expired')
    const [verified] = await t.db.select().from(users).where(eq(users.id, user.id))
    expect(verified?.phoneVerifiedAt).toBeInstanceOf(Date)
  })

  it('a code expires after 15 minutes and dies after five wrong guesses', async () => {
    const phone = freshNumber()
    const user = await phoneAccount(phone)
    const code = codeIn((await textsTo(phone))[0]!.body)
    expect(await verifyPhoneCode(t.db, user.id, code, new Date(Date.now() + 16 * 60_000))).toBe('expired')

    const other = await phoneAccount()
    const otherCode = codeIn((await textsTo(other.phone!))[0]!.body)
    for (let i = 0; i < 5; i++) expect(await verifyPhoneCode(t.db, other.id, otherThan(otherCode))).toBe('wrong')
    expect(await verifyPhoneCode(t.db, other.id, otherCode)).toBe('expired')
  })

  it('a number already used gets no second account: its owner is texted, the answer is the same', async () => {
    const phone = freshNumber()
    const owner = await phoneAccount(phone)
    const again = await signUp(t.db, { name: 'Someone else', phone, password: 'other-pass-1', language: 'fr' }, { siteUrl })
    expect(again.status).toBe('existing')
    expect(await t.db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1)
    const texts = await textsTo(phone)
    expect(texts.map((x) => x.kind)).toEqual(['phone_code', 'signup_attempt'])
    // In the owner's language, with the way back in, and no code.
    expect(texts[1]!.body).toContain('تسويق')
    expect(texts[1]!.body).toContain('/forgot-password')
    expect(texts[1]!.body).not.toMatch(/\b\d{6}\b/)
    const [unchanged] = await t.db.select().from(users).where(eq(users.id, owner.id))
    expect(unchanged?.name).toBe('Warda')
  })

  it('an email account may also carry a number; an unconfirmed contact number does not log in nor block a phone sign-up', async () => {
    const phone = freshNumber()
    const withEmail = await signUp(t.db, { name: 'Nadia', email: 'nadia-phone@example.dz', phone, password: 'email-pass-1', language: 'ar' }, { siteUrl })
    expect(withEmail.status).toBe('created')
    // The code went by email, not by SMS.
    expect(await textsTo(phone)).toHaveLength(0)
    expect((await t.db.select().from(outbox).where(eq(outbox.toAddress, 'nadia-phone@example.dz')))[0]?.kind).toBe('verification_code')
    expect((await logIn(t.db, { email: phone, password: 'email-pass-1', ip: '10.1.0.1' })).status).toBe('invalid')
    expect((await logIn(t.db, { email: 'nadia-phone@example.dz', password: 'email-pass-1', ip: '10.1.0.1' })).status).toBe('ok')
    // The real owner of the number can still sign up with it.
    const owner = await phoneAccount(phone)
    expect(owner.phone).toBe(phone)
  })
})

describe('log-in by phone', () => {
  it('logs in with the number in any form; a wrong password is invalid; five wrong ones throttle', async () => {
    const phone = freshNumber()
    await phoneAccount(phone, 'phone-pass-1')
    expect((await logIn(t.db, { email: LoginIdentifierSchema.parse(`0${phone.slice(4)}`), password: 'phone-pass-1', ip: '10.2.0.1' })).status).toBe('ok')
    expect((await logIn(t.db, { email: phone, password: 'wrong-pass', ip: '10.2.0.2' })).status).toBe('invalid')
    expect((await logIn(t.db, { email: freshNumber(), password: 'phone-pass-1', ip: '10.2.0.2' })).status).toBe('invalid')
    for (let i = 0; i < limits.loginPerAccountAndIp.points; i++) await logIn(t.db, { email: phone, password: `wrong-${i}`, ip: '10.2.0.3' })
    expect((await logIn(t.db, { email: phone, password: 'phone-pass-1', ip: '10.2.0.3' })).status).toBe('throttled')
  })
})

describe('password reset by SMS', () => {
  it('texts a code that sets a new password once, ends every session and confirms the number', async () => {
    const phone = freshNumber()
    const user = await phoneAccount(phone, 'old-pass-123')
    const { token } = await createSession(t.db, user.id, { ip: '10.3.0.1', userAgent: 'vitest' })
    expect(await requestPhoneReset(t.db, phone, { ip: '10.3.0.1' })).toEqual({ status: 'done' })
    const reset = (await textsTo(phone)).find((x) => x.kind === 'phone_reset_code')!
    const code = codeIn(reset.body)

    expect((await resetPasswordWithCode(t.db, { phone, code: otherThan(code), password: 'new-pass-456' })).status).toBe('wrong')
    expect((await resetPasswordWithCode(t.db, { phone, code, password: 'new-pass-456' })).status).toBe('reset')
    expect((await resetPasswordWithCode(t.db, { phone, code, password: 'third-pass-789' })).status).toBe('expired')
    expect(await validateSessionToken(t.db, token)).toBeNull()
    expect((await logIn(t.db, { email: phone, password: 'old-pass-123', ip: '10.3.0.2' })).status).toBe('invalid')
    expect((await logIn(t.db, { email: phone, password: 'new-pass-456', ip: '10.3.0.2' })).status).toBe('ok')
    const [after] = await t.db.select().from(users).where(eq(users.id, user.id))
    expect(after?.phoneVerifiedAt).toBeInstanceOf(Date)
  })

  it('an unknown number is answered like a real one: "done", then "wrong", then "expired"; nothing is texted', async () => {
    const phone = freshNumber()
    expect(await requestPhoneReset(t.db, phone, { ip: '10.4.0.1' })).toEqual({ status: 'done' })
    expect(await textsTo(phone)).toHaveLength(0)
    for (let i = 0; i < 5; i++) expect((await resetPasswordWithCode(t.db, { phone, code: '123456', password: 'whatever-123' })).status).toBe('wrong')
    expect((await resetPasswordWithCode(t.db, { phone, code: '123456', password: 'whatever-123' })).status).toBe('expired')
  })

  it('is rate-limited per number and IP, per IP, and texts at most five codes an hour to one number', async () => {
    const phone = freshNumber()
    await phoneAccount(phone) // one text already: the sign-up code
    const sameIp = []
    for (let i = 0; i < limits.resetPerAccountAndIp.points + 1; i++) sameIp.push((await requestPhoneReset(t.db, phone, { ip: '10.5.0.1' })).status)
    expect(sameIp).toEqual(['done', 'done', 'done', 'throttled'])
    // From other addresses the owner still gets through, but the number's texts stop at five an hour.
    for (let i = 0; i < 4; i++) expect((await requestPhoneReset(t.db, phone, { ip: `10.5.1.${i}` })).status).toBe('done')
    expect(await textsTo(phone)).toHaveLength(limits.smsPerNumber.points)

    const statuses = []
    for (let i = 0; i < limits.resetPerIp.points + 1; i++) statuses.push((await requestPhoneReset(t.db, freshNumber(), { ip: '10.5.9.9' })).status)
    expect(statuses.at(-1)).toBe('throttled')
    expect(statuses.slice(0, -1).every((s) => s === 'done')).toBe(true)
  })
})

describe('the SMS outbox', () => {
  it('retries after a gateway outage, and a retry of a message the gateway already took is not sent twice', async () => {
    const phone = freshNumber()
    await phoneAccount(phone)
    const [row] = await textsTo(phone)
    gate.failNext(1000, 503)
    const first = await deliverDueSms(t, sender(), { batchSize: 1000 })
    gate.failNext(0)
    expect(first.retried).toBeGreaterThanOrEqual(1)
    const [waiting] = await textsTo(phone)
    expect(waiting?.sentAt).toBeNull()
    expect(waiting?.lastError).toContain('503')

    const later = new Date(Date.now() + 60_000)
    await deliverDueSms(t, sender(), { now: later, batchSize: 1000 })
    expect(gate.messages.filter((m) => m.id === row!.id)).toHaveLength(1)

    // A worker that sent but died before recording: the row is taken again, the gateway says 409, no second text.
    await t.db.update(smsOutbox).set({ sentAt: null, nextAttemptAt: new Date(0) }).where(eq(smsOutbox.id, row!.id))
    const again = await deliverDueSms(t, sender(), { now: later, batchSize: 1000 })
    expect(again.sent).toBeGreaterThanOrEqual(1)
    expect(gate.messages.filter((m) => m.id === row!.id)).toHaveLength(1)
    const [done] = await textsTo(phone)
    expect(done?.sentAt).toBeInstanceOf(Date)
  })

  it('bad gateway credentials give the text up at once instead of retrying', async () => {
    const phone = freshNumber()
    await phoneAccount(phone)
    const result = await deliverDueSms(t, smsGateSender({ url: gate.url, username: 'taswiq', password: 'wrong' }))
    expect(result.failed).toBeGreaterThanOrEqual(1)
    const [row] = await textsTo(phone)
    expect(row?.failedAt).toBeInstanceOf(Date)
  })

  it('an email to an account without an address queues nothing', async () => {
    const before = await t.db.select().from(outbox)
    expect(await enqueueEmail(t.db, { to: null, kind: 'welcome', language: 'ar', data: { name: 'Warda', siteUrl } })).toBeNull()
    expect(await t.db.select().from(outbox)).toHaveLength(before.length)
  })
})
