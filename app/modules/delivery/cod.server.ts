import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { buyerAddresses, codBuyerCodes, codCalls, orders, parcels, users } from '#db/schema'
import { smsText } from '~/modules/accounts/phone.server'
import { kickSms, queueSms } from '~/modules/sms/sms.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { addOrderEvent, OrderNotFoundError, transitionOrder } from '~/modules/orders/lifecycle.server'
import type { Language } from '~/utils/i18n'

// Cash-on-delivery confirmation. A COD order's `pending` is its "to confirm" step: the producer
// calls the buyer and records the outcome. Confirmed → `confirmed` (only then can it ship); the
// buyer cancels → `cancelled` with her reason; no answer → a line in the history, and after 3
// unanswered calls over 2 days the job cancels the order (stock back). Every outcome is one
// transaction under the order's row lock.

export const NO_ANSWER_LIMIT = 3
export const NO_ANSWER_WINDOW_MS = 2 * 24 * 60 * 60_000
export const REFUSAL_WINDOW_MS = 90 * 24 * 60 * 60_000
export const REFUSALS_BEFORE_CODE = 2
const CODE_TTL_MS = 15 * 60_000
const CODE_MAX_TRIES = 5
/** A verified code lets the buyer place COD orders for this long. */
const VERIFIED_FOR_MS = 60 * 60_000

export type CodOutcome = (typeof codCalls.$inferSelect)['outcome']
export class CodNotPendingError extends Error {}
export class CodReasonRequiredError extends Error {}

export async function recordCodCall(
  db: DbOrTx,
  input: { orderId: string; shopId: string; producerId: string; outcome: CodOutcome; note?: string | null; siteUrl: string; now?: Date }
) {
  const note = input.note?.trim() || null
  if (input.outcome === 'cancelled' && !note) throw new CodReasonRequiredError()
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status, paymentMethod: orders.paymentMethod })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.shopId, input.shopId)))
      .for('update')
    if (!order) throw new OrderNotFoundError()
    if (order.paymentMethod !== 'cod' || order.status !== 'pending') throw new CodNotPendingError()
    await tx.insert(codCalls).values({ orderId: order.id, outcome: input.outcome, note, actorId: input.producerId, ...(input.now ? { createdAt: input.now } : {}) })
    const actor = { kind: 'producer' as const, userId: input.producerId }
    if (input.outcome === 'confirmed') await transitionOrder(tx, { orderId: order.id, to: 'confirmed', actor, note, siteUrl: input.siteUrl })
    else if (input.outcome === 'cancelled') await transitionOrder(tx, { orderId: order.id, to: 'cancelled', actor, note, siteUrl: input.siteUrl })
    else await addOrderEvent(tx, { orderId: order.id, status: 'pending', actorId: input.producerId, step: 'no_answer', note })
    return input.outcome
  })
}

export async function listCodCalls(db: DbOrTx, orderId: string) {
  return db.select().from(codCalls).where(eq(codCalls.orderId, orderId)).orderBy(asc(codCalls.createdAt))
}

/**
 * The job: COD orders still to confirm after 3 unanswered calls, the first 2 days ago or more, are
 * cancelled by the system (stock back, the buyer told why). Each in its own transaction.
 */
export async function cancelUnansweredCodOrders(db: DbOrTx, { siteUrl, now = new Date() }: { siteUrl: string; now?: Date }) {
  const cutoff = new Date(now.getTime() - NO_ANSWER_WINDOW_MS).toISOString()
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(codCalls, and(eq(codCalls.orderId, orders.id), eq(codCalls.outcome, 'no_answer')))
    .where(and(eq(orders.status, 'pending'), eq(orders.paymentMethod, 'cod')))
    .groupBy(orders.id)
    .having(sql`count(*) >= ${NO_ANSWER_LIMIT} and min(${codCalls.createdAt}) <= ${cutoff}::timestamptz`)
  const cancelled: string[] = []
  for (const { id } of due) {
    try {
      await transitionOrder(db, { orderId: id, to: 'cancelled', actor: { kind: 'system' }, note: 'no_answer', siteUrl })
      cancelled.push(id)
    } catch {
      // Confirmed or cancelled meanwhile: nothing to do.
    }
  }
  return cancelled
}

