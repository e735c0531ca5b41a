import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { shippingRates, wilayas } from '#db/schema'

/**
 * Gives a shop its own shipping table, copied from the platform defaults, unless it has one.
 * Called when a shop is approved; the producer edits the copy in the shop settings.
 */
export async function ensureShopShippingRates(tx: DbOrTx, shopId: string) {
  await tx.execute(sql`
    insert into ${shippingRates} (id, shop_id, wilaya_code, home_fee, desk_fee, delay_days)
    select ${shopId} || '-' || wilaya_code, ${shopId}, wilaya_code, home_fee, desk_fee, delay_days
    from ${shippingRates} where shop_id is null
    on conflict do nothing`)
}

export type ShippingRate = { wilayaCode: number; wilayaNameAr: string; wilayaNameFr: string; homeFee: number; deskFee: number | null; delayDays: number }

/** A shop's shipping table by wilaya; the platform defaults where the shop has no row yet. */
export async function listShippingRates(db: DbOrTx, shopId: string | null): Promise<ShippingRate[]> {
  const rows = await db
    .select({
      wilayaCode: shippingRates.wilayaCode,
      wilayaNameAr: wilayas.nameAr,
      wilayaNameFr: wilayas.nameFr,
      homeFee: shippingRates.homeFee,
      deskFee: shippingRates.deskFee,
      delayDays: shippingRates.delayDays,
    })
    .from(shippingRates)
    .innerJoin(wilayas, eq(wilayas.code, shippingRates.wilayaCode))
    .where(shopId ? eq(shippingRates.shopId, shopId) : isNull(shippingRates.shopId))
    .orderBy(asc(shippingRates.wilayaCode))
  if (rows.length || !shopId) return rows
  return listShippingRates(db, null)
}

export type ShippingRateInput = { wilayaCode: number; homeFee: number; deskFee: number | null; delayDays: number }

/** Replaces the shop's rates for the given wilayas (centimes, days), in one transaction. */
export async function updateShippingRates(db: DbOrTx, shopId: string, rates: ShippingRateInput[]) {
  await db.transaction(async (tx) => {
    await ensureShopShippingRates(tx, shopId)
    for (const rate of rates) {
      await tx
        .update(shippingRates)
        .set({ homeFee: rate.homeFee, deskFee: rate.deskFee, delayDays: rate.delayDays })
        .where(and(eq(shippingRates.shopId, shopId), eq(shippingRates.wilayaCode, rate.wilayaCode)))
    }
  })
}

export type ShippingQuote = { homeFee: number; deskFee: number | null; delayDays: number }

/** To the buyer's door, or to the carrier's stop-desk in their wilaya (cheaper, not everywhere). */
export type DeliveryMode = 'home' | 'desk'

/** The fee of this mode; null: no stop-desk delivery there. */
export function feeFor(quote: ShippingQuote, mode: DeliveryMode) {
  return mode === 'home' ? quote.homeFee : quote.deskFee
}

/** A carrier's fees (centimes) to a wilaya for one shop; null: the carrier gives none for that mode. */
export type CarrierFee = { home: number | null; desk: number | null }
/** Reads carrier shops' fees to a wilaya (the delivery module's cache); given by the caller so shops does not depend on delivery. */
export type CarrierFeeReader = (db: DbOrTx, shopIds: string[], wilayaCode: number) => Promise<Map<string, CarrierFee>>

/**
 * Each shop's fee and delay to one wilaya: the shop's own row, else the platform default.
 * One query for every shop of a cart. A shop shipping through a carrier charges the carrier's
 * fee where the carrier gives one (`carrierFees`, read by the delivery module from its cache).
 */
export async function quoteShipping(db: DbOrTx, shopIds: string[], wilayaCode: number, carrierFees?: Map<string, CarrierFee>): Promise<Map<string, ShippingQuote>> {
  const quotes = new Map<string, ShippingQuote>()
  if (!shopIds.length) return quotes
  const rows = await db
    .select({ shopId: shippingRates.shopId, homeFee: shippingRates.homeFee, deskFee: shippingRates.deskFee, delayDays: shippingRates.delayDays })
    .from(shippingRates)
    .where(and(eq(shippingRates.wilayaCode, wilayaCode), or(isNull(shippingRates.shopId), inArray(shippingRates.shopId, shopIds))))
  const fallback = rows.find((r) => r.shopId === null)
  for (const shopId of shopIds) {
    const row = rows.find((r) => r.shopId === shopId) ?? fallback
    const carrier = carrierFees?.get(shopId)
    if (row) quotes.set(shopId, { homeFee: carrier?.home ?? row.homeFee, deskFee: carrier?.desk ?? row.deskFee, delayDays: row.delayDays })
  }
  return quotes
}
