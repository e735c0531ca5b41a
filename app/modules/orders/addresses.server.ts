import { eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { buyerAddresses } from '#db/schema'
import { getCommune } from '~/modules/geo/geo.server'
import type { DeliveryMode } from '~/modules/shops/shipping.server'

export type ShippingAddress = {
  fullName: string
  /** E.164 (+213…). */
  phone: string
  communeCode: string
  street: string
}

export type SavedAddress = ShippingAddress & { deliveryMode: DeliveryMode }

/** The commune is unknown, or not in the wilaya the buyer chose. */
export class InvalidAddressError extends Error {}

/**
 * The commune rule, the one place it is written: a delivery address names a known commune, and,
 * when the form also named a wilaya, a commune of that wilaya. Returns the commune (with its wilaya).
 */
export function communeOf(address: Pick<ShippingAddress, 'communeCode'>, wilayaCode?: number) {
  const commune = getCommune(address.communeCode)
  if (!commune || (wilayaCode !== undefined && commune.wilayaCode !== wilayaCode)) throw new InvalidAddressError('unknown commune')
  return commune
}

/** The address the buyer used last time, to fill the checkout form. */
export async function getSavedAddress(db: DbOrTx, userId: string): Promise<SavedAddress | null> {
  const [row] = await db
    .select({
      fullName: buyerAddresses.fullName,
      phone: buyerAddresses.phone,
      communeCode: buyerAddresses.communeCode,
      street: buyerAddresses.street,
      deliveryMode: buyerAddresses.deliveryMode,
    })
    .from(buyerAddresses)
    .where(eq(buyerAddresses.userId, userId))
  return row ?? null
}

/** Keeps the buyer's delivery address (checked by the commune rule) for this checkout and the next. */
export async function saveAddress(db: DbOrTx, userId: string, address: SavedAddress, { wilayaCode }: { wilayaCode?: number } = {}) {
  communeOf(address, wilayaCode)
  await db
    .insert(buyerAddresses)
    .values({ userId, ...address })
    .onConflictDoUpdate({ target: buyerAddresses.userId, set: { ...address, updatedAt: new Date() } })
}