/** Parcels refused or returned for this buyer in the last 90 days. */
export async function recentRefusals(db: DbOrTx, buyerId: string, now = new Date()) {
  const since = new Date(now.getTime() - REFUSAL_WINDOW_MS)
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(parcels)
    .innerJoin(orders, eq(orders.id, parcels.orderId))
    .where(and(eq(orders.buyerId, buyerId), eq(parcels.state, 'returned'), gt(parcels.updatedAt, since)))
  return Number(row?.n ?? 0)
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex')

/** Whether this buyer must type a code before a new COD order (2 refusals in 90 days, no fresh code). */
export async function codCodeRequired(db: DbOrTx, buyerId: string, now = new Date()) {
  if ((await recentRefusals(db, buyerId, now)) < REFUSALS_BEFORE_CODE) return false
  const [verified] = await db
    .select({ id: codBuyerCodes.id })
    .from(codBuyerCodes)
    .where(and(eq(codBuyerCodes.userId, buyerId), gt(codBuyerCodes.verifiedAt, new Date(now.getTime() - VERIFIED_FOR_MS))))
    .limit(1)
  return !verified
}

/** A new code is sent at most once a minute (texts cost money and must not flood a phone). */
export const CODE_RESEND_MS = 60_000

/**
 * Sends a fresh 6-digit code by SMS to the phone the parcel will go to (the delivery address's,
 * else the account's); by email when there is no phone. Null: a code was sent less than a minute
 * ago, nothing new was sent.
 */
export async function sendCodCode(db: DbOrTx, buyerId: string, now = new Date()) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const sent = await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, phone: users.phone, name: users.name, locale: users.locale }).from(users).where(eq(users.id, buyerId)).for('update')
    if (!user) throw new OrderNotFoundError()
    const [recent] = await tx
      .select({ id: codBuyerCodes.id })
      .from(codBuyerCodes)
      .where(and(eq(codBuyerCodes.userId, buyerId), gt(codBuyerCodes.createdAt, new Date(now.getTime() - CODE_RESEND_MS))))
      .limit(1)
    if (recent) return false
    const [address] = await tx.select({ phone: buyerAddresses.phone }).from(buyerAddresses).where(eq(buyerAddresses.userId, buyerId))
    await tx.insert(codBuyerCodes).values({ userId: buyerId, codeHash: hashCode(code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now })
    const phone = address?.phone ?? user.phone
    if (phone) await queueSms(tx, { to: phone, kind: 'cod_code', body: smsText(user.locale as Language, 'phoneSms.codCode', { code }) })
    else if (user.email) await enqueueEmail(tx, { to: user.email, kind: 'cod_code', language: user.locale as Language, data: { name: user.name, code } })
    return true
  })
  if (sent) kickSms()
  return sent ? code : null
}

/** Checks the buyer's latest code (5 tries, 15 minutes): true once verified. */
export async function verifyCodCode(db: DbOrTx, buyerId: string, code: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(codBuyerCodes)
      .where(and(eq(codBuyerCodes.userId, buyerId), isNull(codBuyerCodes.verifiedAt)))
      .orderBy(desc(codBuyerCodes.createdAt))
      .limit(1)
      .for('update')
    if (!row || row.expiresAt <= now || row.attempts >= CODE_MAX_TRIES) return false
    const ok = timingSafeEqual(Buffer.from(row.codeHash), Buffer.from(hashCode(code.trim())))
    await tx
      .update(codBuyerCodes)
      .set(ok ? { verifiedAt: now } : { attempts: row.attempts + 1 })
      .where(eq(codBuyerCodes.id, row.id))
    return ok
  })
}
