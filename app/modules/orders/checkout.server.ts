import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { categories, checkouts, orderEvents, orderItems, orders, products, shops, stockMovements, users } from '#db/schema'
import { listCartLines, removeCartLines, type CartLine } from '~/modules/cart/cart.server'
import { getCommune } from '~/modules/geo/geo.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { rateForCategory } from '~/modules/payouts/commission.server'
import { quoteShipping, type ShippingQuote } from '~/modules/shops/shipping.server'
import type { Language } from '~/utils/i18n'

export type DeliveryMode = 'home' | 'desk'
export type PaymentMethod = 'cod' | 'card'

export type ShippingAddress = {
  fullName: string
  /** E.164 (+213…). */
  phone: string
  communeCode: string
  street: string
}

export type CheckoutRequest = {
  buyerId: string
  /** From the review form: the same key twice is the same checkout. */
  idempotencyKey: string
  paymentMethod: PaymentMethod
  deliveryMode: DeliveryMode
  address: ShippingAddress
  /** The platform's commission rate (basis points). */
  commissionBps: number
  /** Per-category rates (category id → basis points) that replace it on the lines of that category or its subcategories. */
  categoryBps?: Record<string, number>
  siteUrl: string
}

export type PlacedCheckout = { checkoutId: string; orders: { id: string; number: string; shopId: string; total: number }[]; replayed: boolean }

export class EmptyCartError extends Error {}
export class InvalidAddressError extends Error {}
/** Lines that can no longer be ordered as asked; nothing was written. */
export class CartChangedError extends Error {
  constructor(readonly products: { productId: string; title: string; available: number }[]) {
    super(`Not enough stock for ${products.map((p) => p.productId).join(', ')}`)
  }
}
/** A shop does not deliver to this wilaya in this mode (no stop-desk there). */
export class DeliveryUnavailableError extends Error {
  constructor(readonly shopIds: string[]) {
    super('Delivery mode unavailable')
  }
}
export class IdempotencyKeyReusedError extends Error {}

/** Commission on the items only (shipping goes to the carrier), rounded to the centime. */
export function commissionOn(subtotal: number, bps: number) {
  return Math.round((subtotal * bps) / 10_000)
}

export function feeFor(quote: ShippingQuote, mode: DeliveryMode) {
  return mode === 'home' ? quote.homeFee : quote.deskFee
}

export const formatOrderNumber = (n: number) => `TSQ-${String(n).padStart(6, '0')}`

/** Groups cart lines by shop, in the order the shops first appear. */
export function groupByShop<T extends { shop: { id: string } }>(lines: T[]) {
  const groups = new Map<string, T[]>()
  for (const line of lines) groups.set(line.shop.id, [...(groups.get(line.shop.id) ?? []), line])
  return [...groups.entries()].map(([shopId, shopLines]) => ({ shopId, lines: shopLines }))
}

class ReplayMarker extends Error {}

/**
 * Turns the buyer's cart into one checkout and one order per shop, all or nothing:
 * stock is taken with a guarded decrement (`stock >= qty`) for every line, so two buyers can never
 * get the same last unit; if any line runs short, the whole transaction rolls back and the error
 * lists the lines. The idempotency key's unique index makes a repeated submit return the first
 * checkout. Card checkouts wait in `awaiting_payment` with their stock reserved.
 */
