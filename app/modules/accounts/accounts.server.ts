import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { users, verifications } from '#db/schema'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { queueSms } from '~/modules/sms/sms.server'
import type { Language } from '~/utils/i18n'
import { hashPassword, verifyPassword } from './password.server'
import { consume, limits, refund, reset as resetLimit, resetPrefix } from './rate-limit.server'
import {
  findUserByEmail,
  findUserByLogin,
  findUserByPhone,
  hashCode,
  hashSecret,
  MAX_CODE_ATTEMPTS,
  newCode,
  sendPhoneCode,
  smsText,
  spendCode,
  VERIFICATION_CODE_TTL_MS,
} from './phone.server'
import { invalidateUserSessions } from './sessions.server'

const MINUTE = 60_000
export { VERIFICATION_CODE_TTL_MS }
export const RESET_LINK_TTL_MS = 60 * MINUTE

/** Compared against when the email is unknown, so an unknown address costs as much time as a wrong password. */
let dummyHash: Promise<string> | undefined

export { findUserByEmail }

export type SignUpOutcome = { status: 'created'; user: typeof users.$inferSelect } | { status: 'existing' }

/**
 * Creates a buyer account and sends it a verification code, in one transaction: by email when an
 * address is given (a phone number next to it is a contact number, confirmed later), else by SMS
 * to the phone number, which is then the account's login (decision 016). An address or number
 * that already has an account gets no new one: its owner is told someone tried (with the way in
 * and the way to a new password), and the caller answers exactly as for a new account, so the
 * sign-up form does not tell who has an account (decision 012). The password is hashed either
 * way, so both take the same time.
 */
export async function signUp(
  db: Db,
  input: { name: string; email?: string | null; phone?: string | null; password: string; language: Language },
  { siteUrl, now = new Date() }: { siteUrl: string; now?: Date },
): Promise<SignUpOutcome> {
  const email = input.email?.trim().toLowerCase() || null
  const phone = input.phone || null
  if (!email && !phone) throw new Error('signUp needs an email or a phone number')
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, email, phone, passwordHash, locale: input.language })
      .onConflictDoNothing()
      .returning()
    if (user) {
      if (email) await sendVerificationCode(tx, { ...user, email })
      else await sendPhoneCode(tx, { ...user, phone: phone! }, 'phone_verification', now)
      return { status: 'created' as const, user }
    }
    const loginUrl = new URL('/login', siteUrl).toString()
    const resetUrl = new URL('/forgot-password', siteUrl).toString()
    if (email) {
      const owner = await findUserByEmail(tx, email)
      if (owner?.email && !owner.disabledAt) {
        await enqueueEmail(tx, { to: owner.email, kind: 'signup_attempt', language: owner.locale, data: { name: owner.name, loginUrl, resetUrl } })
      }
    } else {
      const owner = await findUserByPhone(tx, phone!)
      if (owner?.phone && !owner.disabledAt && (await consume(tx, `sms-number:${owner.phone}`, limits.smsPerNumber, now)).allowed) {
        await queueSms(tx, { to: owner.phone, kind: 'signup_attempt', body: smsText(owner.locale, 'phoneSms.signupAttempt', { url: resetUrl }) })
      }
    }
    return { status: 'existing' as const }
  })
}

/** The account for these credentials, or null — the same null for an unknown email, a wrong password or a disabled account. */
export async function authenticate(db: DbOrTx, login: string, password: string) {
  const user = await findUserByLogin(db, login)
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword('not-a-real-password')
    await verifyPassword(await dummyHash, password)
    return null
  }
  const valid = await verifyPassword(user.passwordHash, password)
  if (!valid || user.disabledAt) return null
  return user
}

