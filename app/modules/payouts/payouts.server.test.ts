import { createId } from '@paralleldrive/cuid2'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DbConnection } from '#db/client'
import { auditLog, ledgerEntries, orderItems, orders, outbox, payouts } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { convertCartToOrders } from '~/modules/orders/checkout.server'
import { transitionOrder, type OrderActor } from '~/modules/orders/lifecycle.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { testServerUrl, withDatabase } from '../../../tests/support/postgres-url'
import { getCommissionRates, setCommissionRate } from './commission.server'
import { AdjustmentForbiddenError, AdjustmentReasonRequiredError, addAdjustment, getBalances } from './ledger.server'
import {
  BalanceTooLowError,
  PayoutAlreadyRequestedError,
  PayoutNotOpenError,
  exportPayoutBatch,
  markPayoutFailed,
  markPayoutPaid,
  platformTotals,
  requestPayout,
} from './payouts.server'
import { algeriaMonth } from '~/utils/dates'
import { getStatement } from './statement.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const siteUrl = 'http://localhost:3000'
const DAY = 24 * 60 * 60 * 1000
const labels = {
  shop: 'shop',
  holder: 'holder',
  method: 'method',
  account: 'account',
  amount: 'amount',
  amountCentimes: 'centimes',
  requestedAt: 'at',
  id: 'id',
}

async function shopWithAccount() {
  return createShop(t.db, { payoutMethod: 'ccp', payoutAccount: '0012345678 90', payoutHolderName: 'Souad Meziane' })
}

/** A cash-on-delivery order of `quantity` × 1,500 DA for this shop, walked to `delivered` with the given hold. */
async function deliveredOrder(
  shop: { id: string; ownerId: string },
  { quantity = 2, holdDays = 0, category = categoryId, commissionBps = 1000, categoryBps = {} as Record<string, number> } = {}
) {
  const product = await createProduct(t.db, { shopId: shop.id, categoryId: category, stock: 50 })
  const buyer = await createUser(t.db)
  await addToCart(t.db, { userId: buyer.id }, product.id, quantity)
  const placed = await convertCartToOrders(t.db, {
    buyerId: buyer.id,
    idempotencyKey: createId(),
    paymentMethod: 'cod',
    deliveryMode: 'home',
    address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
    commissionBps,
    categoryBps,
    siteUrl,
  })
  const orderId = placed.orders[0]!.id
  const producer: OrderActor = { kind: 'producer', userId: shop.ownerId }
  for (const to of ['confirmed', 'shipped', 'delivered'] as const) await transitionOrder(t.db, { orderId, to, actor: producer, siteUrl, holdDays })
  const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId))
  return { order: order!, producer }
}

const sumOf = async (shopId: string) =>
  Number(
    (
      await t.db
        .select({ s: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.shopId, shopId))
    )[0]!.s
  )