export async function placeCheckout(db: Db, request: CheckoutRequest): Promise<PlacedCheckout> {
  const commune = getCommune(request.address.communeCode)
  if (!commune) throw new InvalidAddressError('unknown commune')

  const existing = await findCheckoutByKey(db, request.idempotencyKey)
  if (existing) return replay(existing, request.buyerId)

  try {
    return await db.transaction(async (tx) => {
      const [checkout] = await tx
        .insert(checkouts)
        .values({ buyerId: request.buyerId, idempotencyKey: request.idempotencyKey, paymentMethod: request.paymentMethod, total: 0 })
        .onConflictDoNothing({ target: checkouts.idempotencyKey })
        .returning({ id: checkouts.id })
      // Another request with this key committed while we waited on the unique index.
      if (!checkout) throw new ReplayMarker()

      const lines = await listCartLines(tx, { userId: request.buyerId })
      if (!lines.length) throw new EmptyCartError()

      const taken = await takeStock(tx, lines)
      const groups = groupByShop(taken)
      const quotes = await quoteShipping(
        tx,
        groups.map((g) => g.shopId),
        commune.wilayaCode
      )
      const noDelivery = groups.filter((g) => {
        const quote = quotes.get(g.shopId)
        return !quote || feeFor(quote, request.deliveryMode) === null
      })
      if (noDelivery.length) throw new DeliveryUnavailableError(noDelivery.map((g) => g.shopId))

      const lineRate = await lineRates(tx, taken, request)
      const status = request.paymentMethod === 'card' ? 'awaiting_payment' : 'pending'
      const placed: PlacedCheckout['orders'] = []
      for (const group of groups) {
        const quote = quotes.get(group.shopId)!
        const shippingFee = feeFor(quote, request.deliveryMode)!
        const subtotal = group.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0)
        // Commission per line, at the line's category rate, each rounded to the centime; the order's
        // commission is their sum and its rate the one its lines share (or, when they differ, the
        // blended rate, for display only: the lines keep the exact ones).
        const lineCommissions = group.lines.map((l) => commissionOn(l.unitPrice * l.quantity, lineRate(l)))
        const commission = lineCommissions.reduce((sum, c) => sum + c, 0)
        const rates = new Set(group.lines.map(lineRate))
        const commissionBps = rates.size === 1 ? [...rates][0]! : subtotal ? Math.round((commission * 10_000) / subtotal) : request.commissionBps
        const number = await nextOrderNumber(tx)
        const [order] = await tx
          .insert(orders)
          .values({
            number,
            checkoutId: checkout.id,
            shopId: group.shopId,
            buyerId: request.buyerId,
            status,
            paymentMethod: request.paymentMethod,
            deliveryMode: request.deliveryMode,
            shipName: request.address.fullName,
            shipPhone: request.address.phone,
            shipCommuneCode: commune.code,
            shipWilayaCode: commune.wilayaCode,
            shipStreet: request.address.street,
            subtotal,
            shippingFee,
            commissionBps,
            commission,
            total: subtotal + shippingFee,
            delayDays: quote.delayDays + Math.max(0, ...group.lines.map((l) => l.madeToOrderDays)),
          })
          .returning({ id: orders.id, number: orders.number, total: orders.total })
        if (!order) throw new Error('order insert returned no row')
        await tx.insert(orderItems).values(
          group.lines.map((l) => ({
            orderId: order.id,
            productId: l.productId,
            title: l.title,
            unitPrice: l.unitPrice,
            quantity: l.quantity,
            lineTotal: l.unitPrice * l.quantity,
            commissionBps: lineRate(l),
            commission: lineCommissions[group.lines.indexOf(l)]!,
          }))
        )
        await tx
          .insert(stockMovements)
          .values(group.lines.map((l) => ({ productId: l.productId, orderId: order.id, delta: -l.quantity, reason: 'order' as const })))
        await tx.insert(orderEvents).values({ orderId: order.id, fromStatus: null, toStatus: status, actorId: request.buyerId })
        placed.push({ id: order.id, number: order.number, shopId: group.shopId, total: order.total })
      }

      const total = placed.reduce((sum, o) => sum + o.total, 0)
      await tx.update(checkouts).set({ total }).where(eq(checkouts.id, checkout.id))
      await removeCartLines(
        tx,
        request.buyerId,
        taken.map((l) => l.productId)
      )
      // Card orders are announced once paid; cash-on-delivery ones now.
      if (request.paymentMethod === 'cod') await announceOrders(tx, placed, request.siteUrl)
      return { checkoutId: checkout.id, orders: placed, replayed: false }
    })
  } catch (error) {
    if (!(error instanceof ReplayMarker)) throw error
    const winner = await findCheckoutByKey(db, request.idempotencyKey)
    if (!winner) throw new Error('checkout vanished after an idempotency conflict')
    return replay(winner, request.buyerId)
  }
}

type TakenLine = CartLine & { madeToOrderDays: number; categoryId: string | null }

/**
 * Decrements every line's stock, products in id order so that two checkouts sharing products
 * lock them in the same order (no deadlock). Prices and titles come from the same statement, so
 * the order records exactly what was sold at that instant.
 */
