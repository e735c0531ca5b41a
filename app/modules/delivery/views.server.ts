import type { DbOrTx } from '#db/client'
import type { OrderDetail } from '~/modules/orders/orders.server'
import { listCodCalls, NO_ANSWER_LIMIT } from './cod.server'
import type { StopDesk } from './carrier'
import { CARRIER_NAMES, carrierForShop, getShopCarrier, type DeliveryDeps } from './settings.server'
import { getParcel } from './shipping.server'
import { parcelHistory } from './tracking.server'

const DAY_MS = 24 * 60 * 60_000
const deskCache = new Map<string, { at: number; desks: StopDesk[] }>()

/** The carrier's stop-desks of a wilaya, cached a day per carrier account (the list rarely changes). */
export async function cachedStopDesks(db: DbOrTx, deps: DeliveryDeps, shopId: string, wilayaCode: number, now = Date.now()) {
  const settings = await getShopCarrier(db, shopId)
  if (settings.carrier === 'own') return []
  const key = `${settings.account === 'shop' ? shopId : 'platform'}:${settings.carrier}:${wilayaCode}`
  const hit = deskCache.get(key)
  if (hit && now - hit.at < DAY_MS) return hit.desks
  const carrier = await carrierForShop(db, deps, shopId, settings.carrier, settings.account)
  if (!carrier) return []
  try {
    const desks = await carrier.stopDesks(wilayaCode)
    deskCache.set(key, { at: now, desks })
    return desks
  } catch {
    return hit?.desks ?? []
  }
}

/** What the order pages show of the delivery: the parcel and its steps, the COD calls, the shop's carrier. */
export async function getDeliveryView(db: DbOrTx, detail: OrderDetail, { deps, forProducer }: { deps?: DeliveryDeps; forProducer: boolean }) {
  const parcel = await getParcel(db, detail.order.id)
  const steps = parcel ? await parcelHistory(db, parcel.id) : []
  const publicParcel = parcel
    ? { carrier: CARRIER_NAMES[parcel.carrier], tracking: parcel.tracking, state: parcel.state, status: parcel.status, lastError: forProducer ? parcel.lastError : null, nextAttemptAt: forProducer ? parcel.nextAttemptAt : null, hasLabel: parcel.status === 'created' }
    : null
  if (!forProducer) return { parcel: publicParcel, steps, calls: null, carrier: null, stopDesks: [] as StopDesk[] }
  const calls = detail.order.paymentMethod === 'cod' ? await listCodCalls(db, detail.order.id) : []
  const settings = await getShopCarrier(db, detail.order.shopId)
  const needsDesk = detail.order.status === 'confirmed' && !parcel && detail.order.deliveryMode === 'desk' && settings.carrier !== 'own'
  const stopDesks = needsDesk && deps ? await cachedStopDesks(db, deps, detail.order.shopId, detail.order.shipWilayaCode) : []
  return {
    parcel: publicParcel,
    steps,
    calls: { noAnswer: calls.filter((c) => c.outcome === 'no_answer').length, limit: NO_ANSWER_LIMIT, last: calls.at(-1)?.createdAt ?? null },
    carrier: { kind: settings.carrier, name: CARRIER_NAMES[settings.carrier] },
    stopDesks,
  }
}