describe('ledger', () => {
  it('a delivery writes a sale (items + shipping) and a commission entry in its transaction; the balance is the sum of the entries', async () => {
    const shop = await shopWithAccount()
    const { order } = await deliveredOrder(shop)
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, order.id))
    expect(entries.map((e) => [e.kind, e.amount]).sort()).toEqual(
      [
        ['commission', -order.commission],
        ['sale', order.subtotal + order.shippingFee],
      ].sort()
    )
    expect(order.commission).toBe(30_000) // 10 % of 3,000 DA
    const balances = await getBalances(t.db, shop.id)
    expect(balances.balance).toBe(await sumOf(shop.id))
    expect(balances.available).toBe(order.subtotal + order.shippingFee - order.commission)
  })

  it('orders not yet delivered are in progress and write nothing', async () => {
    const shop = await shopWithAccount()
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    const placed = await convertCartToOrders(t.db, {
      buyerId: buyer.id,
      idempotencyKey: createId(),
      paymentMethod: 'cod',
      deliveryMode: 'home',
      address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
      commissionBps: 1000,
      siteUrl,
    })
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orders[0]!.id))
    const balances = await getBalances(t.db, shop.id)
    expect(balances).toMatchObject({ inProgress: order!.total - order!.commission, inProgressOrders: 1, balance: 0, available: 0 })
  })

  it('the hold period is respected: on hold until it ends, then available', async () => {
    const shop = await shopWithAccount()
    const { order } = await deliveredOrder(shop, { holdDays: 7 })
    const net = order.subtotal + order.shippingFee - order.commission
    const now = new Date()
    expect(await getBalances(t.db, shop.id, now)).toMatchObject({ onHold: net, available: 0, balance: net })
    await expect(requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl })).rejects.toBeInstanceOf(BalanceTooLowError)
    expect(await getBalances(t.db, shop.id, new Date(now.getTime() + 6 * DAY))).toMatchObject({ onHold: net, available: 0 })
    expect(await getBalances(t.db, shop.id, new Date(now.getTime() + 7 * DAY + 60_000))).toMatchObject({ onHold: 0, available: net })
    const payout = await requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl, now: new Date(now.getTime() + 8 * DAY) })
    expect(payout.amount).toBe(net)
  })

  it('a delivered-then-returned order nets to zero, on hold or not', async () => {
    for (const holdDays of [0, 7]) {
      const shop = await shopWithAccount()
      const { order, producer } = await deliveredOrder(shop, { holdDays })
      await transitionOrder(t.db, { orderId: order.id, to: 'returned', actor: producer, note: 'الطرد تضرّر', siteUrl, holdDays })
      const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, order.id))
      expect(entries.map((e) => e.kind).sort()).toEqual(['commission', 'commission', 'refund', 'sale'])
      expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(0)
      expect(await getBalances(t.db, shop.id)).toMatchObject({ balance: 0, available: 0, onHold: 0 })
    }
  })

  it('entries can never be updated or deleted', async () => {
    const shop = await shopWithAccount()
    const { order } = await deliveredOrder(shop)
    await expect(t.db.update(ledgerEntries).set({ amount: 1 }).where(eq(ledgerEntries.orderId, order.id))).rejects.toThrow()
    await expect(t.db.delete(ledgerEntries).where(eq(ledgerEntries.orderId, order.id))).rejects.toThrow()
    expect(await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, order.id))).toHaveLength(2)
  })

  it('the platform’s commission is the sum of the commission entries, and the orders agree with the ledger to the centime', async () => {
    const shop = await shopWithAccount()
    await deliveredOrder(shop, { quantity: 3 })
    const { order: returned, producer } = await deliveredOrder(shop, { quantity: 1 })
    await transitionOrder(t.db, { orderId: returned.id, to: 'returned', actor: producer, note: 'retour', siteUrl })
    const [fromOrders] = await t.db
      .select({ net: sql<string>`sum(${orders.subtotal} + ${orders.shippingFee} - ${orders.commission})`, commission: sql<string>`sum(${orders.commission})` })
      .from(orders)
      .where(and(eq(orders.shopId, shop.id), eq(orders.status, 'delivered')))
    expect(await sumOf(shop.id)).toBe(Number(fromOrders!.net))
    const [commissionEntries] = await t.db
      .select({ s: sql<string>`-sum(${ledgerEntries.amount})` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.shopId, shop.id), eq(ledgerEntries.kind, 'commission')))
    expect(Number(commissionEntries!.s)).toBe(Number(fromOrders!.commission))
    const [all] = await t.db.select({ s: sql<string>`coalesce(sum(${orders.commission}) filter (where ${orders.status} = 'delivered'), 0)` }).from(orders)
    expect((await platformTotals(t.db)).commission).toBe(Number(all!.s))
  })

  it('adjustments need an admin and a reason, and are audit-logged', async () => {
    const shop = await shopWithAccount()
    const admin = await createUser(t.db, { role: 'admin' })
    const moderator = await createUser(t.db, { role: 'moderator' })
    await expect(addAdjustment(t.db, { shopId: shop.id, amount: 50_000, reason: 'geste', actor: moderator })).rejects.toBeInstanceOf(AdjustmentForbiddenError)
    await expect(addAdjustment(t.db, { shopId: shop.id, amount: 50_000, reason: '   ', actor: admin })).rejects.toBeInstanceOf(AdjustmentReasonRequiredError)
    expect(await sumOf(shop.id)).toBe(0)
    await addAdjustment(t.db, { shopId: shop.id, amount: 50_000, reason: 'Frais de port remboursés par Yalidine', actor: admin, ip: '10.0.0.1' })
    expect(await sumOf(shop.id)).toBe(50_000)
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, shop.id), eq(auditLog.action, 'ledger.adjustment')))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: admin.id, reason: 'Frais de port remboursés par Yalidine' })
    // The database refuses an adjustment without its reason even if code forgot to check.
    await expect(t.db.insert(ledgerEntries).values({ shopId: shop.id, kind: 'adjustment', amount: 1 })).rejects.toThrow()
  })
})

