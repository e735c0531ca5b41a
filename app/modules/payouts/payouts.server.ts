import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { ledgerEntries, payouts, shops, users } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { addNotice } from '~/modules/notifications/notices.server'
import { csvDinars, toCsv } from '~/utils/csv'
import { algeriaTimestamp } from '~/utils/dates'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'
import { getBalances, lockShop } from './ledger.server'

export type PayoutStatus = (typeof payouts.$inferSelect)['status']

export class NoPayoutAccountError extends Error {}
export class PayoutAlreadyRequestedError extends Error {}
export class BalanceTooLowError extends Error {
  constructor(readonly available: number, readonly minimum: number) {
    super(`available ${available} below minimum ${minimum}`)
  }
}
export class PayoutNotOpenError extends Error {}

/**
 * The producer asks for their whole available balance. The shop's row is locked first, so two
 * requests at once run one after the other: the second sees the first one's reservation (and the
 * one-open-request index) and is refused. The account is copied from the shop as it is now.
 */
export async function requestPayout(db: DbOrTx, input: { shopId: string; userId: string; minimum: number; siteUrl: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const shop = await lockShop(tx, input.shopId)
    if (!shop.payoutMethod || !shop.payoutAccount || !shop.payoutHolderName) throw new NoPayoutAccountError()
    const [open] = await tx
      .select({ id: payouts.id })
      .from(payouts)
      .where(and(eq(payouts.shopId, shop.id), eq(payouts.status, 'requested')))
    if (open) throw new PayoutAlreadyRequestedError()
    const { available } = await getBalances(tx, shop.id, input.now)
    if (available <= 0 || available < input.minimum) throw new BalanceTooLowError(available, input.minimum)
    const [payout] = await tx
      .insert(payouts)
      .values({
        shopId: shop.id,
        amount: available,
        method: shop.payoutMethod,
        account: shop.payoutAccount,
        holderName: shop.payoutHolderName,
        requestedBy: input.userId,
      })
      .returning()
    await tellProducer(tx, { ownerId: shop.ownerId, shopName: shop.name, payout: payout!, siteUrl: input.siteUrl })
    return payout!
  })
}

export type PayoutRow = typeof payouts.$inferSelect & { shopName: string; shopSlug: string }

const payoutColumns = {
  id: payouts.id,
  shopId: payouts.shopId,
  amount: payouts.amount,
  status: payouts.status,
  method: payouts.method,
  account: payouts.account,
  holderName: payouts.holderName,
  requestedBy: payouts.requestedBy,
  exportedAt: payouts.exportedAt,
  reference: payouts.reference,
  failureReason: payouts.failureReason,
  processedBy: payouts.processedBy,
  processedAt: payouts.processedAt,
  createdAt: payouts.createdAt,
  updatedAt: payouts.updatedAt,
  shopName: shops.name,
  shopSlug: shops.slug,
}

/** Payouts for the admin: open requests oldest first (the order they are paid in), others newest first. */
export async function listPayouts(db: DbOrTx, { status, limit = 200 }: { status?: PayoutStatus; limit?: number } = {}): Promise<PayoutRow[]> {
  return db
    .select(payoutColumns)
    .from(payouts)
    .innerJoin(shops, eq(shops.id, payouts.shopId))
    .where(status ? eq(payouts.status, status) : undefined)
    .orderBy(status === 'requested' ? asc(payouts.createdAt) : desc(payouts.createdAt), asc(payouts.id))
    .limit(limit)
}

export async function listShopPayouts(db: DbOrTx, shopId: string, limit = 50) {
  return db
    .select(payoutColumns)
    .from(payouts)
    .innerJoin(shops, eq(shops.id, payouts.shopId))
    .where(eq(payouts.shopId, shopId))
    .orderBy(desc(payouts.createdAt))
    .limit(limit)
}

/**
 * Every open request as the transfer file for the bank or Algérie Poste: one line per shop, with
 * the holder and account the producer gave. The rows are stamped as exported (the admin sees which
 * were already sent), and stay `requested` until marked paid or failed one by one.
 */
