import { eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { shopCarriers } from '#db/schema'
import { getEnv } from '~/utils/env.server'
import type { Carrier } from './carrier'
import { createEcotrackCarrier } from './ecotrack.server'
import { decryptSecret, encryptSecret } from './secrets.server'
import { createYalidineCarrier, GUEPEX_URL, YALIDINE_URL } from './yalidine.server'

export type CarrierKind = (typeof shopCarriers.$inferSelect)['carrier']
export type CarrierAccount = (typeof shopCarriers.$inferSelect)['account']

/** The platform's carrier accounts (from the environment; tests point them at the fakes). */
export type PlatformAccounts = {
  yalidine?: { baseUrl: string; apiId: string; apiToken: string }
  guepex?: { baseUrl: string; apiId: string; apiToken: string }
  ecotrack?: { baseUrl: string; token: string }
}

/** What the delivery functions need from outside: the platform's accounts, the key for shops' keys, timeouts. */
export type DeliveryDeps = { platform: PlatformAccounts; secret: string; siteUrl: string; timeoutMs?: number; minIntervalMs?: number }

export function deliveryDepsFromEnv(): DeliveryDeps {
  const env = getEnv()
  const platform: PlatformAccounts = {}
  if (env.YALIDINE_API_ID && env.YALIDINE_API_TOKEN) {
    platform.yalidine = { baseUrl: env.YALIDINE_API_URL ?? YALIDINE_URL, apiId: env.YALIDINE_API_ID, apiToken: env.YALIDINE_API_TOKEN }
    platform.guepex = { baseUrl: env.GUEPEX_API_URL ?? GUEPEX_URL, apiId: env.YALIDINE_API_ID, apiToken: env.YALIDINE_API_TOKEN }
  }
  if (env.ECOTRACK_API_URL && env.ECOTRACK_API_TOKEN) platform.ecotrack = { baseUrl: env.ECOTRACK_API_URL, token: env.ECOTRACK_API_TOKEN }
  return { platform, secret: env.DELIVERY_SECRET ?? env.SESSION_SECRET, siteUrl: env.APP_URL }
}

export type ShopCarrierSettings = { carrier: CarrierKind; account: CarrierAccount; baseUrl: string | null; hasKeys: boolean }

export async function getShopCarrier(db: DbOrTx, shopId: string): Promise<ShopCarrierSettings> {
  const [row] = await db.select().from(shopCarriers).where(eq(shopCarriers.shopId, shopId))
  if (!row) return { carrier: 'own', account: 'platform', baseUrl: null, hasKeys: false }
  return { carrier: row.carrier, account: row.account, baseUrl: row.baseUrl, hasKeys: Boolean(row.credentials) }
}

export type SaveCarrierInput = {
  shopId: string
  carrier: CarrierKind
  account: CarrierAccount
  baseUrl?: string | null
  /** Yalidine/Guepex: apiId + apiToken; EcoTrack: token. Empty: keep the stored keys. */
  apiId?: string | null
  apiToken?: string | null
  token?: string | null
}

export class CarrierSettingsError extends Error {
  constructor(readonly field: 'baseUrl' | 'keys' | 'platform') {
    super(`carrier settings: ${field}`)
  }
}

/** Saves a shop's choice; the keys are encrypted before they reach the database. */
export async function saveShopCarrier(db: DbOrTx, deps: Pick<DeliveryDeps, 'secret' | 'platform'>, input: SaveCarrierInput) {
  const [existing] = await db.select().from(shopCarriers).where(eq(shopCarriers.shopId, input.shopId))
  let credentials = existing?.carrier === input.carrier ? existing.credentials : null
  let baseUrl: string | null = null
  if (input.carrier === 'ecotrack' && input.account === 'shop') {
    baseUrl = input.baseUrl?.trim() || null
    if (!baseUrl || !/^https?:\/\/[^\s]+$/.test(baseUrl)) throw new CarrierSettingsError('baseUrl')
  }
  if (input.carrier !== 'own' && input.account === 'shop') {
    const keys =
      input.carrier === 'ecotrack'
        ? input.token?.trim()
          ? { token: input.token.trim() }
          : null
        : input.apiId?.trim() && input.apiToken?.trim()
          ? { apiId: input.apiId.trim(), apiToken: input.apiToken.trim() }
          : null
    if (keys) credentials = encryptSecret(deps.secret, JSON.stringify(keys), input.shopId)
    if (!credentials) throw new CarrierSettingsError('keys')
  }
  if (input.carrier !== 'own' && input.account === 'platform' && !deps.platform[input.carrier]) throw new CarrierSettingsError('platform')
  const values = { shopId: input.shopId, carrier: input.carrier, account: input.account, baseUrl, credentials: input.account === 'shop' ? credentials : null }
  await db.insert(shopCarriers).values(values).onConflictDoUpdate({ target: shopCarriers.shopId, set: values })
}

/** The carrier a parcel goes through: the shop's keys when it entered its own, else the platform's account. */
export async function carrierForShop(db: DbOrTx, deps: DeliveryDeps, shopId: string, kind: CarrierKind, account: CarrierAccount): Promise<Carrier | null> {
  if (kind === 'own') return null
  const options = { timeoutMs: deps.timeoutMs, minIntervalMs: deps.minIntervalMs }
  if (account === 'shop') {
    const [row] = await db.select().from(shopCarriers).where(eq(shopCarriers.shopId, shopId))
    if (!row?.credentials) return null
    const keys = JSON.parse(decryptSecret(deps.secret, row.credentials, shopId)) as { apiId?: string; apiToken?: string; token?: string }
    if (kind === 'ecotrack') return row.baseUrl && keys.token ? createEcotrackCarrier({ baseUrl: row.baseUrl, token: keys.token, ...options }) : null
    const baseUrl = kind === 'guepex' ? (deps.platform.guepex?.baseUrl ?? GUEPEX_URL) : (deps.platform.yalidine?.baseUrl ?? YALIDINE_URL)
    return keys.apiId && keys.apiToken ? createYalidineCarrier({ baseUrl, apiId: keys.apiId, apiToken: keys.apiToken, name: kind, ...options }) : null
  }
  if (kind === 'ecotrack') {
    const p = deps.platform.ecotrack
    return p ? createEcotrackCarrier({ ...p, ...options }) : null
  }
  const p = deps.platform[kind]
  return p ? createYalidineCarrier({ ...p, name: kind, ...options }) : null
}

/** Display names of the carriers. */
export const CARRIER_NAMES: Record<CarrierKind, string> = { own: '', yalidine: 'Yalidine', guepex: 'Guepex', ecotrack: 'EcoTrack' }
