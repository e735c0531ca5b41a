import { createHash, randomBytes } from 'node:crypto'
import { desc, eq, isNull, and } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { partnerKeys } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import type { PartnerDataset } from './schemas'

// Partner API keys: made by an admin, shown once, kept as their SHA-256 only (a leaked table gives
// no key), scoped to wilayas and datasets, rate-limited per key, revoked at once.

export type PartnerKey = typeof partnerKeys.$inferSelect

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

export async function createPartnerKey(
  db: Db,
  input: { adminId: string; name: string; wilayaCodes: number[]; datasets: PartnerDataset[]; ratePerMinute?: number; webhookUrl?: string | null },
) {
  const key = `tsq_${randomBytes(32).toString('base64url')}`
  const webhookSecret = input.webhookUrl ? `whsec_${randomBytes(24).toString('base64url')}` : null
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(partnerKeys)
      .values({
        name: input.name,
        keyPrefix: key.slice(0, 10),
        keyHash: hashKey(key),
        wilayaCodes: [...new Set(input.wilayaCodes)].sort((a, b) => a - b),
        datasets: [...new Set(input.datasets)],
        ratePerMinute: input.ratePerMinute ?? 60,
        webhookUrl: input.webhookUrl ?? null,
        webhookSecret,
        createdBy: input.adminId,
      })
      .returning()
    await writeAudit(tx, { actorId: input.adminId, action: 'partner.key_create', targetType: 'partner_key', targetId: created!.id, details: { name: input.name, wilayaCodes: created!.wilayaCodes, datasets: created!.datasets } })
    return created!
  })
  // The only time the key (and the webhook secret) are seen.
  return { key, webhookSecret, row }
}

export async function revokePartnerKey(db: Db, { adminId, keyId, now = new Date() }: { adminId: string; keyId: string; now?: Date }) {
  await db.transaction(async (tx) => {
    const [row] = await tx.update(partnerKeys).set({ revokedAt: now }).where(and(eq(partnerKeys.id, keyId), isNull(partnerKeys.revokedAt))).returning()
    if (row) await writeAudit(tx, { actorId: adminId, action: 'partner.key_revoke', targetType: 'partner_key', targetId: keyId, details: { name: row.name } })
  })
}

/** The key row for a presented key (revoked ones included: the caller answers 401 for them). */
export async function findKey(db: DbOrTx, presented: string) {
  const [row] = await db.select().from(partnerKeys).where(eq(partnerKeys.keyHash, hashKey(presented))).limit(1)
  return row ?? null
}

export function listPartnerKeys(db: DbOrTx) {
  return db
    .select({ id: partnerKeys.id, name: partnerKeys.name, keyPrefix: partnerKeys.keyPrefix, wilayaCodes: partnerKeys.wilayaCodes, datasets: partnerKeys.datasets, ratePerMinute: partnerKeys.ratePerMinute, webhookUrl: partnerKeys.webhookUrl, createdAt: partnerKeys.createdAt, revokedAt: partnerKeys.revokedAt })
    .from(partnerKeys)
    .orderBy(desc(partnerKeys.createdAt))
}