export async function exportPayoutBatch(
  db: DbOrTx,
  input: {
    adminId: string
    language: Language
    labels: Record<'shop' | 'holder' | 'method' | 'account' | 'amount' | 'amountCentimes' | 'requestedAt' | 'id', string>
    now?: Date
  }
) {
  const now = input.now ?? new Date()
  return db.transaction(async (tx) => {
    const rows = await tx
      .select(payoutColumns)
      .from(payouts)
      .innerJoin(shops, eq(shops.id, payouts.shopId))
      .where(eq(payouts.status, 'requested'))
      .orderBy(asc(payouts.createdAt), asc(payouts.id))
      .for('update', { of: payouts })
    if (rows.length) {
      await tx
        .update(payouts)
        .set({ exportedAt: now })
        .where(
          inArray(
            payouts.id,
            rows.map((r) => r.id)
          )
        )
      await writeAudit(tx, {
        actorId: input.adminId,
        action: 'payout.export',
        targetType: 'payout_batch',
        targetId: rows[0]!.id,
        details: { count: rows.length, total: rows.reduce((s, r) => s + r.amount, 0), payoutIds: rows.map((r) => r.id) },
      })
    }
    const l = input.labels
    const csv = toCsv(
      [l.shop, l.holder, l.method, l.account, l.amount, l.amountCentimes, l.requestedAt, l.id],
      rows.map((r) => [r.shopName, r.holderName, r.method.toUpperCase(), r.account, csvDinars(r.amount), r.amount, algeriaTimestamp(r.createdAt), r.id])
    )
    return { csv, count: rows.length, total: rows.reduce((s, r) => s + r.amount, 0) }
  })
}

/** The transfer went through: the payout entry is written and the producer told, with the audit row, at once. */
export async function markPayoutPaid(
  db: DbOrTx,
  input: { payoutId: string; adminId: string; reference: string; ip?: string | null; siteUrl: string; now?: Date }
) {
  const reference = input.reference.trim()
  if (!reference) throw new RangeError('reference required')
  return decide(db, input, 'paid', { reference }, async (tx, payout) => {
    await tx.insert(ledgerEntries).values({
      shopId: payout.shopId,
      payoutId: payout.id,
      kind: 'payout',
      amount: -payout.amount,
      ...(input.now ? { createdAt: input.now, availableAt: input.now } : {}),
    })
  })
}

/** The transfer bounced: the amount is available again (no entry was ever written for it). */
export async function markPayoutFailed(
  db: DbOrTx,
  input: { payoutId: string; adminId: string; reason: string; ip?: string | null; siteUrl: string; now?: Date }
) {
  const reason = input.reason.trim()
  if (!reason) throw new RangeError('reason required')
  return decide(db, input, 'failed', { failureReason: reason })
}

async function decide(
  db: DbOrTx,
  input: { payoutId: string; adminId: string; ip?: string | null; siteUrl: string; now?: Date },
  status: 'paid' | 'failed',
  fields: { reference?: string; failureReason?: string },
  effect?: (tx: DbOrTx, payout: typeof payouts.$inferSelect) => Promise<void>
) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ shopId: payouts.shopId }).from(payouts).where(eq(payouts.id, input.payoutId))
    if (!current) throw new PayoutNotOpenError()
    const shop = await lockShop(tx, current.shopId)
    const [payout] = await tx
      .update(payouts)
      .set({ status, ...fields, processedBy: input.adminId, processedAt: input.now ?? new Date() })
      .where(and(eq(payouts.id, input.payoutId), eq(payouts.status, 'requested')))
      .returning()
    if (!payout) throw new PayoutNotOpenError()
    await effect?.(tx, payout)
    await writeAudit(tx, {
      actorId: input.adminId,
      action: `payout.${status}`,
      targetType: 'payout',
      targetId: payout.id,
      reason: fields.failureReason ?? null,
      ip: input.ip ?? null,
      details: { shopName: shop.name, shopId: shop.id, amount: payout.amount, reference: fields.reference ?? null },
    })
    await tellProducer(tx, { ownerId: shop.ownerId, shopName: shop.name, payout, siteUrl: input.siteUrl })
    return payout
  })
}

async function tellProducer(
  tx: DbOrTx,
  { ownerId, shopName, payout, siteUrl }: { ownerId: string; shopName: string; payout: typeof payouts.$inferSelect; siteUrl: string }
) {
  const [owner] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, ownerId))
  if (!owner) return
  // Notices are rendered from their stored values: the amount is written in the producer's language now.
  await addNotice(tx, ownerId, `payout_${payout.status}`, {
    amount: formatDzd(payout.amount, owner.locale as Language),
    shopName,
    reference: payout.reference,
    reason: payout.failureReason,
  })
  await enqueueEmail(tx, {
    to: owner.email,
    kind: 'payout_status',
    language: owner.locale as Language,
    data: {
      name: owner.name,
      shopName,
      status: payout.status,
      amount: payout.amount,
      method: payout.method,
      account: payout.account,
      reference: payout.reference,
      reason: payout.failureReason,
      url: `${siteUrl.replace(/\/+$/, '')}/dashboard/payouts`,
    },
  })
}

/** Platform-wide figures for the admin page and the invariant tests. */
export async function platformTotals(db: DbOrTx) {
  const [row] = await db
    .select({
      commission: sql<string>`coalesce(-sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = 'commission'), 0)`,
      owed: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)`,
    })
    .from(ledgerEntries)
  return { commission: Number(row?.commission ?? 0), owed: Number(row?.owed ?? 0) }
}
