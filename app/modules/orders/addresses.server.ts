import { eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { buyerAddresses } from '#db/schema'
import type { DeliveryMode, ShippingAddress } from './checkout.server'

export type SavedAddress = ShippingAddress & { deliveryMode: DeliveryMode }

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

export async function saveAddress(db: DbOrTx, userId: string, address: SavedAddress) {
  await db
    .insert(buyerAddresses)
    .values({ userId, ...address })
    .onConflictDoUpdate({ target: buyerAddresses.userId, set: { ...address, updatedAt: new Date() } })
}
