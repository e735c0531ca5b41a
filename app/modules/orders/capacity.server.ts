import { and, asc, eq, gte, inArray, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { capacityTakes, capacityWeeks, orders, products, productVariants } from '#db/schema'
import { addDays, readyDateFor, weekStartOf, MAX_CAPACITY_WEEKS } from './capacity'

// Made-to-order capacity (docs/decisions/031-made-to-order-capacity.md). A producer who makes
// pieces to order says how many she can make a week; each counter (the product's, or a
// combination's with its own capacity) has one row per week in `capacity_weeks`. A checkout line
// takes from the week of its earliest ready date (today + preparation days) and spills into the
// following weeks; its promised ready date is the earliest one moved by as many weeks.

/** Which counter a line takes from, and how much a week it holds (read from the locked product row). */
export type CapacityRule = { scopeId: string; capacity: number; days: number }

export type CapacityTake = { weekStart: string; quantity: number }

/**
 * Takes `quantity` pieces from the counter, week after week from the earliest ready date's week,
 * inside the caller's transaction (after the product row, and the combination's, were locked by the
 * stock decrement: the same lock order). Each week is taken with a guarded upsert, `used + n <=
 * capacity`: a concurrent checkout that filled the week in between makes the statement change
 * nothing, and the week is read again. Returns the weeks taken and the promised ready date.
 */
export async function takeCapacity(tx: DbOrTx, productId: string, rule: CapacityRule, quantity: number, today: string) {
  const earliest = addDays(today, rule.days)
  const firstWeek = weekStartOf(earliest)
  const takes: CapacityTake[] = []
  let remaining = quantity
  let week = 0
  while (remaining > 0) {
    if (week >= MAX_CAPACITY_WEEKS) throw new CapacityExhaustedError(productId)
    const weekStart = addDays(firstWeek, 7 * week)
    const [row] = await tx
      .select({ used: capacityWeeks.used })
      .from(capacityWeeks)
      .where(and(eq(capacityWeeks.scopeId, rule.scopeId), eq(capacityWeeks.weekStart, weekStart)))
    const free = rule.capacity - (row?.used ?? 0)
    if (free <= 0) {
      week++
      continue
    }
    const n = Math.min(free, remaining)
    const [taken] = await tx
      .insert(capacityWeeks)
      .values({ scopeId: rule.scopeId, weekStart, productId, used: n })
      .onConflictDoUpdate({
        target: [capacityWeeks.scopeId, capacityWeeks.weekStart],
        set: { used: sql`${capacityWeeks.used} + ${n}` },
        setWhere: sql`${capacityWeeks.used} + ${n} <= ${rule.capacity}`,
      })
      .returning({ used: capacityWeeks.used })
    // Someone took from this week since we read it: read it again.
    if (!taken) continue
    takes.push({ weekStart, quantity: n })
    remaining -= n
  }
  const lastWeek = takes.length ? Math.round((Date.parse(takes.at(-1)!.weekStart) - Date.parse(firstWeek)) / (7 * 86_400_000)) : 0
  return { takes, readyOn: readyDateFor(earliest, lastWeek) }
}

/** More than a year of weeks is full: nothing can be promised. */
export class CapacityExhaustedError extends Error {
  constructor(readonly productId: string) {
    super(`No capacity left within ${MAX_CAPACITY_WEEKS} weeks for ${productId}`)
  }
}

/**
 * Gives a cancelled order's weeks back, in the caller's transaction (after the stock: the product
 * rows are already locked), counters and weeks in order; the takes are deleted, so the order book
 * no longer counts them and a second call gives nothing.
 */
export async function giveBackCapacity(tx: DbOrTx, orderId: string) {
  const takes = await tx
    .delete(capacityTakes)
    .where(eq(capacityTakes.orderId, orderId))
    .returning({ scopeId: capacityTakes.scopeId, weekStart: capacityTakes.weekStart, quantity: capacityTakes.quantity })
  takes.sort((a, b) => (a.scopeId === b.scopeId ? a.weekStart.localeCompare(b.weekStart) : a.scopeId < b.scopeId ? -1 : 1))
  for (const take of takes) {
    await tx
      .update(capacityWeeks)
      .set({ used: sql`greatest(0, ${capacityWeeks.used} - ${take.quantity})` })
      .where(and(eq(capacityWeeks.scopeId, take.scopeId), eq(capacityWeeks.weekStart, take.weekStart)))
  }
}

export type ReadyLine = { productId: string; variantId: string | null; quantity: number }
export type ReadyEstimate = {
  /** The date the pieces would be ready if ordered now. */
  readyOn: string
  /** The date without the capacity (today + preparation days): `readyOn` is later when weeks are full. */
  earliest: string
}

/**
 * What the buyer is told before confirming: each made-to-order line's ready date if she ordered now,
 * from the counters as they are (a read: checkout takes them for real, and refuses a date later than
 * the one shown). Lines of one counter are counted in the cart's order. Key: `productId:variantId`.
 */
export async function estimateReadyDates(db: DbOrTx, lines: ReadyLine[], today: string): Promise<Map<string, ReadyEstimate>> {
  const estimates = new Map<string, ReadyEstimate>()
  const productIds = [...new Set(lines.map((l) => l.productId))]
  if (!productIds.length) return estimates
  const productRows = await db
    .select({ id: products.id, days: products.madeToOrderDays, capacity: products.capacityPerWeek })
    .from(products)
    .where(inArray(products.id, productIds))
  const variantIds = lines.flatMap((l) => (l.variantId ? [l.variantId] : []))
  const variantRows = variantIds.length
    ? await db.select({ id: productVariants.id, capacity: productVariants.capacityPerWeek }).from(productVariants).where(inArray(productVariants.id, variantIds))
    : []
  const rules = new Map<string, CapacityRule | null>()
  for (const line of lines) {
    const product = productRows.find((p) => p.id === line.productId)
    const variant = line.variantId ? variantRows.find((v) => v.id === line.variantId) : undefined
    rules.set(readyKey(line), product ? capacityRuleOf(product, variant ?? null) : null)
  }
  const scopes = [...new Set([...rules.values()].flatMap((r) => (r ? [r.scopeId] : [])))]
  const weeks = scopes.length
    ? await db
        .select({ scopeId: capacityWeeks.scopeId, weekStart: capacityWeeks.weekStart, used: capacityWeeks.used })
        .from(capacityWeeks)
        .where(and(inArray(capacityWeeks.scopeId, scopes), gte(capacityWeeks.weekStart, weekStartOf(today))))
    : []
  const used = new Map(weeks.map((w) => [`${w.scopeId}|${w.weekStart}`, w.used]))
  for (const line of lines) {
    const product = productRows.find((p) => p.id === line.productId)
    if (!product || product.days <= 0) continue
    const earliest = addDays(today, product.days)
    const rule = rules.get(readyKey(line))
    if (!rule) {
      estimates.set(readyKey(line), { readyOn: earliest, earliest })
      continue
    }
    const firstWeek = weekStartOf(earliest)
    let remaining = line.quantity
    let week = 0
    for (; week < MAX_CAPACITY_WEEKS; week++) {
      const key = `${rule.scopeId}|${addDays(firstWeek, 7 * week)}`
      const n = Math.min(remaining, Math.max(0, rule.capacity - (used.get(key) ?? 0)))
      used.set(key, (used.get(key) ?? 0) + n)
      remaining -= n
      if (remaining <= 0) break
    }
    estimates.set(readyKey(line), { readyOn: readyDateFor(earliest, Math.min(week, MAX_CAPACITY_WEEKS - 1)), earliest })
  }
  return estimates
}

export const readyKey = (l: { productId: string; variantId: string | null }) => `${l.productId}:${l.variantId ?? ''}`

/** The counter of a made-to-order product or combination; null when nothing limits it. */
export function capacityRuleOf(product: { id: string; days: number; capacity: number | null }, variant: { id: string; capacity: number | null } | null): CapacityRule | null {
  if (product.days <= 0) return null
  if (variant?.capacity) return { scopeId: variant.id, capacity: variant.capacity, days: product.days }
  if (product.capacity) return { scopeId: product.id, capacity: product.capacity, days: product.days }
  return null
}

/**
 * The producer's order book: per week from this one on, the pieces promised and the orders they
 * belong to (cancelled orders gave theirs back). Weeks of the shop's counters only.
 */
export async function getOrderBook(db: DbOrTx, shopId: string, today: string) {
  const rows = await db
    .select({
      weekStart: capacityTakes.weekStart,
      orderId: orders.id,
      number: orders.number,
      status: orders.status,
      readyOn: orders.readyOn,
      pieces: sql<number>`sum(${capacityTakes.quantity})::int`,
    })
    .from(capacityTakes)
    .innerJoin(orders, eq(orders.id, capacityTakes.orderId))
    .where(and(eq(capacityTakes.shopId, shopId), gte(capacityTakes.weekStart, weekStartOf(today)), ne(orders.status, 'cancelled')))
    .groupBy(capacityTakes.weekStart, orders.id)
    .orderBy(asc(capacityTakes.weekStart), asc(orders.number))
  const weeks: { weekStart: string; pieces: number; orders: { id: string; number: string; status: string; readyOn: string | null; pieces: number }[] }[] = []
  for (const row of rows) {
    let week = weeks.at(-1)
    if (!week || week.weekStart !== row.weekStart) weeks.push((week = { weekStart: row.weekStart, pieces: 0, orders: [] }))
    week.pieces += row.pieces
    week.orders.push({ id: row.orderId, number: row.number, status: row.status, readyOn: row.readyOn, pieces: row.pieces })
  }
  return weeks
}