describe('commission', () => {
  it('a category rate applies per line; the order keeps the rates used, and a later change rewrites nothing', async () => {
    const admin = await createUser(t.db, { role: 'admin' })
    const honey = await createCategory(t.db)
    const shop = await shopWithAccount()
    await setCommissionRate(t.db, { categoryId: honey.id, bps: 500, actorId: admin.id, fallbackBps: 1000 })
    const rates = await getCommissionRates(t.db, 1000)
    expect(rates).toMatchObject({ defaultBps: 1000, byCategory: { [honey.id]: 500 } })

    const a = await createProduct(t.db, { shopId: shop.id, categoryId: honey.id, stock: 5, price: 200_000 })
    const b = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5, price: 100_000 })
    const buyer = await createUser(t.db)
    await addToCart(t.db, { userId: buyer.id }, a.id, 1)
    await addToCart(t.db, { userId: buyer.id }, b.id, 1)
    const placed = await convertCartToOrders(t.db, {
      buyerId: buyer.id,
      idempotencyKey: createId(),
      paymentMethod: 'cod',
      deliveryMode: 'home',
      address: { fullName: 'سليمة', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت' },
      commissionBps: rates.defaultBps,
      categoryBps: rates.byCategory,
      siteUrl,
    })
    const orderId = placed.orders[0]!.id
    const lines = await t.db.select().from(orderItems).where(eq(orderItems.orderId, orderId))
    expect(lines.map((l) => [l.commissionBps, l.commission]).sort()).toEqual([
      [1000, 10_000],
      [500, 10_000],
    ])
    const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId))
    expect(order).toMatchObject({ commission: 20_000, commissionBps: 667 })

    await setCommissionRate(t.db, { categoryId: null, bps: 1500, actorId: admin.id, fallbackBps: 1000 })
    expect((await getCommissionRates(t.db, 1000)).defaultBps).toBe(1500)
    const [after] = await t.db.select().from(orders).where(eq(orders.id, orderId))
    expect(after).toMatchObject({ commission: 20_000, commissionBps: 667 })
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'commission.update'))).toHaveLength(2)
    await setCommissionRate(t.db, { categoryId: null, bps: 1000, actorId: admin.id, fallbackBps: 1000 })
  })
})

