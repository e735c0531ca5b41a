import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '#db/client'
import { parcels } from '#db/schema'
import type { CarrierEvent } from './carrier'
import type { DeliveryDeps } from './settings.server'
import { applyCarrierEvents } from './tracking.server'
import { parseYalidineDate, yalidineState } from './yalidine.server'

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

// A signed body is still read defensively (a carrier's bug, a changed format): an event without a
// tracking, status and date as text is skipped, and optional text of another type, or holding
// characters PostgreSQL cannot store, is dropped, so a retried delivery never fails on it.
const required = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((v) => !v.includes('\u0000'))
const optional = z
  .string()
  .max(500)
  .transform((v) => v.replaceAll('\u0000', '') || null)
  .nullish()
  .catch(null)
const YalidineEventSchema = z.object({
  occurred_at: required.optional().catch(undefined),
  data: z.object({
    tracking: required,
    status: required,
    date_status: required.optional().catch(undefined),
    reason: optional,
    commune_name: optional,
    wilaya_name: optional,
    center_name: optional,
  }),
})
type YalidineWebhookEvent = z.input<typeof YalidineEventSchema>
export type YalidineWebhookBody = { type?: unknown; events?: unknown[] | YalidineWebhookEvent[] }

/** Applies a verified body's `parcel_status_updated` events; returns how many reached a parcel of ours. */
export async function applyYalidineWebhook(db: DbOrTx, deps: Pick<DeliveryDeps, 'siteUrl'>, body: YalidineWebhookBody) {
  if (body.type && body.type !== 'parcel_status_updated') return 0
  let applied = 0
  for (const raw of Array.isArray(body.events) ? body.events : []) {
    const parsed = YalidineEventSchema.safeParse(raw)
    if (!parsed.success) continue
    const { data, occurred_at } = parsed.data
    const at = data.date_status ?? occurred_at
    if (!at) continue
    const occurredAt = parseYalidineDate(at)
    if (Number.isNaN(occurredAt.getTime())) continue
    const [parcel] = await db
      .select({ id: parcels.id })
      .from(parcels)
      .where(and(eq(parcels.tracking, data.tracking), inArray(parcels.carrier, ['yalidine', 'guepex'])))
    if (!parcel) continue
    const mapped: CarrierEvent = {
      carrierStatus: data.status,
      state: yalidineState(data.status),
      occurredAt,
      reason: data.reason || null,
      place: [data.commune_name, data.wilaya_name].filter(Boolean).join(', ') || data.center_name || null,
    }
    await applyCarrierEvents(db, deps, parcel.id, [mapped])
    applied++
  }
  return applied
}
