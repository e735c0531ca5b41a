import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { orderItems, orders, parcels, shopCarriers, shops } from '#db/schema'
import { localPhone } from '~/modules/accounts/schemas'
import { getCommune, getWilaya } from '~/modules/geo/geo.server'
import { OrderNotFoundError, OrderTransitionError, transitionOrder, type OrderActor } from '~/modules/orders/lifecycle.server'
import { CarrierError, centimesToWholeDinars, type NewParcel } from './carrier'
import { CARRIER_NAMES, carrierForShop, type DeliveryDeps } from './settings.server'

// Shipping through a carrier. The parcel row is claimed in the database first (one per order, a
// unique index), the carrier is called outside any transaction, and the answer is written in a
// second transaction with the order's step to `shipped`. A call whose answer was lost (timeout,
// 5xx) marks the parcel `uncertain`: the next attempt asks the carrier for the parcel with this
// reference before creating one, so a retry never makes a second parcel.

export const POLL_INTERVAL_MS = 30 * 60_000
/** A `calling` row older than this belongs to a request that died: another attempt may take it. */
const STALE_CALL_MS = 2 * 60_000
const MINUTE = 60_000

export class NoCarrierError extends Error {}
export class StopDeskRequiredError extends Error {}

export type ParcelRow = typeof parcels.$inferSelect

/** Backoff between creation attempts: 1, 2, 4 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60 * MINUTE, 2 ** Math.max(0, attempts - 1) * MINUTE)

/**
 * The producer ships a confirmed order through the shop's carrier: the parcel is claimed (or the
 * earlier claim found) and created at the carrier. Returns the parcel as it stands afterwards
 * (`created`, or `failed`/`needs_check` with the error the page shows).
 */
export async function shipWithCarrier(db: DbOrTx, deps: DeliveryDeps, input: { orderId: string; shopId: string; actor: OrderActor; stopDeskId?: string | null; now?: Date }) {
  const parcel = await db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status, number: orders.number, deliveryMode: orders.deliveryMode, stopDeskId: orders.stopDeskId })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.shopId, input.shopId)))
      .for('update')
    if (!order) throw new OrderNotFoundError()
    const [existing] = await tx.select().from(parcels).where(eq(parcels.orderId, order.id))
    if (existing) return existing
    // Only a confirmed order ships: for cash on delivery, confirmed means confirmed by phone.
    if (order.status !== 'confirmed') throw new OrderTransitionError(order.status, 'shipped')
    const [settings] = await tx.select().from(shopCarriers).where(eq(shopCarriers.shopId, input.shopId))
    if (!settings || settings.carrier === 'own') throw new NoCarrierError()
    // The desk the buyer chose at checkout; the producer picks one only for orders placed without.
    const stopDeskId = order.stopDeskId ?? input.stopDeskId ?? null
    if (order.deliveryMode === 'desk' && !stopDeskId) throw new StopDeskRequiredError()
    const [created] = await tx
      .insert(parcels)
      .values({
        orderId: order.id,
        shopId: input.shopId,
        carrier: settings.carrier,
        account: settings.account,
        reference: order.number,
        stopDeskId: order.deliveryMode === 'desk' ? stopDeskId : null,
      })
      .returning()
    return created!
  })
  if (parcel.status === 'created') return parcel
  return attemptParcel(db, deps, parcel.id, input.actor, input.now)
}

/** Takes the parcel for one creation attempt; null when another attempt holds it or it is done. */
async function claimParcel(db: DbOrTx, parcelId: string, now: Date) {
  const stale = new Date(now.getTime() - STALE_CALL_MS)
  const [claimed] = await db
    .update(parcels)
    .set({
      status: 'calling',
      attempts: sql`${parcels.attempts} + 1`,
      // A `calling` row taken over from a dead request may have reached the carrier.
      uncertain: sql`case when ${parcels.status} = 'calling' then 1 else ${parcels.uncertain} end`,
      updatedAt: now,
    })
    .where(
      and(
        eq(parcels.id, parcelId),
        or(inArray(parcels.status, ['claimed', 'failed']), and(eq(parcels.status, 'calling'), lte(parcels.updatedAt, stale)))
      )
    )
    .returning()
  return claimed ?? null
}