async function takeStock(tx: DbOrTx, lines: CartLine[]): Promise<TakenLine[]> {
  const short: { productId: string; title: string; available: number }[] = []
  const taken: TakenLine[] = []
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    const [row] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}` })
      .where(
        and(
          eq(products.id, line.productId),
          eq(products.status, 'active'),
          sql`${products.stock} >= ${line.quantity}`,
          sql`exists (select 1 from ${shops} where ${shops.id} = ${products.shopId} and ${shops.status} = 'approved')`
        )
      )
      .returning({ price: products.price, title: products.title, madeToOrderDays: products.madeToOrderDays, categoryId: products.categoryId })
    if (!row) short.push({ productId: line.productId, title: line.title, available: line.available ? line.stock : 0 })
    else taken.push({ ...line, unitPrice: row.price, title: row.title, madeToOrderDays: row.madeToOrderDays, categoryId: row.categoryId })
  }
  // Throwing rolls back the decrements already made for the other lines.
  if (short.length) throw new CartChangedError(short)
  // Back in the cart's order for display.
  return lines.map((l) => taken.find((t) => t.productId === l.productId)!)
}

/** Each taken line's commission rate, from its category (or that category's parent) or the platform's. */
async function lineRates(tx: DbOrTx, lines: TakenLine[], request: Pick<CheckoutRequest, 'commissionBps' | 'categoryBps'>) {
  const byCategory = request.categoryBps ?? {}
  const ids = [...new Set(lines.map((l) => l.categoryId).filter((id): id is string => !!id))]
  const parents = new Map<string, string | null>()
  if (ids.length && Object.keys(byCategory).length) {
    const rows = await tx.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(inArray(categories.id, ids))
    for (const row of rows) parents.set(row.id, row.parentId)
  }
  return (line: TakenLine) =>
    rateForCategory({ defaultBps: request.commissionBps, byCategory }, line.categoryId, line.categoryId ? parents.get(line.categoryId) ?? null : null)
}

async function nextOrderNumber(tx: DbOrTx) {
  const [row] = await tx.select({ n: sql<string>`nextval('order_number_seq')` }).from(sql`(select 1) as one`)
  return formatOrderNumber(Number(row!.n))
}

async function findCheckoutByKey(db: DbOrTx, key: string) {
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, key)).limit(1)
  if (!checkout) return null
  const placed = await db
    .select({ id: orders.id, number: orders.number, shopId: orders.shopId, total: orders.total })
    .from(orders)
    .where(eq(orders.checkoutId, checkout.id))
    .orderBy(asc(orders.number))
  return { checkout, orders: placed }
}

function replay(found: NonNullable<Awaited<ReturnType<typeof findCheckoutByKey>>>, buyerId: string): PlacedCheckout {
  // A key is a secret of the form that made it; another account presenting it gets nothing.
  if (found.checkout.buyerId !== buyerId) throw new IdempotencyKeyReusedError()
  return { checkoutId: found.checkout.id, orders: found.orders, replayed: true }
}

/** Emails the buyer (all their orders) and each producer (their order), in the caller's transaction. */
export async function announceOrders(tx: DbOrTx, placed: PlacedCheckout['orders'], siteUrl: string) {
  if (!placed.length) return
  const base = siteUrl.replace(/\/+$/, '')
  const rows = await tx
    .select({
      orderId: orders.id,
      number: orders.number,
      total: orders.total,
      paymentMethod: orders.paymentMethod,
      buyerEmail: users.email,
      buyerName: users.name,
      buyerLocale: users.locale,
      shopName: shops.name,
      ownerId: shops.ownerId,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.buyerId))
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(
      inArray(
        orders.id,
        placed.map((p) => p.id)
      )
    )
    .orderBy(asc(orders.number))
  const first = rows[0]!
  await enqueueEmail(tx, {
    to: first.buyerEmail,
    kind: 'order_placed',
    language: first.buyerLocale as Language,
    data: {
      name: first.buyerName,
      orders: rows.map((r) => ({ number: r.number, shopName: r.shopName, total: r.total })),
      paymentMethod: first.paymentMethod,
      url: `${base}/account/orders`,
    },
  })
  const owners = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(
      inArray(
        users.id,
        rows.map((r) => r.ownerId)
      )
    )
  for (const row of rows) {
    const owner = owners.find((o) => o.id === row.ownerId)!
    await enqueueEmail(tx, {
      to: owner.email,
      kind: 'order_received',
      language: owner.locale as Language,
      data: { name: owner.name, number: row.number, total: row.total, paymentMethod: row.paymentMethod, url: `${base}/dashboard/orders/${row.orderId}` },
    })
  }
}

/** What law 18-05 has the buyer see before confirming: who sells, with which registration numbers. */
export async function listSellerDetails(db: DbOrTx, shopIds: string[]) {
  if (!shopIds.length) return []
  return db
    .select({ id: shops.id, name: shops.name, artisanCardNumber: shops.artisanCardNumber, tradeRegisterNumber: shops.tradeRegisterNumber, nif: shops.nif })
    .from(shops)
    .where(inArray(shops.id, shopIds))
}

/** A buyer's own checkout with its orders (null for anyone else's id, or an unknown one). */
export async function getCheckoutSummary(db: DbOrTx, checkoutId: string, buyerId: string) {
  const [checkout] = await db
    .select({ id: checkouts.id, paymentMethod: checkouts.paymentMethod, total: checkouts.total })
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.buyerId, buyerId)))
  if (!checkout) return null
  const placed = await db
    .select({ id: orders.id, number: orders.number, total: orders.total, status: orders.status, shopName: shops.name })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.checkoutId, checkout.id))
    .orderBy(asc(orders.number))
  return { ...checkout, orders: placed }
}
