import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { ledgerEntries, orders, payments, payouts, shops } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'

// The shop ledger: append-only entries whose sum is what the platform owes a shop. Written only
// here, always in the caller's transaction and after locking the shop's row, so a payout request
// (which locks it too) never checks a balance that another transaction is changing.

export type LedgerEntryKind = (typeof ledgerEntries.$inferSelect)['kind']

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Locks the shop's row until the transaction ends. `NO KEY UPDATE`: enough to serialise money
 * changes of one shop, while checkouts inserting orders for it (foreign-key checks) never wait.
 */
export async function lockShop(tx: DbOrTx, shopId: string) {
  const [shop] = await tx
    .select({
      id: shops.id,
      name: shops.name,
      ownerId: shops.ownerId,
      payoutMethod: shops.payoutMethod,
      payoutAccount: shops.payoutAccount,
      payoutHolderName: shops.payoutHolderName,
    })
    .from(shops)
    .where(eq(shops.id, shopId))
    .for('no key update')
  if (!shop) throw new Error(`shop ${shopId} not found`)
  return shop
}

type OrderMoney = { id: string; shopId: string; subtotal: number; shippingFee: number; commission: number }

/**
 * The ledger's side of an order status change, in the transition's transaction. Delivered: the
 * shop is owed the items and the shipping it did itself (sale), less the commission, available
 * after the hold. Returned or cancelled after a sale: the same amounts reversed, so the order nets
 * to zero; a reversal of money still on hold is dated like the sale, so it never eats into
 * money already available before the sale would have been.
 */
export async function recordOrderStatusInLedger(tx: DbOrTx, order: OrderMoney, to: string, { now = new Date(), holdDays }: { now?: Date; holdDays: number }) {
  if (to === 'delivered') {
    await lockShop(tx, order.shopId)
    const availableAt = new Date(now.getTime() + holdDays * DAY_MS)
    const rows: (typeof ledgerEntries.$inferInsert)[] = [
      { shopId: order.shopId, orderId: order.id, kind: 'sale', amount: order.subtotal + order.shippingFee, availableAt, createdAt: now },
    ]
    if (order.commission) rows.push({ shopId: order.shopId, orderId: order.id, kind: 'commission', amount: -order.commission, availableAt, createdAt: now })
    await tx.insert(ledgerEntries).values(rows)
    return
  }
  if (to !== 'returned' && to !== 'cancelled') return
  const existing = await tx
    .select({ kind: ledgerEntries.kind, total: sql<string>`sum(${ledgerEntries.amount})`, lastAvailable: sql<string>`max(${ledgerEntries.availableAt})` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.orderId, order.id), inArray(ledgerEntries.kind, ['sale', 'commission', 'refund'])))
    .groupBy(ledgerEntries.kind)
  const sum = (kind: LedgerEntryKind) => Number(existing.find((e) => e.kind === kind)?.total ?? 0)
  const netSale = sum('sale') + sum('refund')
  const netCommission = sum('commission')
  if (netSale === 0 && netCommission === 0) return
  await lockShop(tx, order.shopId)
  const saleAvailable = existing.find((e) => e.kind === 'sale')?.lastAvailable
  const saleAt = saleAvailable ? new Date(saleAvailable) : now
  const availableAt = saleAt > now ? saleAt : now
  const rows: (typeof ledgerEntries.$inferInsert)[] = []
  if (netSale) rows.push({ shopId: order.shopId, orderId: order.id, kind: 'refund', amount: -netSale, availableAt, createdAt: now })
  if (netCommission) rows.push({ shopId: order.shopId, orderId: order.id, kind: 'commission', amount: -netCommission, availableAt, createdAt: now })
  await tx.insert(ledgerEntries).values(rows)
}

export type Balances = {
  /** Orders on their way (not yet delivered): what they will bring, net of commission. */
  inProgress: number
  inProgressOrders: number
  /** Delivered, still within the hold period. */
  onHold: number
  /** When the next held amount becomes available. */
  nextRelease: Date | null
  /** May be requested now (entries past their hold, less requested payouts). Negative when a return came after a payout. */
  available: number
  /** Requested, not yet paid or failed. */
  requested: number
  /** Transferred to the producer, all time. */
  paidOut: number
  /** The sum of every entry: what the platform owes the shop now (= onHold + available + requested). */
  balance: number
}

