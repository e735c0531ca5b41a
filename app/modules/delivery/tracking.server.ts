import { and, asc, eq, isNotNull, lte, notInArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { smsText } from '~/modules/accounts/phone.server'
import { queueSms } from '~/modules/sms/sms.server'
import { orders, parcelEvents, parcels, shops, users } from '#db/schema'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { addOrderEvent, transitionOrder } from '~/modules/orders/lifecycle.server'
import type { Language } from '~/utils/i18n'
import { CarrierError, type CarrierEvent, type ParcelState } from './carrier'
import { CARRIER_NAMES, carrierForShop, type DeliveryDeps } from './settings.server'
import { POLL_INTERVAL_MS, type ParcelRow } from './shipping.server'

// The parcel follows the carrier: a job polls each parcel on its way (spaced to the carrier's
// quota, backing off on errors and 429s) and each new step becomes an order event, an email to the
// buyer and a line on her order page. Delivered → the order is delivered (the ledger's sale);
// refused/returned → the order is returned: stock back, the ledger's entries reversed; a card-paid
// order, left `paid` and `returned` by that transaction, is refunded after it by the delivery job
// (`retryReturnRefunds` → `refundOrder`, decision 025), never inside it.

const FINAL: ParcelState[] = ['delivered', 'returned']
const MAX_BACKOFF_MS = 6 * 60 * 60_000
export const pollBackoffMs = (failures: number) => Math.min(MAX_BACKOFF_MS, 2 ** failures * 5 * 60_000)

/**
 * Applies a carrier's history to one parcel, once: events already recorded add nothing; each new
 * event (in time order) is one transaction — the event row, the step of ours it means with its
 * consequences (order event, email, delivered/returned), the parcel's state.
 */
export async function applyCarrierEvents(db: DbOrTx, deps: Pick<DeliveryDeps, 'siteUrl'>, parcelId: string, events: CarrierEvent[], now = new Date()) {
  for (const event of [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    await db.transaction(async (tx) => {
      const [parcel] = await tx.select().from(parcels).where(eq(parcels.id, parcelId)).for('update')
      if (!parcel) return
      const [inserted] = await tx
        .insert(parcelEvents)
        .values({ parcelId, carrierStatus: event.carrierStatus, state: event.state, reason: event.reason, place: event.place, occurredAt: event.occurredAt })
        .onConflictDoNothing()
        .returning({ id: parcelEvents.id })
      if (!inserted) return
      const state = parcel.state
      const moves = event.state && event.state !== state && !(state && FINAL.includes(state) && event.state !== 'returned')
      if (moves) await applyStep(tx, deps, parcel, event)
      await tx
        .update(parcels)
        .set({ carrierStatus: event.carrierStatus, ...(moves ? { state: event.state } : {}), updatedAt: now })
        .where(eq(parcels.id, parcelId))
    })
  }
  const [current] = await db.select({ state: parcels.state }).from(parcels).where(eq(parcels.id, parcelId))
  const final = current?.state != null && FINAL.includes(current.state)
  const [saved] = await db
    .update(parcels)
    .set({ pollFailures: 0, nextPollAt: final ? null : new Date(now.getTime() + POLL_INTERVAL_MS) })
    .where(eq(parcels.id, parcelId))
    .returning()
  return saved ?? null
}

async function applyStep(tx: DbOrTx, deps: Pick<DeliveryDeps, 'siteUrl'>, parcel: ParcelRow, event: CarrierEvent) {
  const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, parcel.orderId)).for('update')
  if (!order) return
  const state = event.state!
  if (state === 'delivered') {
    if (order.status === 'shipped') await transitionOrder(tx, { orderId: parcel.orderId, to: 'delivered', actor: { kind: 'system' }, siteUrl: deps.siteUrl })
    return
  }
  if (state === 'returned') {
    if (order.status === 'shipped' || order.status === 'delivered') {
      const note = [event.carrierStatus, event.reason].filter(Boolean).join(' — ')
      await transitionOrder(tx, { orderId: parcel.orderId, to: 'returned', actor: { kind: 'system' }, note, siteUrl: deps.siteUrl })
    }
    return
  }
  if (state === 'created' || order.status !== 'shipped') return
  await addOrderEvent(tx, { orderId: parcel.orderId, status: order.status, step: state, note: event.place })
  const [row] = await tx
    .select({ email: users.email, name: users.name, locale: users.locale, number: orders.number, shopName: shops.name, shipPhone: orders.shipPhone })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.buyerId))
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, parcel.orderId))
  if (!row) return
  // Out for delivery: a text to the delivery phone too — the courier calls that number, and the
  // buyer has the cash ready (fewer failed attempts). Other steps: the email alone.
  if (state === 'out_for_delivery' && /^\+\d{8,15}$/.test(row.shipPhone)) {
    await queueSms(tx, { to: row.shipPhone, kind: 'parcel_out_for_delivery', body: smsText(row.locale as Language, 'phoneSms.outForDelivery', { number: row.number, carrier: CARRIER_NAMES[parcel.carrier] }) })
  }
  if (!row.email) return
  await enqueueEmail(tx, {
    to: row.email,
    kind: 'parcel_status',
    language: row.locale as Language,
    data: {
      name: row.name,
      number: row.number,
      shopName: row.shopName,
      step: state,
      carrier: CARRIER_NAMES[parcel.carrier],
      trackingNumber: parcel.tracking ?? '',
      url: `${deps.siteUrl.replace(/\/+$/, '')}/account/orders/${parcel.orderId}`,
    },
  })
}

