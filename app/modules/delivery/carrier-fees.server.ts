import { eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { carrierCache, communes, shopCarriers, shops } from '#db/schema'
import type { CarrierFee } from '~/modules/shops/shipping.server'
import { carrierForShop, type DeliveryDeps } from './settings.server'
import { DESK_CACHE_MS } from './stop-desks.server'

// The carriers' fee tables at checkout (issue 19, decision 025): a shop shipping through a carrier
// charges the carrier's fee from its wilaya to the buyer's (home and stop-desk), kept a day in
// `carrier_cache` like the desk lists. Refreshed before any transaction (`refreshCarrierFees`); the
// pages and the checkout transaction read only the cache (`cachedCarrierFees`). Where the carrier
// gives no fee for a mode (or never answered, or the shop has no commune), the shop's own table stays.

type Row = { shopId: string; carrier: (typeof shopCarriers.$inferSelect)['carrier']; account: (typeof shopCarriers.$inferSelect)['account']; fromWilaya: number | null }

const feeKey = (row: Row, toWilaya: number) => `fees:${row.account === 'shop' ? row.shopId : 'platform'}:${row.carrier}:${row.fromWilaya}:${toWilaya}`

async function carrierShops(db: DbOrTx, shopIds: string[]): Promise<Row[]> {
  if (!shopIds.length) return []
  const rows = await db
    .select({ shopId: shopCarriers.shopId, carrier: shopCarriers.carrier, account: shopCarriers.account, fromWilaya: communes.wilayaCode })
    .from(shopCarriers)
    .innerJoin(shops, eq(shops.id, shopCarriers.shopId))
    .leftJoin(communes, eq(communes.code, shops.communeCode))
    .where(inArray(shopCarriers.shopId, shopIds))
  return rows.filter((r) => r.carrier !== 'own' && r.fromWilaya !== null)
}

/** Asks each carrier shop's carrier for its fees to a wilaya when the cached ones are older than a day. Never inside a transaction. */
export async function refreshCarrierFees(db: DbOrTx, deps: DeliveryDeps, shopIds: string[], toWilaya: number, now = new Date()) {
  for (const row of await carrierShops(db, shopIds)) {
    const key = feeKey(row, toWilaya)
    const [hit] = await db.select({ fetchedAt: carrierCache.fetchedAt }).from(carrierCache).where(eq(carrierCache.key, key))
    if (hit && now.getTime() - hit.fetchedAt.getTime() < DESK_CACHE_MS) continue
    const carrier = await carrierForShop(db, deps, row.shopId, row.carrier, row.account)
    if (!carrier) continue
    try {
      const fees = await carrier.fees(row.fromWilaya!, toWilaya)
      // The carriers quote dinars; we count centimes.
      const value: CarrierFee = { home: fees.home === null ? null : Math.round(fees.home * 100), desk: fees.desk === null ? null : Math.round(fees.desk * 100) }
      await db.insert(carrierCache).values({ key, value, fetchedAt: now }).onConflictDoUpdate({ target: carrierCache.key, set: { value, fetchedAt: now } })
    } catch {
      // The last known fees (or the shop's table) stay; the next page asks again.
    }
  }
}

/** The cached carrier fees of a cart's carrier shops to a wilaya: only the database is read (safe in a transaction). */
export async function cachedCarrierFees(db: DbOrTx, shopIds: string[], toWilaya: number) {
  const fees = new Map<string, CarrierFee>()
  for (const row of await carrierShops(db, shopIds)) {
    const [hit] = await db.select({ value: carrierCache.value }).from(carrierCache).where(eq(carrierCache.key, feeKey(row, toWilaya)))
    if (hit) fees.set(row.shopId, hit.value as CarrierFee)
  }
  return fees
}

/** Refresh, then read: for pages (never inside a transaction). */
export async function carrierFeesFor(db: DbOrTx, deps: DeliveryDeps, shopIds: string[], toWilaya: number, now = new Date()) {
  await refreshCarrierFees(db, deps, shopIds, toWilaya, now)
  return cachedCarrierFees(db, shopIds, toWilaya)
}
