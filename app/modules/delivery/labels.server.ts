import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { parcels } from '#db/schema'
import { CarrierError } from './carrier'
import { carrierForShop, type DeliveryDeps } from './settings.server'

/** A created parcel's label for its shop, or null (no parcel yet, not this shop's, the carrier has none). */
export async function parcelLabel(db: DbOrTx, deps: DeliveryDeps, { orderId, shopId }: { orderId: string; shopId: string }) {
  const [parcel] = await db
    .select()
    .from(parcels)
    .where(and(eq(parcels.orderId, orderId), eq(parcels.shopId, shopId), eq(parcels.status, 'created')))
  if (!parcel?.tracking) return null
  const carrier = await carrierForShop(db, deps, shopId, parcel.carrier, parcel.account)
  if (!carrier) return parcel.labelUrl ? { kind: 'url' as const, url: parcel.labelUrl } : null
  try {
    const label = await carrier.getLabel({ tracking: parcel.tracking, labelUrl: parcel.labelUrl })
    return label.kind === 'url' ? label : { ...label, filename: `${parcel.reference}.pdf` }
  } catch (error) {
    if (error instanceof CarrierError) return null
    throw error
  }
}
