import { eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { carrierCache, shopCarriers } from '#db/schema'
import type { Carrier, StopDesk } from './carrier'
import { CARRIER_NAMES, carrierForShop, getShopCarrier, type DeliveryDeps } from './settings.server'

// Stop-desks: the carrier's list per wilaya, kept a day in `carrier_cache`. Pages and checkout
// refresh it *before* any transaction (the carrier is never called inside one); the checkout
// transaction then reads only the database to check the buyer's desk (`resolveStopDesks`).

export const DESK_CACHE_MS = 24 * 60 * 60_000

/** The buyer must pick a desk for these shops, or picked one that is not on their carrier's list. */
export class StopDeskChoiceError extends Error {
  constructor(readonly shopIds: string[]) {
    super(`stop-desk missing or unknown for ${shopIds.join(', ')}`)
  }
}

type ShopCarrierRow = { shopId: string; carrier: (typeof shopCarriers.$inferSelect)['carrier']; account: (typeof shopCarriers.$inferSelect)['account'] }

/** The cache key of a carrier account's desks in a wilaya: shops on the platform's account share it. */
const deskKey = (row: ShopCarrierRow, wilayaCode: number) => `desks:${row.account === 'shop' ? row.shopId : 'platform'}:${row.carrier}:${wilayaCode}`

async function carrierShops(db: DbOrTx, shopIds: string[]): Promise<ShopCarrierRow[]> {
  if (!shopIds.length) return []
  const rows = await db
    .select({ shopId: shopCarriers.shopId, carrier: shopCarriers.carrier, account: shopCarriers.account })
    .from(shopCarriers)
    .where(inArray(shopCarriers.shopId, shopIds))
  return rows.filter((r) => r.carrier !== 'own')
}

/**
 * The desks of one carrier account in a wilaya: from the cache when younger than a day, else asked
 * of the carrier and stored. A carrier that does not answer leaves the last list (or none).
 */
async function cachedDesks(db: DbOrTx, key: string, carrierOf: () => Promise<Carrier | null>, wilayaCode: number, now: Date): Promise<StopDesk[]> {
  const [hit] = await db.select().from(carrierCache).where(eq(carrierCache.key, key))
  if (hit && now.getTime() - hit.fetchedAt.getTime() < DESK_CACHE_MS) return hit.value as StopDesk[]
  const carrier = await carrierOf()
  if (!carrier) return (hit?.value as StopDesk[] | undefined) ?? []
  try {
    const desks = await carrier.stopDesks(wilayaCode)
    await db
      .insert(carrierCache)
      .values({ key, value: desks, fetchedAt: now })
      .onConflictDoUpdate({ target: carrierCache.key, set: { value: desks, fetchedAt: now } })
    return desks
  } catch {
    return (hit?.value as StopDesk[] | undefined) ?? []
  }
}

/**
 * The desks of one shop's carrier in a wilaya (the producer then picks the desk when shipping if
 * the carrier never answered). Never call inside a transaction.
 */
export async function cachedStopDesks(db: DbOrTx, deps: DeliveryDeps, shopId: string, wilayaCode: number, now = new Date()): Promise<StopDesk[]> {
  const settings = await getShopCarrier(db, shopId)
  if (settings.carrier === 'own') return []
  const key = deskKey({ shopId, carrier: settings.carrier, account: settings.account }, wilayaCode)
  return cachedDesks(db, key, () => carrierForShop(db, deps, shopId, settings.carrier, settings.account), wilayaCode, now)
}

const PLATFORM_CARRIERS = ['yalidine', 'guepex', 'ecotrack'] as const

/**
 * Pickup points for "near me" (issue 22): the stop-desks of the platform's own carrier accounts in
 * a wilaya, the commune's first — the same day-long cache the checkout reads. None when no carrier
 * account is configured. Never call inside a transaction.
 */
export async function pickupPointsNear(db: DbOrTx, deps: DeliveryDeps, wilayaCode: number, communeName?: string | null, now = new Date()) {
  const result: { carrierName: string; desks: StopDesk[] }[] = []
  for (const kind of PLATFORM_CARRIERS) {
    if (!deps.platform[kind]) continue
    const key = deskKey({ shopId: '', carrier: kind, account: 'platform' }, wilayaCode)
    const desks = await cachedDesks(db, key, () => carrierForShop(db, deps, '', kind, 'platform'), wilayaCode, now)
    if (desks.length) result.push({ carrierName: CARRIER_NAMES[kind], desks: sortNear(desks, communeName) })
  }
  return result
}

/** Desks in the given commune first, then by name. */
function sortNear(desks: StopDesk[], communeName?: string | null) {
  const near = (d: StopDesk) => (communeName && d.communeName.toLowerCase() === communeName.toLowerCase() ? 0 : 1)
  return [...desks].sort((a, b) => near(a) - near(b) || a.name.localeCompare(b.name))
}

export type ShopDesks = { shopId: string; carrierName: string; desks: StopDesk[] }

/**
 * The desks each carrier shop of a cart offers in the buyer's wilaya (shops delivering by hand
 * have none: their desk is arranged by phone). Desks in the buyer's commune come first.
 */
export async function stopDeskOptions(db: DbOrTx, deps: DeliveryDeps, shopIds: string[], wilayaCode: number, communeName?: string | null, now = new Date()) {
  const result: ShopDesks[] = []
  for (const row of await carrierShops(db, shopIds)) {
    const desks = await cachedStopDesks(db, deps, row.shopId, wilayaCode, now)
    result.push({ shopId: row.shopId, carrierName: CARRIER_NAMES[row.carrier], desks: sortNear(desks, communeName) })
  }
  return result
}

/**
 * Inside the checkout transaction: the desk chosen for each carrier shop, checked against the
 * cached list (no carrier call here). A shop whose carrier has listed desks must get one of them;
 * a shop with no list (by hand, or the carrier never answered) gets none and the producer picks.
 */
export async function resolveStopDesks(tx: DbOrTx, shopIds: string[], wilayaCode: number, choices: Record<string, string>) {
  const chosen = new Map<string, { id: string; name: string }>()
  const wrong: string[] = []
  for (const row of await carrierShops(tx, shopIds)) {
    const [hit] = await tx
      .select({ value: carrierCache.value })
      .from(carrierCache)
      .where(eq(carrierCache.key, deskKey(row, wilayaCode)))
    const desks = (hit?.value as StopDesk[] | undefined) ?? []
    if (!desks.length) continue
    const desk = desks.find((d) => d.id === choices[row.shopId])
    if (!desk) wrong.push(row.shopId)
    else chosen.set(row.shopId, { id: desk.id, name: desk.name })
  }
  if (wrong.length) throw new StopDeskChoiceError(wrong)
  return chosen
}