export async function getBalances(db: DbOrTx, shopId: string, now = new Date()): Promise<Balances> {
  const nowIso = now.toISOString()
  // Card money counts as cleared only once the provider has settled it (payments.settled_at, set
  // by the webhook or the nightly reconciliation): until then an order's entries stay on hold.
  const unsettledCard = sql`exists (select 1 from ${orders} o join ${payments} p on p.checkout_id = o.checkout_id and p.status = 'succeeded' where o.id = ${ledgerEntries.orderId} and p.settled_at is null)`
  const [ledger] = await db
    .select({
      balance: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)`,
      onHold: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.availableAt} > ${nowIso}::timestamptz or ${unsettledCard}), 0)`,
      paidOut: sql<string>`coalesce(-sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = 'payout'), 0)`,
      nextRelease: sql<string | null>`min(${ledgerEntries.availableAt}) filter (where ${ledgerEntries.availableAt} > ${nowIso}::timestamptz)`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.shopId, shopId))
  const [open] = await db
    .select({ requested: sql<string>`coalesce(sum(${payouts.amount}), 0)` })
    .from(payouts)
    .where(and(eq(payouts.shopId, shopId), eq(payouts.status, 'requested')))
  const [coming] = await db
    .select({
      net: sql<string>`coalesce(sum(${orders.subtotal} + ${orders.shippingFee} - ${orders.commission}), 0)`,
      n: sql<string>`count(*)`,
    })
    .from(orders)
    .where(and(eq(orders.shopId, shopId), inArray(orders.status, ['pending', 'confirmed', 'shipped'])))
  const balance = Number(ledger?.balance ?? 0)
  const onHold = Number(ledger?.onHold ?? 0)
  const requested = Number(open?.requested ?? 0)
  return {
    inProgress: Number(coming?.net ?? 0),
    inProgressOrders: Number(coming?.n ?? 0),
    onHold,
    nextRelease: ledger?.nextRelease ? new Date(ledger.nextRelease) : null,
    available: balance - onHold - requested,
    requested,
    paidOut: Number(ledger?.paidOut ?? 0),
    balance,
  }
}

export type LedgerEntryRow = {
  id: string
  kind: LedgerEntryKind
  amount: number
  availableAt: Date
  createdAt: Date
  note: string | null
  orderId: string | null
  orderNumber: string | null
  payoutId: string | null
  payoutReference: string | null
}

const entryColumns = {
  id: ledgerEntries.id,
  kind: ledgerEntries.kind,
  amount: ledgerEntries.amount,
  availableAt: ledgerEntries.availableAt,
  createdAt: ledgerEntries.createdAt,
  note: ledgerEntries.note,
  orderId: ledgerEntries.orderId,
  orderNumber: orders.number,
  payoutId: ledgerEntries.payoutId,
  payoutReference: payouts.reference,
}

/** A shop's entries, newest first; `held` keeps only those still on hold at `now`, `released` only those past it. */
export async function listEntries(
  db: DbOrTx,
  shopId: string,
  { limit = 50, held, now = new Date() }: { limit?: number; held?: boolean; now?: Date } = {}
): Promise<LedgerEntryRow[]> {
  return db
    .select(entryColumns)
    .from(ledgerEntries)
    .leftJoin(orders, eq(orders.id, ledgerEntries.orderId))
    .leftJoin(payouts, eq(payouts.id, ledgerEntries.payoutId))
    .where(
      and(eq(ledgerEntries.shopId, shopId), held === undefined ? undefined : held ? gt(ledgerEntries.availableAt, now) : lte(ledgerEntries.availableAt, now))
    )
    .orderBy(desc(ledgerEntries.createdAt), entryKindOrder, desc(ledgerEntries.id))
    .limit(Math.max(1, Math.min(limit, 1000)))
}

export { entryColumns as ledgerEntryColumns }

/** Entries written together (a sale and its commission) read in this order: what was earned, then what was taken. */
export const entryKindOrder = sql`case ${ledgerEntries.kind} when 'sale' then 0 when 'commission' then 1 when 'refund' then 2 when 'adjustment' then 3 else 4 end`

export class AdjustmentForbiddenError extends Error {}
export class AdjustmentReasonRequiredError extends Error {}

/**
 * An admin's correction: a signed amount with a mandatory reason, written with its audit row in
 * one transaction. Moderators cannot move money.
 */
export async function addAdjustment(
  db: DbOrTx,
  input: { shopId: string; amount: number; reason: string; actor: { id: string; role: string }; ip?: string | null; now?: Date }
) {
  if (input.actor.role !== 'admin') throw new AdjustmentForbiddenError()
  const reason = input.reason.trim()
  if (!reason) throw new AdjustmentReasonRequiredError()
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) throw new RangeError('adjustment amount must be a non-zero whole number of centimes')
  return db.transaction(async (tx) => {
    const shop = await lockShop(tx, input.shopId)
    const [entry] = await tx
      .insert(ledgerEntries)
      .values({
        shopId: shop.id,
        kind: 'adjustment',
        amount: input.amount,
        note: reason,
        createdBy: input.actor.id,
        ...(input.now ? { createdAt: input.now, availableAt: input.now } : {}),
      })
      .returning({ id: ledgerEntries.id })
    await writeAudit(tx, {
      actorId: input.actor.id,
      action: 'ledger.adjustment',
      targetType: 'shop',
      targetId: shop.id,
      reason,
      ip: input.ip ?? null,
      details: { shopName: shop.name, amount: input.amount, entryId: entry!.id },
    })
    return entry!.id
  })
}
