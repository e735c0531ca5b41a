import { createId } from '@paralleldrive/cuid2'
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { orderEvents, orders, returnRequests, shops, users } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { MediaError, removeImage, responsiveImage, storeImage, type StoredImage } from '~/modules/media/images.server'
import type { UploadedFile } from '~/modules/media/multipart.server'
import { getMediaStorage, type MediaStorage } from '~/modules/media/storage.server'
import type { PaymentProviders } from '~/modules/payments/providers.server'
import { markRefundDue, refundReturn } from './return-refunds.server'
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
export class TooManyReturnPhotosError extends Error {}

/** Photos a buyer may join to her request (issue 19). */
export const MAX_RETURN_PHOTOS = 3

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

/**
 * The buyer asks, from her delivered order's page, with up to 3 photos. One request per order.
 * The photos go through the media pipeline (type sniffed, size and pixels limited, re-encoded to
 * WebP without metadata) before the transaction, and are removed again when it fails: a refused
 * photo or a refused request leaves nothing behind.
 */
export async function requestReturn(
  db: DbOrTx,
  input: { orderId: string; buyerId: string; reason: ReturnReason; note?: string | null; now?: Date; photos?: UploadedFile[]; storage?: MediaStorage | null }
) {
  const now = input.now ?? new Date()
  const note = input.note?.trim() || null
  const photos = input.photos ?? []
  if (input.reason === 'not_as_described' && !note) throw new ReturnReasonRequiredError()
  if (photos.length > MAX_RETURN_PHOTOS) throw new TooManyReturnPhotosError()
  // Cheap checks first, so that no photo is stored for a request that cannot be made.
  const [owned] = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, input.orderId), eq(orders.buyerId, input.buyerId)))
  if (!owned) throw new OrderNotFoundError()
  const early = await returnWindow(db, owned, now)
  if (!early) throw new ReturnNotAllowedError()
  if (!early.open) throw new ReturnWindowClosedError()
  if (photos.length && (await getReturnRequest(db, owned.id))) throw new ReturnNotAllowedError()

  const stored: StoredImage[] = []
  const storage = input.storage ?? null
  if (photos.length) {
    if (!storage) throw new Error('photos need a media storage')
    try {
      for (const photo of photos) {
        try {
          stored.push(await storeImage(storage, `returns/${input.orderId}/${createId()}`, photo.bytes))
        } catch (error) {
          if (error instanceof MediaError) throw new MediaError(error.code, photo.name)
          throw error
        }
      }
    } catch (error) {
      await Promise.allSettled(stored.map((image) => removeImage(storage, image.storageKey)))
      throw error
    }
  }
  try {
    return await db.transaction(async (tx) => {
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
        .values({ orderId: order.id, shopId: order.shopId, buyerId: input.buyerId, reason: input.reason, note, photos: stored, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: returnRequests.orderId })
        .returning()
      if (!created) throw new ReturnNotAllowedError()
      await addOrderEvent(tx, { orderId: order.id, status: 'delivered', actorId: input.buyerId, step: 'return_requested', note: note ?? input.reason })
      await noticeReturnStep(tx, order.id, 'producer', 'order_return_requested')
      return created
    })
  } catch (error) {
    if (storage) await Promise.allSettled(stored.map((image) => removeImage(storage, image.storageKey)))
    throw error
  }
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
export async function receiveReturn(db: Db, input: { orderId: string; shopId: string; producerId: string; siteUrl: string; providers?: PaymentProviders }) {
  const row = await db.transaction(async (tx) => {
    const row = await step(tx, { orderId: input.orderId, shopId: input.shopId }, 'accepted', { status: 'received' })
    await transitionOrder(tx, { orderId: row.orderId, to: 'returned', actor: { kind: 'system' }, note: `return: ${row.reason}`, siteUrl: input.siteUrl })
    // A card-paid order owes its money back: written down here, asked of the provider after.
    await markRefundDue(tx, row.id)
    return row
  })
  const refund = input.providers ? await refundReturn(db, input.providers, row.id) : 'none'
  return { ...row, refund }
}

export async function getReturnRequest(db: DbOrTx, orderId: string) {
  const [row] = await db.select().from(returnRequests).where(eq(returnRequests.orderId, orderId))
  return row ?? null
}

/** A request as pages show it: its photos as responsive images (the buyer's, the producer's, the moderator's page). */
export function returnPhotosView<T extends { photos: StoredImage[] }>(row: T | null, storage: MediaStorage = getMediaStorage()) {
  if (!row) return null
  return { ...row, photos: row.photos.map((photo) => responsiveImage(storage, photo)) }
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
      photos: returnRequests.photos,
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
