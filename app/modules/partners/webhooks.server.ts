import { createHmac } from 'node:crypto'
import { and, eq, isNull, lte, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { partnerKeys, partnerWebhooks } from '#db/schema'
import { rowsOf } from '~/utils/db.server'
import { ShopApprovedEventSchema } from './schemas'

// Webhooks to partners (decision 021): written in the approving transaction (so an approval that
// rolls back sends nothing), posted by a job after the commit, signed with the partner's own
// secret: `X-Taswiq-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<body>")>`.

export const MAX_WEBHOOK_ATTEMPTS = 8

/** Queues `shop.approved` for every live key with a webhook whose wilayas hold the shop. Call inside the approval's transaction. */
export async function queueShopApprovedWebhooks(tx: DbOrTx, shopId: string, now = new Date()) {
  const [shop] = await rowsOf<{ slug: string; name: string; wilayaCode: number; communeCode: string; producerCategory: string }>(
    tx,
    sql`select s.slug, s.name, c.wilaya_code::int as "wilayaCode", s.commune_code as "communeCode", s.producer_category as "producerCategory"
        from shops s join communes c on c.code = s.commune_code where s.id = ${shopId}`,
  )
  if (!shop) return 0
  const keys = await rowsOf<{ id: string }>(
    tx,
    sql`select id from partner_keys where revoked_at is null and webhook_url is not null and ${shop.wilayaCode}::smallint = any(wilaya_codes)`,
  )
  if (keys.length === 0) return 0
  const payload = ShopApprovedEventSchema.parse({ event: 'shop.approved', occurredAt: now.toISOString(), shop })
  await tx.insert(partnerWebhooks).values(keys.map((k) => ({ keyId: k.id, event: 'shop.approved', payload })))
  return keys.length
}

export function signWebhook(secret: string, body: string, timestamp: number) {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * Sends the webhooks that are due, one at a time. Each is claimed first (its next attempt pushed
 * back) so two servers do not both send it; the post happens outside any transaction.
 */
export async function deliverDueWebhooks(db: Db, { fetchImpl = fetch, now = new Date(), limit = 20 }: { fetchImpl?: typeof fetch; now?: Date; limit?: number } = {}) {
  const due = await db
    .select({ id: partnerWebhooks.id, attempts: partnerWebhooks.attempts, payload: partnerWebhooks.payload, url: partnerKeys.webhookUrl, secret: partnerKeys.webhookSecret, revokedAt: partnerKeys.revokedAt })
    .from(partnerWebhooks)
    .innerJoin(partnerKeys, eq(partnerKeys.id, partnerWebhooks.keyId))
    .where(and(isNull(partnerWebhooks.deliveredAt), isNull(partnerWebhooks.failedAt), lte(partnerWebhooks.nextAttemptAt, now)))
    .limit(limit)
  let delivered = 0
  for (const hook of due) {
    const backoff = new Date(now.getTime() + 60_000 * 2 ** Math.min(hook.attempts, 10))
    const claimed = await db
      .update(partnerWebhooks)
      .set({ attempts: hook.attempts + 1, nextAttemptAt: backoff })
      .where(and(eq(partnerWebhooks.id, hook.id), eq(partnerWebhooks.attempts, hook.attempts), isNull(partnerWebhooks.deliveredAt)))
      .returning({ id: partnerWebhooks.id })
    if (claimed.length === 0) continue
    if (!hook.url || !hook.secret || hook.revokedAt) {
      await db.update(partnerWebhooks).set({ failedAt: now, lastError: 'key revoked or without webhook' }).where(eq(partnerWebhooks.id, hook.id))
      continue
    }
    const body = JSON.stringify(hook.payload)
    let error: string | null = null
    try {
      const response = await fetchImpl(hook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Taswiq-Event': 'shop.approved', 'X-Taswiq-Signature': signWebhook(hook.secret, body, Math.floor(now.getTime() / 1000)) },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) error = `HTTP ${response.status}`
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    if (!error) {
      delivered++
      await db.update(partnerWebhooks).set({ deliveredAt: new Date(), lastError: null }).where(eq(partnerWebhooks.id, hook.id))
    } else {
      await db
        .update(partnerWebhooks)
        .set({ lastError: error.slice(0, 500), failedAt: hook.attempts + 1 >= MAX_WEBHOOK_ATTEMPTS ? now : null })
        .where(eq(partnerWebhooks.id, hook.id))
    }
  }
  return delivered
}
