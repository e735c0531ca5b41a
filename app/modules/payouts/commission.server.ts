import { asc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { categories, commissionRates } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'

// The platform's commission, every rule of it: a default rate and optional per-category rates, set
// by an admin; which rate a line gets; how a line's and an order's commission are computed.
// Checkout reads the rates once per order line and copies the rate used onto the line and the
// order, so a later change never rewrites what was already sold.

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

/** Commission on an amount of items only (shipping goes to the carrier), rounded to the centime. */
export function commissionOn(amount: number, bps: number) {
  return Math.round((amount * bps) / 10_000)
}

/**
 * The rate lookup for lines of these categories: `rateForCategory` with each category's parent
 * loaded (one query, and only when some category has its own rate).
 */
export async function categoryRateLookup(db: DbOrTx, rates: Pick<CommissionRates, 'defaultBps'> & Partial<Pick<CommissionRates, 'byCategory'>>, categoryIds: (string | null)[]) {
  const ids = [...new Set(categoryIds.filter((id): id is string => !!id))]
  const parents = new Map<string, string | null>()
  if (ids.length && Object.keys(rates.byCategory ?? {}).length) {
    const rows = await db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(inArray(categories.id, ids))
    for (const row of rows) parents.set(row.id, row.parentId)
  }
  return (categoryId: string | null) => rateForCategory(rates, categoryId, categoryId ? parents.get(categoryId) ?? null : null)
}

/**
 * An order's commission from its lines (amount and rate each): per line at the line's rate, each
 * rounded to the centime; the order's commission is their sum and its rate the one its lines share
 * (or, when they differ, the blended rate, for display only: the lines keep the exact ones).
 */
export function orderCommission(lines: { amount: number; bps: number }[], defaultBps: number) {
  const lineCommissions = lines.map((l) => commissionOn(l.amount, l.bps))
  const commission = lineCommissions.reduce((sum, c) => sum + c, 0)
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0)
  const rates = new Set(lines.map((l) => l.bps))
  const commissionBps = rates.size === 1 ? [...rates][0]! : subtotal ? Math.round((commission * 10_000) / subtotal) : defaultBps
  return { lineCommissions, commission, commissionBps }
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