/** Issues a new 6-digit code (older ones stop working) and queues the email, in the caller's transaction. */
export async function sendVerificationCode(
  tx: DbOrTx,
  user: { id: string; email: string | null; name: string; locale: Language },
  now = new Date(),
) {
  const code = newCode()
  await tx
    .update(verifications)
    .set({ usedAt: now })
    .where(and(eq(verifications.userId, user.id), eq(verifications.type, 'email_verification'), isNull(verifications.usedAt)))
  await tx.insert(verifications).values({
    userId: user.id,
    type: 'email_verification',
    secretHash: hashCode(user.id, code),
    expiresAt: new Date(now.getTime() + VERIFICATION_CODE_TTL_MS),
  })
  if (user.email) await enqueueEmail(tx, { to: user.email, kind: 'verification_code', language: user.locale, data: { name: user.name, code } })
  return code
}

export type VerifyResult = 'verified' | 'wrong' | 'expired'

/** Checks a code; the right one verifies the address (and queues the welcome email), a few wrong ones kill it. */
export async function verifyEmailCode(db: Db, userId: string, code: string, { siteUrl, now = new Date() }: { siteUrl: string; now?: Date }) {
  return db.transaction(async (tx): Promise<VerifyResult> => {
    const [pending] = await tx
      .select()
      .from(verifications)
      .where(
        and(
          eq(verifications.userId, userId),
          eq(verifications.type, 'email_verification'),
          isNull(verifications.usedAt),
          gt(verifications.expiresAt, now),
        ),
      )
      .orderBy(desc(verifications.createdAt))
      .limit(1)
      .for('update')
    if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) return 'expired'
    if (pending.secretHash !== hashCode(userId, code)) {
      await tx.update(verifications).set({ attempts: sql`${verifications.attempts} + 1` }).where(eq(verifications.id, pending.id))
      return 'wrong'
    }
    await tx.update(verifications).set({ usedAt: now }).where(eq(verifications.id, pending.id))
    const [user] = await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, userId)).returning()
    if (user?.email) {
      await enqueueEmail(tx, { to: user.email, kind: 'welcome', language: user.locale, data: { name: user.name, siteUrl } })
    }
    return 'verified'
  })
}

/**
 * The answer to a code typed on the "enter your code" page that a sign-up with a taken address
 * reached (no code was sent, there is nothing to verify): "wrong", then "expired" after as many
 * tries as a real code allows, so the page behaves as it does for a new account.
 */
export async function answerCodeWithoutAccount(db: DbOrTx, email: string, now = new Date()): Promise<VerifyResult> {
  const tries = await consume(db, `signup-code:${email.trim().toLowerCase()}`, { points: MAX_CODE_ATTEMPTS, windowSeconds: VERIFICATION_CODE_TTL_MS / 1000 }, now)
  return tries.allowed ? 'wrong' : 'expired'
}

/**
 * Emails a one-hour, one-use reset link when the address belongs to an active account. Says
 * nothing either way: the caller answers "if the address exists…" whatever happened — unless the
 * requests from this IP or for this address are over their limit.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  { siteUrl, ip, now = new Date() }: { siteUrl: string; ip: string; now?: Date },
): Promise<{ status: 'done' } | { status: 'throttled'; retryAfterSeconds: number }> {
  const account = email.trim().toLowerCase()
  for (const [key, limit] of [
    [`reset-ip:${ip}`, limits.resetPerIp],
    [`reset-account:${account}:${ip}`, limits.resetPerAccountAndIp],
    [`reset-account:${account}:*`, limits.resetPerAccount],
  ] as const) {
    const result = await consume(db, key, limit, now)
    if (!result.allowed) return { status: 'throttled', retryAfterSeconds: result.retryAfterSeconds }
  }
  const user = await findUserByEmail(db, email)
  if (!user?.email || user.disabledAt) return { status: 'done' }
  const userEmail = user.email
  const bytes = new Uint8Array(32)
  crypto.getRandomValues(bytes)
  const token = encodeBase32LowerCaseNoPadding(bytes)
  await db.transaction(async (tx) => {
    await tx.insert(verifications).values({
      userId: user.id,
      type: 'password_reset',
      secretHash: hashSecret(token),
      expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
    })
    const resetUrl = new URL(`/reset-password?token=${token}`, siteUrl).toString()
    await enqueueEmail(tx, { to: userEmail, kind: 'password_reset', language: user.locale, data: { name: user.name, resetUrl } })
  })
  return { status: 'done' }
}

/** Whether a reset token is still usable (to show the form or a "link expired" message). */
export async function isResetTokenValid(db: DbOrTx, token: string, now = new Date()) {
  const [row] = await db
    .select({ id: verifications.id })
    .from(verifications)
    .where(
      and(
        eq(verifications.secretHash, hashSecret(token)),
        eq(verifications.type, 'password_reset'),
        isNull(verifications.usedAt),
        gt(verifications.expiresAt, now),
      ),
    )
    .limit(1)
  return Boolean(row)
}