describe('payouts', () => {
  it('request → export → paid: the payout entry is written, the producer emailed at each step, the batch CSV lists shop, holder, account and amount', async () => {
    const shop = await shopWithAccount()
    const admin = await createUser(t.db, { role: 'admin' })
    const { order } = await deliveredOrder(shop)
    const net = order.subtotal + order.shippingFee - order.commission
    const payout = await requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 100_000, siteUrl })
    expect(payout).toMatchObject({ amount: net, status: 'requested', method: 'ccp', account: '0012345678 90' })
    expect(await getBalances(t.db, shop.id)).toMatchObject({ available: 0, requested: net, balance: net })
    await expect(requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl })).rejects.toBeInstanceOf(PayoutAlreadyRequestedError)

    const batch = await exportPayoutBatch(t.db, { adminId: admin.id, language: 'fr', labels })
    expect(batch.csv.startsWith('\uFEFFshop,holder,method,account,amount,centimes,at,id\r\n')).toBe(true)
    expect(batch.csv).toContain(`Souad Meziane,CCP,0012345678 90,${(net / 100).toFixed(2)},${net},`)

    await markPayoutPaid(t.db, { payoutId: payout.id, adminId: admin.id, reference: 'AP-778812', siteUrl })
    await expect(markPayoutPaid(t.db, { payoutId: payout.id, adminId: admin.id, reference: 'again', siteUrl })).rejects.toBeInstanceOf(PayoutNotOpenError)
    expect(await getBalances(t.db, shop.id)).toMatchObject({ available: 0, requested: 0, paidOut: net, balance: 0 })
    const [entry] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.payoutId, payout.id))
    expect(entry).toMatchObject({ kind: 'payout', amount: -net })
    const mails = await t.db.select({ subject: outbox.subject }).from(outbox).where(eq(outbox.kind, 'payout_status'))
    expect(mails.length).toBeGreaterThanOrEqual(2)
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, payout.id), eq(auditLog.action, 'payout.paid')))
    ).toHaveLength(1)

    const statement = (await getStatement(t.db, shop.id, algeriaMonth(new Date())))!
    expect(statement).toMatchObject({
      opening: 0,
      sales: order.subtotal + order.shippingFee,
      commission: -order.commission,
      refunds: 0,
      payouts: -net,
      closing: 0,
    })
    expect(statement.opening + statement.sales + statement.commission + statement.refunds + statement.payouts + statement.adjustments).toBe(statement.closing)
  })

  it('a failed payout restores the available balance and writes no entry', async () => {
    const shop = await shopWithAccount()
    const admin = await createUser(t.db, { role: 'admin' })
    const { order } = await deliveredOrder(shop)
    const net = order.subtotal + order.shippingFee - order.commission
    const payout = await requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl })
    expect((await getBalances(t.db, shop.id)).available).toBe(0)
    await markPayoutFailed(t.db, { payoutId: payout.id, adminId: admin.id, reason: 'Compte CCP clôturé', siteUrl })
    expect(await getBalances(t.db, shop.id)).toMatchObject({ available: net, requested: 0, paidOut: 0 })
    expect(await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.payoutId, payout.id))).toHaveLength(0)
    expect((await t.db.select().from(payouts).where(eq(payouts.id, payout.id)))[0]).toMatchObject({ status: 'failed', failureReason: 'Compte CCP clôturé' })
    // And it can be asked for again.
    expect((await requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl })).amount).toBe(net)
  })

  it('below the minimum, or with nothing available, a request is refused and changes nothing', async () => {
    const shop = await shopWithAccount()
    await expect(requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl })).rejects.toBeInstanceOf(BalanceTooLowError)
    await deliveredOrder(shop, { quantity: 1 })
    await expect(requestPayout(t.db, { shopId: shop.id, userId: shop.ownerId, minimum: 10_000_000, siteUrl })).rejects.toBeInstanceOf(BalanceTooLowError)
    expect(await t.db.select().from(payouts).where(eq(payouts.shopId, shop.id))).toHaveLength(0)
  })
})

describe('payouts under concurrency', () => {
  let pool: DbConnection
  beforeAll(async () => {
    // On a PostgreSQL server, enough connections for the requests to really overlap; PGlite has one.
    const server = testServerUrl()
    pool = server ? await connect({ url: withDatabase(server, t.name), max: 20 }) : t
  })
  afterAll(async () => {
    if (pool !== t) await pool.close()
  })

  it('two (and twenty) simultaneous requests for the whole balance: exactly one succeeds, the rest are refused', async () => {
    for (const racers of [2, 20]) {
      const shop = await shopWithAccount()
      const { order } = await deliveredOrder(shop)
      const net = order.subtotal + order.shippingFee - order.commission
      const results = await Promise.allSettled(
        Array.from({ length: racers }, () => requestPayout(pool.db, { shopId: shop.id, userId: shop.ownerId, minimum: 0, siteUrl }))
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(refused.every((r) => r.reason instanceof PayoutAlreadyRequestedError || r.reason instanceof BalanceTooLowError)).toBe(true)
      const rows = await t.db.select().from(payouts).where(eq(payouts.shopId, shop.id))
      expect(rows).toHaveLength(1)
      expect(rows[0]!.amount).toBe(net)
      expect((await getBalances(t.db, shop.id)).available).toBe(0)
    }
  }, 60_000)
})