/**
 * The polling job: parcels on their way whose time has come, oldest first. One carrier account at
 * a time is asked at its pace (the adapters space calls); a 429 stops that account for this round
 * and a failure pushes the parcel back with a growing delay.
 */
export async function pollParcels(db: DbOrTx, deps: DeliveryDeps, { now = new Date(), limit = 50 }: { now?: Date; limit?: number } = {}) {
  const due = await db
    .select()
    .from(parcels)
    .where(and(eq(parcels.status, 'created'), isNotNull(parcels.tracking), notInArray(parcels.state, FINAL), lte(parcels.nextPollAt, now)))
    .orderBy(asc(parcels.nextPollAt))
    .limit(limit)
  const pausedAccounts = new Set<string>()
  let polled = 0
  for (const parcel of due) {
    const account = parcel.account === 'shop' ? `${parcel.carrier}:${parcel.shopId}` : parcel.carrier
    if (pausedAccounts.has(account)) continue
    const carrier = await carrierForShop(db, deps, parcel.shopId, parcel.carrier, parcel.account)
    if (!carrier) continue
    try {
      const events = await carrier.history(parcel.tracking!)
      await applyCarrierEvents(db, deps, parcel.id, events, now)
      polled++
    } catch (error) {
      if (!(error instanceof CarrierError)) throw error
      if (error.kind === 'rate_limited') pausedAccounts.add(account)
      const delay = error.kind === 'rate_limited' ? Math.max(error.retryAfterMs ?? 0, 60_000) : pollBackoffMs(parcel.pollFailures + 1)
      await db
        .update(parcels)
        .set({ pollFailures: sql`${parcels.pollFailures} + ${error.kind === 'rate_limited' ? 0 : 1}`, nextPollAt: new Date(now.getTime() + delay), lastError: `${error.kind}: ${error.message}`.slice(0, 500) })
        .where(eq(parcels.id, parcel.id))
    }
  }
  return { due: due.length, polled }
}

/** A parcel's carrier history for the order pages, oldest first. */
export async function parcelHistory(db: DbOrTx, parcelId: string) {
  return db
    .select({ id: parcelEvents.id, carrierStatus: parcelEvents.carrierStatus, state: parcelEvents.state, reason: parcelEvents.reason, place: parcelEvents.place, occurredAt: parcelEvents.occurredAt })
    .from(parcelEvents)
    .where(eq(parcelEvents.parcelId, parcelId))
    .orderBy(asc(parcelEvents.occurredAt))
}