/** Sets a new password from a reset link: the link then dies and every session of the account ends. */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()) {
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(verifications)
      .set({ usedAt: now })
      .where(
        and(
          eq(verifications.secretHash, hashSecret(token)),
          eq(verifications.type, 'password_reset'),
          isNull(verifications.usedAt),
          gt(verifications.expiresAt, now),
        ),
      )
      .returning({ userId: verifications.userId })
    if (!used) return null
    // Following the emailed link proves the address too.
    const [user] = await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(users.id, used.userId))
      .returning()
    await invalidateUserSessions(tx, used.userId)
    if (user) await clearAllLoginCounters(tx, user)
    return user ?? null
  })
}

/** Changes the password after checking the current one; other sessions of the account end. */
export async function changePassword(
  db: Db,
  { userId, sessionId, currentPassword, newPassword }: { userId: string; sessionId: string; currentPassword: string; newPassword: string },
) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1)
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) return false
  const passwordHash = await hashPassword(newPassword)
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId))
    await invalidateUserSessions(tx, userId, { exceptSessionId: sessionId })
  })
  return true
}

/**
 * Saves the profile. A number that logs in (the account's only identifier, or confirmed by SMS)
 * is not changed here: that would move the login to an unconfirmed number.
 */
export async function updateProfile(db: DbOrTx, userId: string, profile: { name: string; phone?: string; locale: Language }) {
  await db
    .update(users)
    .set({
      name: profile.name,
      phone: sql`case when ${users.email} is null or ${users.phoneVerifiedAt} is not null then ${users.phone} else ${profile.phone ?? null} end`,
      locale: profile.locale,
    })
    .where(eq(users.id, userId))
}

/** Disables an account: it can no longer sign in, and its open sessions end now. */
export async function disableUser(db: Db, userId: string, now = new Date()) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: now }).where(eq(users.id, userId))
    await invalidateUserSessions(tx, userId)
  })
}

/** Creates (or promotes) a moderator or admin from the shell: `npm run admin:create`. */
export async function createStaffAccount(
  db: Db,
  { email, name, password, role }: { email: string; name: string; password: string; role: 'moderator' | 'admin' },
) {
  const passwordHash = await hashPassword(password)
  const existing = await findUserByEmail(db, email)
  if (existing) {
    const [user] = await db.update(users).set({ role, passwordHash, disabledAt: null }).where(eq(users.id, existing.id)).returning()
    return { user: user!, created: false }
  }
  const [user] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), name, passwordHash, role, emailVerifiedAt: new Date() })
    .returning()
  return { user: user!, created: true }
}

export type LoginOutcome =
  | { status: 'ok'; user: typeof users.$inferSelect }
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfterSeconds: number }

/** The prefix of every log-in counter of one account: `…:*` for all addresses, `…:<ip>` for one. */
const loginKeys = (email: string, ip: string) => {
  const prefix = `login-fail:${email.trim().toLowerCase()}:`
  return { prefix, account: `${prefix}*`, accountAndIp: `${prefix}${ip}` }
}