async function newParcelFor(db: DbOrTx, orderId: string): Promise<NewParcel> {
  const [row] = await db
    .select({ order: orders, shopName: shops.name, shopCommune: shops.communeCode })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, orderId))
  if (!row) throw new OrderNotFoundError()
  const items = await db.select({ title: orderItems.title, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.title))
  const { order } = row
  const commune = getCommune(order.shipCommuneCode)
  const wilaya = getWilaya(order.shipWilayaCode)
  const shopCommune = row.shopCommune ? getCommune(row.shopCommune) : undefined
  const fromWilaya = shopCommune ? getWilaya(shopCommune.wilayaCode) : undefined
  return {
    reference: order.number,
    recipientName: order.shipName,
    phone: localPhone(order.shipPhone),
    address: order.shipStreet,
    wilayaCode: order.shipWilayaCode,
    wilayaName: wilaya?.nameFr ?? String(order.shipWilayaCode),
    communeName: commune?.nameFr ?? order.shipCommuneCode,
    fromWilayaName: fromWilaya?.nameFr ?? '',
    mode: order.deliveryMode,
    // Cash on delivery: the courier collects the order's total; a card order was paid already.
    codAmount: order.paymentMethod === 'cod' ? centimesToWholeDinars(order.total) : 0,
    contents: items.map((i) => `${i.quantity} × ${i.title}`).join(', ').slice(0, 250),
    shopName: row.shopName,
  }
}

/**
 * One attempt at creating the parcel at the carrier. Outside any transaction: the claim, the call,
 * then the answer (and the order's step to `shipped`) in one transaction.
 */
export async function attemptParcel(db: DbOrTx, deps: DeliveryDeps, parcelId: string, actor: OrderActor, now = new Date()): Promise<ParcelRow> {
  const claimed = await claimParcel(db, parcelId, now)
  if (!claimed) return (await db.select().from(parcels).where(eq(parcels.id, parcelId)))[0]!
  const carrier = await carrierForShop(db, deps, claimed.shopId, claimed.carrier, claimed.account)
  if (!carrier) return fail(db, claimed, new CarrierError('no carrier account configured', 'auth'), now, false)
  let created: { tracking: string; labelUrl: string | null } | null = null
  try {
    if (claimed.uncertain) {
      // The last call may have made the parcel: find it by our reference, never create blindly.
      if (!carrier.findParcel) return markNeedsCheck(db, claimed, now)
      created = await carrier.findParcel(claimed.reference)
    }
    if (!created) {
      const parcel = await newParcelFor(db, claimed.orderId)
      created = await carrier.createParcel({ ...parcel, stopDeskId: claimed.stopDeskId })
    }
  } catch (error) {
    if (!(error instanceof CarrierError)) throw error
    return fail(db, claimed, error, now, Boolean(carrier.findParcel))
  }
  const result = created
  const saved = await db.transaction(async (tx) => {
    const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, claimed.orderId)).for('update')
    if (order?.status !== 'confirmed') {
      // Cancelled while the carrier was being called: keep the parcel's number, follow nothing.
      const [kept] = await tx
        .update(parcels)
        .set({ status: 'created', tracking: result.tracking, labelUrl: result.labelUrl, uncertain: 0, lastError: 'order_not_confirmed', nextPollAt: null, updatedAt: now })
        .where(eq(parcels.id, claimed.id))
        .returning()
      return { row: kept!, orphan: true }
    }
    const [row] = await tx
      .update(parcels)
      .set({
        status: 'created',
        tracking: result.tracking,
        labelUrl: result.labelUrl,
        state: 'created',
        uncertain: 0,
        lastError: null,
        nextAttemptAt: null,
        nextPollAt: new Date(now.getTime() + POLL_INTERVAL_MS),
        updatedAt: now,
      })
      .where(eq(parcels.id, claimed.id))
      .returning()
    await transitionOrder(tx, {
      orderId: claimed.orderId,
      to: 'shipped',
      actor,
      carrier: CARRIER_NAMES[claimed.carrier],
      trackingNumber: result.tracking,
      siteUrl: deps.siteUrl,
    })
    return { row: row!, orphan: false }
  })
  if (saved.orphan && carrier.cancel) await carrier.cancel(result.tracking).catch(() => false)
  return saved.row
}

