import { and, asc, desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { orderEvents, orders, returnRequests, shops, users } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { notify } from '~/modules/notifications/preferences.server'
import { addOrderEvent, OrderNotFoundError, transitionOrder } from '~/modules/orders/lifecycle.server'

// Returns the buyer asks for (law 18-05, art. 23: a product delivered late or not as described is
// sent back within 4 working days of its delivery, with the reason). Decision 025.
// requested → accepted (producer) | disputed (producer, with a reason) → accepted | refused
// (moderator); accepted → received: the goods are back, the order is `returned` — stock back and the
// shop's ledger reversed by the state machine, in the same transaction as the request's step.

export type ReturnReason = (typeof returnRequests.$inferSelect)['reason']
export type ReturnRequest = typeof returnRequests.$inferSelect

/** Working days the law gives after delivery. */
export const RETURN_WORKING_DAYS = 4
const DAY_MS = 24 * 60 * 60_000
/** Algeria is UTC+1 all year; its weekend is Friday and Saturday. */
const ALGERIA_OFFSET_MS = 60 * 60_000

export class ReturnWindowClosedError extends Error {}
export class ReturnNotAllowedError extends Error {}
export class ReturnReasonRequiredError extends Error {}

/**
 * The last moment to ask: the end of the 4th working day (Sunday–Thursday, Algerian time) after
 * the day of delivery.
 */
export function returnDeadline(deliveredAt: Date) {
  let day = new Date(Math.floor((deliveredAt.getTime() + ALGERIA_OFFSET_MS) / DAY_MS) * DAY_MS)
  let left = RETURN_WORKING_DAYS
  while (left > 0) {
    day = new Date(day.getTime() + DAY_MS)
    const weekday = day.getUTCDay()
    if (weekday !== 5 && weekday !== 6) left--
  }
  return new Date(day.getTime() + DAY_MS - ALGERIA_OFFSET_MS - 1)
}

async function deliveredAt(db: DbOrTx, orderId: string) {
  const [event] = await db
    .select({ at: orderEvents.createdAt })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'delivered')))
    .orderBy(desc(orderEvents.createdAt))
    .limit(1)
  return event?.at ?? null
}

/** Whether the buyer may still ask (and until when): for the order page. */
export async function returnWindow(db: DbOrTx, order: { id: string; status: string }, now = new Date()) {
  if (order.status !== 'delivered') return null
  const at = await deliveredAt(db, order.id)
  if (!at) return null
  const deadline = returnDeadline(at)
  return { deadline, open: now <= deadline }
}

/** The buyer asks, from her delivered order's page. One request per order. */
export async function requestReturn(db: DbOrTx, input: { orderId: string; buyerId: string; reason: ReturnReason; note?: string | null; now?: Date }) {
  const now = input.now ?? new Date()
  const note = input.note?.trim() || null
  if (input.reason === 'not_as_described' && !note) throw new ReturnReasonRequiredError()
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status, shopId: orders.shopId })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.buyerId, input.buyerId)))
      .for('update')
    if (!order) throw new OrderNotFoundError()
    const window = await returnWindow(tx, order, now)
    if (!window) throw new ReturnNotAllowedError()
    if (!window.open) throw new ReturnWindowClosedError()
    const [created] = await tx
      .insert(returnRequests)
      .values({ orderId: order.id, shopId: order.shopId, buyerId: input.buyerId, reason: input.reason, note, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: returnRequests.orderId })
      .returning()
    if (!created) throw new ReturnNotAllowedError()
    await addOrderEvent(tx, { orderId: order.id, status: 'delivered', actorId: input.buyerId, step: 'return_requested', note: note ?? input.reason })
    await noticeReturnStep(tx, order.id, 'producer', 'order_return_requested')
    return created
  })
}

/**
 * Tells the other side of a return about its step, in the step's transaction, through the
 * notifications centre (issue 21): the producer when the buyer asks, the buyer on every answer.
 * A notice in the centre always; an SMS when the person chose SMS for orders (no email template
 * for returns yet, so an email choice leaves the notice on the site).
 */
async function noticeReturnStep(tx: DbOrTx, orderId: string, to: 'buyer' | 'producer', kind: string) {
  const [order] = await tx
    .select({ number: orders.number, buyerId: orders.buyerId, shopName: shops.name, ownerId: shops.ownerId })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, orderId))
  if (!order) return
  const userId = to === 'buyer' ? order.buyerId : order.ownerId
  if (!userId) return
  await notify(tx, { userId, group: 'orders', kind, data: { number: order.number, shopName: order.shopName } })
}