/**
 * A log-in attempt with its rate limits (decision 012). The attempt is counted against the IP, the
 * account from this IP and the account before the password is checked: fifty guesses at once get
 * exactly as many checks as fifty in a row. A success clears this address's counter and gives its
 * attempt back to the account; one address spending its tries does not lock the owner out
 * elsewhere, and a reset link always gets the owner in.
 */
export async function logIn(db: DbOrTx, { email, password, ip }: { email: string; password: string; ip: string }): Promise<LoginOutcome> {
  const keys = loginKeys(email, ip)
  for (const [key, limit] of [
    [`login-ip:${ip}`, limits.loginPerIp],
    [keys.accountAndIp, limits.loginPerAccountAndIp],
    [keys.account, limits.loginPerAccount],
  ] as const) {
    const result = await consume(db, key, limit)
    if (!result.allowed) return { status: 'throttled', retryAfterSeconds: result.retryAfterSeconds }
  }
  const user = await authenticate(db, email, password)
  if (!user) return { status: 'invalid' }
  await resetLimit(db, keys.accountAndIp)
  await refund(db, keys.account)
  return { status: 'ok', user }
}

/** After a password reset, the account's log-in counters (by email and by number) start again from every address. */
export async function clearAllLoginCounters(db: DbOrTx, user: { email: string | null; phone: string | null }) {
  if (user.email) await resetPrefix(db, loginKeys(user.email, '').prefix)
  if (user.phone) await resetPrefix(db, loginKeys(user.phone, '').prefix)
}

/**
 * "Forgot password" for a phone number: texts a 6-digit code (one hour's worth of texts per number
 * at most) when the number logs in to an active account. Says nothing either way, unless the
 * requests from this IP or for this number are over their limit — the email path's rules.
 */
export async function requestPhoneReset(
  db: Db,
  phone: string,
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<{ status: 'done' } | { status: 'throttled'; retryAfterSeconds: number }> {
  for (const [key, limit] of [
    [`reset-ip:${ip}`, limits.resetPerIp],
    [`reset-account:${phone}:${ip}`, limits.resetPerAccountAndIp],
    [`reset-account:${phone}:*`, limits.resetPerAccount],
  ] as const) {
    const result = await consume(db, key, limit, now)
    if (!result.allowed) return { status: 'throttled', retryAfterSeconds: result.retryAfterSeconds }
  }
  const user = await findUserByPhone(db, phone)
  if (!user?.phone || user.disabledAt) return { status: 'done' }
  const account = { ...user, phone: user.phone }
  await db.transaction((tx) => sendPhoneCode(tx, account, 'phone_reset', now))
  return { status: 'done' }
}

export type PhoneResetOutcome = { status: 'reset'; user: typeof users.$inferSelect } | { status: 'wrong' } | { status: 'expired' }

/**
 * Sets a new password with the code texted by `requestPhoneReset`. The code proves the number
 * (it is marked confirmed), every session of the account ends and its log-in counters start
 * again. An unknown number answers "wrong", then "expired", as a real code would.
 */
export async function resetPasswordWithCode(
  db: Db,
  { phone, code, password, now = new Date() }: { phone: string; code: string; password: string; now?: Date },
): Promise<PhoneResetOutcome> {
  const passwordHash = await hashPassword(password)
  const user = await findUserByPhone(db, phone)
  if (!user || user.disabledAt) return { status: await answerCodeWithoutAccount(db, `reset:${phone}`, now) } as PhoneResetOutcome
  return db.transaction(async (tx): Promise<PhoneResetOutcome> => {
    const result = await spendCode(tx, user.id, 'phone_reset', code, now)
    if (result !== 'ok') return { status: result }
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, phoneVerifiedAt: sql`coalesce(${users.phoneVerifiedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(users.id, user.id))
      .returning()
    await invalidateUserSessions(tx, user.id)
    await clearAllLoginCounters(tx, user)
    return { status: 'reset', user: updated! }
  })
}
