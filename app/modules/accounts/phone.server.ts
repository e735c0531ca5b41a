import { randomInt } from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { and, desc, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { users, verifications } from '#db/schema'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { queueSms } from '~/modules/sms/sms.server'
import { fallbackLanguage, type Language } from '~/utils/i18n'
import { lookup, type Messages } from '~/utils/translate'
import { consume, limits } from './rate-limit.server'
import { EmailSchema, PhoneSchema } from './schemas'

// Accounts by phone number (issue 16, decision 016): the helpers shared by the email and the SMS
// paths (code hashing, finding an account by what was typed) and the SMS codes themselves.

export const VERIFICATION_CODE_TTL_MS = 15 * 60_000
export const MAX_CODE_ATTEMPTS = 5

export const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)))
// A 6-digit code is only unique together with its user, so the user id is part of what is hashed.
export const hashCode = (userId: string, code: string) => hashSecret(`${userId}:${code}`)
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0')

export function findUserByEmail(db: DbOrTx, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1)
    .then((rows) => rows[0] ?? null)
}

/**
 * The account that logs in with this number (E.164): one whose only identifier it is, or that
 * confirmed it by SMS. A contact number typed next to an email logs nothing in (anyone can type
 * anyone's number there). Unique by the `users_login_phone_idx` index.
 */
export function findUserByPhone(db: DbOrTx, phone: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.phone, phone), or(isNull(users.email), isNotNull(users.phoneVerifiedAt))))
    .limit(1)
    .then((rows) => rows[0] ?? null)
}

export type LoginIdentifier = { kind: 'phone'; value: string } | { kind: 'email'; value: string }

/** What was typed in "phone number or email": an Algerian mobile number (to E.164) or an address (lowercased). */
export function parseLogin(input: string): LoginIdentifier | null {
  const phone = PhoneSchema.safeParse(input)
  if (phone.success) return { kind: 'phone', value: phone.data }
  const email = EmailSchema.safeParse(input)
  return email.success ? { kind: 'email', value: email.data } : null
}

export function findUserByLogin(db: DbOrTx, input: string) {
  const login = parseLogin(input)
  if (!login) return Promise.resolve(null)
  return login.kind === 'phone' ? findUserByPhone(db, login.value) : findUserByEmail(db, login.value)
}

const smsResources: Record<Language, Messages> = { ar, fr, en }

/** A text message in the reader's language, from the `phoneSms` strings of the app's locale files. */
export function smsText(language: Language, key: string, values: Record<string, string | number> = {}) {
  const template = lookup(smsResources[language], key) ?? lookup(smsResources[fallbackLanguage], key) ?? key
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match))
}

export type PhoneCodeType = 'phone_verification' | 'phone_reset'

/**
 * Issues a new 6-digit code of `type` (older ones stop working) and queues its SMS, in the caller's
 * transaction. Returns null, sending nothing, when the number has had its texts for the hour
 * (`limits.smsPerNumber`): texts cost money and must not become a way to flood someone.
 */
export async function sendPhoneCode(
  tx: DbOrTx,
  user: { id: string; phone: string; locale: Language },
  type: PhoneCodeType,
  now = new Date(),
): Promise<string | null> {
  const allowed = await consume(tx, `sms-number:${user.phone}`, limits.smsPerNumber, now)
  if (!allowed.allowed) return null
  const code = newCode()
  await tx
    .update(verifications)
    .set({ usedAt: now })
    .where(and(eq(verifications.userId, user.id), eq(verifications.type, type), isNull(verifications.usedAt)))
  await tx.insert(verifications).values({
    userId: user.id,
    type,
    secretHash: hashCode(user.id, code),
    expiresAt: new Date(now.getTime() + VERIFICATION_CODE_TTL_MS),
  })
  const key = type === 'phone_verification' ? 'phoneSms.verificationCode' : 'phoneSms.resetCode'
  await queueSms(tx, { to: user.phone, kind: type === 'phone_verification' ? 'phone_code' : 'phone_reset_code', body: smsText(user.locale, key, { code }) })
  return code
}

export type CodeResult = 'ok' | 'wrong' | 'expired'

/**
 * Spends a code of `type` for this user: the newest unused, unexpired one is locked (`FOR UPDATE`,
 * so two guesses at once are counted one after the other); the right code uses it up, a wrong one
 * counts an attempt, and after `MAX_CODE_ATTEMPTS` it is dead.
 */
export async function spendCode(tx: DbOrTx, userId: string, type: PhoneCodeType, code: string, now = new Date()): Promise<CodeResult> {
  const [pending] = await tx
    .select()
    .from(verifications)
    .where(and(eq(verifications.userId, userId), eq(verifications.type, type), isNull(verifications.usedAt), gt(verifications.expiresAt, now)))
    .orderBy(desc(verifications.createdAt))
    .limit(1)
    .for('update')
  if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) return 'expired'
  if (pending.secretHash !== hashCode(userId, code)) {
    await tx.update(verifications).set({ attempts: sql`${verifications.attempts} + 1` }).where(eq(verifications.id, pending.id))
    return 'wrong'
  }
  await tx.update(verifications).set({ usedAt: now }).where(eq(verifications.id, pending.id))
  return 'ok'
}

/** Checks the SMS code of a sign-up by phone: the right one confirms the number. */
export async function verifyPhoneCode(db: Db, userId: string, code: string, now = new Date()) {
  return db.transaction(async (tx): Promise<'verified' | 'wrong' | 'expired'> => {
    const result = await spendCode(tx, userId, 'phone_verification', code, now)
    if (result !== 'ok') return result
    await tx.update(users).set({ phoneVerifiedAt: now }).where(eq(users.id, userId))
    return 'verified'
  })
}

/** Whether the account has confirmed the identifier it signed up with (its email, or its number when it has no email). */
export function isAccountVerified(user: { email: string | null; emailVerifiedAt: Date | string | null; phoneVerifiedAt: Date | string | null }) {
  return Boolean(user.email ? user.emailVerifiedAt : user.phoneVerifiedAt)
}