async function fail(db: DbOrTx, parcel: ParcelRow, error: CarrierError, now: Date, canLookUp: boolean) {
  const uncertain = parcel.uncertain === 1 || !error.definite
  // An answer lost on a carrier that cannot look parcels up: a person must check before any retry.
  if (uncertain && !canLookUp) return markNeedsCheck(db, parcel, now, error.message)
  // Wrong keys or a refused parcel wait for the producer; the rest is retried by the job.
  const waitsForProducer = error.kind === 'auth' || error.kind === 'invalid'
  const delay = error.kind === 'rate_limited' ? Math.max(error.retryAfterMs ?? 0, retryDelayMs(parcel.attempts)) : retryDelayMs(parcel.attempts)
  const [row] = await db
    .update(parcels)
    .set({
      status: 'failed',
      uncertain: uncertain ? 1 : 0,
      lastError: `${error.kind}: ${error.message}`.slice(0, 500),
      nextAttemptAt: waitsForProducer ? null : new Date(now.getTime() + delay),
      updatedAt: now,
    })
    .where(eq(parcels.id, parcel.id))
    .returning()
  return row!
}

async function markNeedsCheck(db: DbOrTx, parcel: ParcelRow, now: Date, message = 'answer lost') {
  const [row] = await db
    .update(parcels)
    .set({ status: 'needs_check', uncertain: 1, lastError: `uncertain: ${message}`.slice(0, 500), nextAttemptAt: null, updatedAt: now })
    .where(eq(parcels.id, parcel.id))
    .returning()
  return row!
}

/**
 * The producer's "try again": a failed parcel goes back to its carrier now; a `needs_check` one
 * (EcoTrack after a lost answer) only once the producer says none was made (`noneAtCarrier`).
 */
export async function retryParcelNow(db: DbOrTx, deps: DeliveryDeps, input: { orderId: string; shopId: string; actor: OrderActor; noneAtCarrier?: boolean; now?: Date }) {
  const [parcel] = await db
    .select()
    .from(parcels)
    .where(and(eq(parcels.orderId, input.orderId), eq(parcels.shopId, input.shopId)))
  if (!parcel) throw new OrderNotFoundError()
  if (parcel.status === 'needs_check') {
    if (!input.noneAtCarrier) return parcel
    await db.update(parcels).set({ status: 'failed', uncertain: 0 }).where(and(eq(parcels.id, parcel.id), eq(parcels.status, 'needs_check')))
  }
  return attemptParcel(db, deps, parcel.id, input.actor, input.now)
}

/** The job: parcels whose creation failed for a passing reason (timeout, 5xx, 429) are tried again. */
export async function retryFailedParcels(db: DbOrTx, deps: DeliveryDeps, now = new Date()) {
  const stale = new Date(now.getTime() - STALE_CALL_MS)
  const due = await db
    .select({ id: parcels.id })
    .from(parcels)
    .where(or(and(eq(parcels.status, 'failed'), lte(parcels.nextAttemptAt, now)), and(eq(parcels.status, 'calling'), lte(parcels.updatedAt, stale))))
    .orderBy(asc(parcels.nextAttemptAt))
    .limit(20)
  const results: ParcelRow[] = []
  for (const { id } of due) results.push(await attemptParcel(db, deps, id, { kind: 'system' }, now))
  return results
}

export async function getParcel(db: DbOrTx, orderId: string) {
  const [parcel] = await db.select().from(parcels).where(eq(parcels.orderId, orderId))
  return parcel ?? null
}