/** Moves a request from one status to the next, guarded (a concurrent answer makes this one fail). */
async function step(
  tx: DbOrTx,
  where: { orderId?: string; id?: string; shopId?: string },
  from: ReturnRequest['status'],
  set: Partial<typeof returnRequests.$inferInsert>
) {
  const conditions = [eq(returnRequests.status, from)]
  if (where.orderId) conditions.push(eq(returnRequests.orderId, where.orderId))
  if (where.id) conditions.push(eq(returnRequests.id, where.id))
  if (where.shopId) conditions.push(eq(returnRequests.shopId, where.shopId))
  const [row] = await tx
    .update(returnRequests)
    .set({ ...set, status: set.status, updatedAt: new Date() })
    .where(and(...conditions))
    .returning()
  if (!row) throw new ReturnNotAllowedError()
  return row
}

/** The producer accepts the return, or disputes it with her reason (a moderator then decides). */
export async function answerReturn(db: DbOrTx, input: { orderId: string; shopId: string; producerId: string; accept: boolean; note?: string | null }) {
  const note = input.note?.trim() || null
  if (!input.accept && !note) throw new ReturnReasonRequiredError()
  return db.transaction(async (tx) => {
    const row = await step(tx, { orderId: input.orderId, shopId: input.shopId }, 'requested', {
      status: input.accept ? 'accepted' : 'disputed',
      producerNote: note,
    })
    await addOrderEvent(tx, {
      orderId: row.orderId,
      status: 'delivered',
      actorId: input.producerId,
      step: input.accept ? 'return_accepted' : 'return_disputed',
      note,
    })
    await noticeReturnStep(tx, row.orderId, 'buyer', input.accept ? 'order_return_accepted' : 'order_return_disputed')
    return row
  })
}

/** A moderator decides a disputed return: upheld (accepted, the goods come back) or refused. Audited. */
export async function decideReturn(db: DbOrTx, input: { returnId: string; moderatorId: string; uphold: boolean; note: string; ip?: string | null }) {
  const note = input.note.trim()
  if (!note) throw new ReturnReasonRequiredError()
  return db.transaction(async (tx) => {
    const row = await step(tx, { id: input.returnId }, 'disputed', {
      status: input.uphold ? 'accepted' : 'refused',
      decidedBy: input.moderatorId,
      decisionNote: note,
    })
    await addOrderEvent(tx, {
      orderId: row.orderId,
      status: 'delivered',
      actorId: input.moderatorId,
      step: input.uphold ? 'return_accepted' : 'return_refused',
      note,
    })
    await writeAudit(tx, {
      actorId: input.moderatorId,
      action: 'return.decide',
      targetType: 'order',
      targetId: row.orderId,
      reasonCode: input.uphold ? 'upheld' : 'refused',
      reason: note,
      ip: input.ip ?? null,
    })
    await noticeReturnStep(tx, row.orderId, 'buyer', input.uphold ? 'order_return_accepted' : 'order_return_refused')
    return row
  })
}

/**
 * The producer has the goods back: the order is returned — stock back and the ledger's sale and
 * commission reversed (state machine, actor `system` as for a carrier's return) — in the same
 * transaction as the request's last step.
 */
export async function receiveReturn(db: DbOrTx, input: { orderId: string; shopId: string; producerId: string; siteUrl: string }) {
  return db.transaction(async (tx) => {
    const row = await step(tx, { orderId: input.orderId, shopId: input.shopId }, 'accepted', { status: 'received' })
    await transitionOrder(tx, { orderId: row.orderId, to: 'returned', actor: { kind: 'system' }, note: `return: ${row.reason}`, siteUrl: input.siteUrl })
    return row
  })
}

export async function getReturnRequest(db: DbOrTx, orderId: string) {
  const [row] = await db.select().from(returnRequests).where(eq(returnRequests.orderId, orderId))
  return row ?? null
}

/** Disputed returns, oldest first, for the moderators. */
export async function listDisputedReturns(db: DbOrTx) {
  return db
    .select({
      id: returnRequests.id,
      orderId: returnRequests.orderId,
      number: orders.number,
      reason: returnRequests.reason,
      note: returnRequests.note,
      producerNote: returnRequests.producerNote,
      createdAt: returnRequests.createdAt,
      shopName: shops.name,
      buyerName: users.name,
    })
    .from(returnRequests)
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .innerJoin(shops, eq(shops.id, returnRequests.shopId))
    .innerJoin(users, eq(users.id, returnRequests.buyerId))
    .where(eq(returnRequests.status, 'disputed'))
    .orderBy(asc(returnRequests.createdAt))
    .limit(100)
}
