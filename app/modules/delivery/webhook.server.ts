import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { parcels } from '#db/schema'
import type { CarrierEvent } from './carrier'
import type { DeliveryDeps } from './settings.server'
import { applyCarrierEvents } from './tracking.server'
import { parseYalidineDate, YALIDINE_STATES } from './yalidine.server'

// Yalidine's webhooks (its dashboard, "Webhooks"): a subscription is validated by a GET carrying
// `subscribe` and `crc_token`, answered with the token; each POST carries events signed with
// HMAC-SHA256 of the raw body (hex) in `x-yalidine-signature`, keyed by the webhook secret. Events
// go through the poller's own path (`applyCarrierEvents`): stored once per parcel/status/time, so
// a webhook delivered twice, or after the poller saw the same step, changes nothing.

export function verifyYalidineSignature(secret: string, rawBody: string, signature: string | null) {
  if (!signature) return false
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex')
  const given = signature.trim().toLowerCase()
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
}

type YalidineWebhookEvent = {
  event_id?: string
  occurred_at?: string
  data?: { tracking?: string; status?: string; date_status?: string; reason?: string | null; commune_name?: string | null; wilaya_name?: string | null; center_name?: string | null }
}
export type YalidineWebhookBody = { type?: string; events?: YalidineWebhookEvent[] }

/** Applies a verified body's `parcel_status_updated` events; returns how many reached a parcel of ours. */
export async function applyYalidineWebhook(db: DbOrTx, deps: Pick<DeliveryDeps, 'siteUrl'>, body: YalidineWebhookBody) {
  if (body.type && body.type !== 'parcel_status_updated') return 0
  let applied = 0
  for (const event of body.events ?? []) {
    const data = event.data
    const at = data?.date_status ?? event.occurred_at
    if (!data?.tracking || !data.status || !at) continue
    const occurredAt = parseYalidineDate(at)
    if (Number.isNaN(occurredAt.getTime())) continue
    const [parcel] = await db
      .select({ id: parcels.id })
      .from(parcels)
      .where(and(eq(parcels.tracking, data.tracking), inArray(parcels.carrier, ['yalidine', 'guepex'])))
    if (!parcel) continue
    const mapped: CarrierEvent = {
      carrierStatus: data.status,
      state: YALIDINE_STATES[data.status] ?? null,
      occurredAt,
      reason: data.reason || null,
      place: [data.commune_name, data.wilaya_name].filter(Boolean).join(', ') || data.center_name || null,
    }
    await applyCarrierEvents(db, deps, parcel.id, [mapped])
    applied++
  }
  return applied
}
