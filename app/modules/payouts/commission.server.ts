import { asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { categories, commissionRates } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'

// The platform's commission: a default rate and optional per-category rates, set by an admin.
// Checkout reads them once per order line and copies the rate used onto the line and the order,
// so a later change never rewrites what was already sold.

export type CommissionRates = {
  /** Basis points (1000 = 10 %). */
  defaultBps: number
  /** Category id → basis points. */
  byCategory: Record<string, number>
}

/** The configured rates; `fallbackBps` (COMMISSION_BPS) until an admin sets a platform rate. */
export async function getCommissionRates(db: DbOrTx, fallbackBps: number): Promise<CommissionRates> {
  const rows = await db.select({ scope: commissionRates.scope, categoryId: commissionRates.categoryId, bps: commissionRates.bps }).from(commissionRates)
  const platform = rows.find((r) => r.scope === 'platform')
  const byCategory: Record<string, number> = {}
  for (const row of rows) if (row.categoryId) byCategory[row.categoryId] = row.bps
  return { defaultBps: platform?.bps ?? fallbackBps, byCategory }
}

/** A line's rate: its category's, else its parent category's, else the platform's. */
export function rateForCategory(
  rates: Pick<CommissionRates, 'defaultBps'> & Partial<Pick<CommissionRates, 'byCategory'>>,
  categoryId: string | null,
  parentId: string | null
) {
  const byCategory = rates.byCategory ?? {}
  if (categoryId && byCategory[categoryId] !== undefined) return byCategory[categoryId]!
  if (parentId && byCategory[parentId] !== undefined) return byCategory[parentId]!
  return rates.defaultBps
}

export type CommissionCategoryRow = { id: string; slug: string; nameAr: string; nameFr: string; nameEn: string; parentId: string | null; bps: number | null }

/** Every category with its override (null: the platform's rate applies), for the admin page. */
export async function listCategoryRates(db: DbOrTx): Promise<CommissionCategoryRow[]> {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      nameAr: categories.nameAr,
      nameFr: categories.nameFr,
      nameEn: categories.nameEn,
      parentId: categories.parentId,
      bps: commissionRates.bps,
    })
    .from(categories)
    .leftJoin(commissionRates, eq(commissionRates.categoryId, categories.id))
    .orderBy(asc(categories.position), asc(categories.slug))
}

export class UnknownCategoryError extends Error {}

/**
 * Sets the platform rate (`categoryId` null) or a category's (`bps` null removes the override), with
 * its audit row in one transaction. Only orders placed afterwards use it.
 */
export async function setCommissionRate(
  db: DbOrTx,
  input: { categoryId: string | null; bps: number | null; actorId: string; ip?: string | null; fallbackBps: number }
) {
  return db.transaction(async (tx) => {
    const scope = input.categoryId ?? 'platform'
    const before = await getCommissionRates(tx, input.fallbackBps)
    const previous = input.categoryId ? before.byCategory[input.categoryId] ?? null : before.defaultBps
    if (input.categoryId) {
      const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId))
      if (!category) throw new UnknownCategoryError()
    }
    if (input.bps === null) {
      if (!input.categoryId) throw new RangeError('the platform rate cannot be removed')
      await tx.delete(commissionRates).where(eq(commissionRates.scope, scope))
    } else {
      await tx
        .insert(commissionRates)
        .values({ scope, categoryId: input.categoryId, bps: input.bps, updatedBy: input.actorId })
        .onConflictDoUpdate({ target: commissionRates.scope, set: { bps: input.bps, updatedBy: input.actorId, updatedAt: new Date() } })
    }
    await writeAudit(tx, {
      actorId: input.actorId,
      action: 'commission.update',
      targetType: input.categoryId ? 'category' : 'platform',
      targetId: scope,
      ip: input.ip ?? null,
      details: { from: previous, to: input.bps },
    })
  })
}
