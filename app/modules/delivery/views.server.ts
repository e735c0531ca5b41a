import type { DbOrTx } from '#db/client'
import type { OrderDetail } from '~/modules/orders/orders.server'
import { listCodCalls, NO_ANSWER_LIMIT } from './cod.server'
import type { StopDesk } from './carrier'
import { CARRIER_NAMES, getShopCarrier, type DeliveryDeps } from './settings.server'
import { cachedStopDesks } from './stop-desks.server'
import { getParcel } from './shipping.server'
import { parcelHistory } from './tracking.server'

/** What the order pages show of the delivery: the parcel and its steps, the COD calls, the shop's carrier. */
export async function getDeliveryView(db: DbOrTx, detail: OrderDetail, { deps, forProducer }: { deps?: DeliveryDeps; forProducer: boolean }) {
  const parcel = await getParcel(db, detail.order.id)
  const steps = parcel ? await parcelHistory(db, parcel.id) : []
  const publicParcel = parcel
    ? { carrier: CARRIER_NAMES[parcel.carrier], tracking: parcel.tracking, state: parcel.state, status: parcel.status, lastError: forProducer ? parcel.lastError : null, nextAttemptAt: forProducer ? parcel.nextAttemptAt : null, hasLabel: parcel.status === 'created' }
    : null
  const stopDesk = detail.order.stopDeskName ? { id: detail.order.stopDeskId, name: detail.order.stopDeskName } : null
  if (!forProducer) return { parcel: publicParcel, steps, calls: null, carrier: null, stopDesks: [] as StopDesk[], stopDesk }
  const calls = detail.order.paymentMethod === 'cod' ? await listCodCalls(db, detail.order.id) : []
  const settings = await getShopCarrier(db, detail.order.shopId)
  const needsDesk = detail.order.status === 'confirmed' && !parcel && detail.order.deliveryMode === 'desk' && !detail.order.stopDeskId && settings.carrier !== 'own'
  const stopDesks = needsDesk && deps ? await cachedStopDesks(db, deps, detail.order.shopId, detail.order.shipWilayaCode) : []
  return {
    parcel: publicParcel,
    steps,
    calls: { noAnswer: calls.filter((c) => c.outcome === 'no_answer').length, limit: NO_ANSWER_LIMIT, last: calls.at(-1)?.createdAt ?? null },
    carrier: { kind: settings.carrier, name: CARRIER_NAMES[settings.carrier] },
    stopDesks,
    stopDesk,
  }
}
