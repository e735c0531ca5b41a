import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { capacityTakes, carts, checkouts, orderEvents, orderItems, orders, products, productVariants, shops, stockMovements, users } from '#db/schema'
import { isInSeason, isWithinBestBefore } from '~/modules/catalog/catalog.server'
import { listCartLines, lockCart, groupByShop, removeCartLines, type CartLine } from '~/modules/cart/cart.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { categoryRateLookup, orderCommission } from '~/modules/payouts/commission.server'
import { feeFor, quoteShipping, type CarrierFeeReader, type DeliveryMode } from '~/modules/shops/shipping.server'
import type { Language } from '~/utils/i18n'
import { algeriaDay } from '~/utils/dates'
import { communeOf, type ShippingAddress } from './addresses.server'
import { addDays } from './capacity'
import { CapacityExhaustedError, capacityRuleOf, takeCapacity, type CapacityTake } from './capacity.server'

export type PaymentMethod = 'cod' | 'card'

/**
 * Everything a cart's conversion needs, already decided: `placeCheckout` (modules/checkout) builds
 * it from the buyer's choices; tests call `convertCartToOrders` with it directly.
 */
export type CartConversion = {
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
  /**
   * Stop-desk orders: the desk of each shop, checked inside the transaction (reads the database
   * only; `placeCheckout` passes the delivery module's check). Omitted: no desk recorded.
   */
  stopDesks?: (tx: DbOrTx, shopIds: string[], wilayaCode: number) => Promise<Map<string, { id: string; name: string }>>
  /** Carrier shops' fees from their carrier's table (cached; `placeCheckout` passes the delivery module's read). Omitted: the shops' own tables. */
  carrierFees?: CarrierFeeReader
  /**
   * The latest ready date the buyer was shown for made-to-order pieces (null: none was shown): a
   * checkout that would promise a later one is refused (`ReadyDateChangedError`). Omitted: not checked.
   */
  acceptedReadyBy?: string | null
  /** Today in Algeria (YYYY-MM-DD); omitted: now. Tests set it. */
  today?: string
}

export type PlacedCheckout = { checkoutId: string; orders: { id: string; number: string; shopId: string; total: number }[]; replayed: boolean }

export class EmptyCartError extends Error {}
/** Lines that can no longer be ordered as asked; nothing was written. */
export class CartChangedError extends Error {
  constructor(readonly products: { productId: string; variantId?: string | null; title: string; available: number }[]) {
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
/**
 * Made-to-order weeks filled up since the buyer's review: the pieces would be ready later than the
 * date she was shown; nothing was written (the review shows the new date).
 */
export class ReadyDateChangedError extends Error {
  constructor(readonly readyOn: string) {
    super(`Ready date moved to ${readyOn}`)
  }
}

export const formatOrderNumber = (n: number) => `TSQ-${String(n).padStart(6, '0')}`

class ReplayMarker extends Error {}

/**
 * Turns the buyer's cart into one checkout and one order per shop, all or nothing, and at most
 * once. The cart's row is locked first, so confirms of one cart (two tabs, two review pages: two
 * idempotency keys) run one after the other; the lines are read under that lock, and a confirm
 * that finds the cart emptied by a checkout and unchanged since gets that checkout back (`replayed`).
 * Stock is taken with a guarded decrement (`stock >= qty`) for every line, so two buyers can never
 * get the same last unit; if any line runs short, the whole transaction rolls back and the error
 * lists the lines. The idempotency key's unique index makes a repeated submit return the first
 * checkout. Card checkouts wait in `awaiting_payment` with their stock reserved.
 */
export async function convertCartToOrders(db: Db, request: CartConversion): Promise<PlacedCheckout> {
  const commune = communeOf(request.address)

  const existing = await findCheckoutByKey(db, request.idempotencyKey)
  if (existing) return replay(existing, request.buyerId)

  try {
    return await db.transaction(async (tx) => {
      const owner = { userId: request.buyerId }
      const cartId = await lockCart(tx, owner)
      const lines = cartId ? await listCartLines(tx, owner) : []
      if (!lines.length) {
        // Nothing written yet: answering with the checkout that emptied the cart is a plain read.
        const previous = cartId ? await findCheckoutThatEmptiedCart(tx, cartId, request.buyerId) : null
        if (previous) return replay(previous, request.buyerId)
        throw new EmptyCartError()
      }

      const [checkout] = await tx
        .insert(checkouts)
        .values({ buyerId: request.buyerId, idempotencyKey: request.idempotencyKey, paymentMethod: request.paymentMethod, total: 0 })
        .onConflictDoNothing({ target: checkouts.idempotencyKey })
        .returning({ id: checkouts.id })
      // Another request with this key committed while we waited on the unique index.
      if (!checkout) throw new ReplayMarker()

      const today = request.today ?? algeriaDay(new Date())
      const taken = await takeStock(tx, lines, today)
      const latestReady = taken.reduce<string | null>((latest, l) => (l.readyOn && (!latest || l.readyOn > latest) ? l.readyOn : latest), null)
      if (request.acceptedReadyBy !== undefined && latestReady && (!request.acceptedReadyBy || latestReady > request.acceptedReadyBy))
        throw new ReadyDateChangedError(latestReady)
      const groups = groupByShop(taken)
      const shopIds = groups.map((g) => g.shopId)
      const quotes = await quoteShipping(tx, shopIds, commune.wilayaCode, request.carrierFees ? await request.carrierFees(tx, shopIds, commune.wilayaCode) : undefined)
      const noDelivery = groups.filter((g) => {
        const quote = quotes.get(g.shopId)
        return !quote || feeFor(quote, request.deliveryMode) === null
      })
      if (noDelivery.length) throw new DeliveryUnavailableError(noDelivery.map((g) => g.shopId))
      const desks =
        request.deliveryMode === 'desk' && request.stopDesks
          ? await request.stopDesks(
              tx,
              groups.map((g) => g.shopId),
              commune.wilayaCode
            )
          : new Map<string, { id: string; name: string }>()

      const rateOf = await categoryRateLookup(
        tx,
        { defaultBps: request.commissionBps, byCategory: request.categoryBps },
        taken.map((l) => l.categoryId)
      )
      const status = request.paymentMethod === 'card' ? 'awaiting_payment' : 'pending'
      const placed: PlacedCheckout['orders'] = []
      for (const group of groups) {
        const quote = quotes.get(group.shopId)!
        const shippingFee = feeFor(quote, request.deliveryMode)!
        const lineRates = group.lines.map((l) => rateOf(l.categoryId))
        const subtotal = group.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0)
        const { lineCommissions, commission, commissionBps } = orderCommission(
          group.lines.map((l, i) => ({ amount: l.unitPrice * l.quantity, bps: lineRates[i]! })),
          request.commissionBps
        )
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
            stopDeskId: desks.get(group.shopId)?.id ?? null,
            stopDeskName: desks.get(group.shopId)?.name ?? null,
            subtotal,
            shippingFee,
            commissionBps,
            commission,
            total: subtotal + shippingFee,
            delayDays: quote.delayDays + Math.max(0, ...group.lines.map((l) => (l.readyOn ? daysBetween(today, l.readyOn) : l.madeToOrderDays))),
            readyOn: group.lines.reduce<string | null>((latest, l) => (l.readyOn && (!latest || l.readyOn > latest) ? l.readyOn : latest), null),
          })
          .returning({ id: orders.id, number: orders.number, total: orders.total })
        if (!order) throw new Error('order insert returned no row')
        const items = await tx
          .insert(orderItems)
          .values(
            group.lines.map((l, i) => ({
              orderId: order.id,
              productId: l.productId,
              variantId: l.variantId,
              variantLabel: l.variantLabel,
              sku: l.sku,
              title: l.title,
              unitPrice: l.unitPrice,
              quantity: l.quantity,
              lineTotal: l.unitPrice * l.quantity,
              commissionBps: lineRates[i]!,
              commission: lineCommissions[i]!,
              readyOn: l.readyOn,
            }))
          )
          .returning({ id: orderItems.id })
        const takes = group.lines.flatMap((l, i) =>
          l.capacityTakes.map((take) => ({ orderId: order.id, orderItemId: items[i]!.id, shopId: group.shopId, scopeId: l.capacityScope!, ...take }))
        )
        if (takes.length) await tx.insert(capacityTakes).values(takes)
        await tx
          .insert(stockMovements)
          .values(group.lines.map((l) => ({ productId: l.productId, variantId: l.variantId, orderId: order.id, delta: -l.quantity, reason: 'order' as const })))
        await tx.insert(orderEvents).values({ orderId: order.id, fromStatus: null, toStatus: status, actorId: request.buyerId })
        placed.push({ id: order.id, number: order.number, shopId: group.shopId, total: order.total })
      }

      const total = placed.reduce((sum, o) => sum + o.total, 0)
      await tx.update(checkouts).set({ total }).where(eq(checkouts.id, checkout.id))
      await removeCartLines(tx, request.buyerId, taken)
      // The cart's last change is this checkout (same transaction time as the checkout's
      // createdAt): how a later confirm of the emptied cart finds it (findCheckoutThatEmptiedCart).
      await tx
        .update(carts)
        .set({ updatedAt: sql`now()` })
        .where(eq(carts.id, cartId!))
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

type TakenLine = CartLine & {
  madeToOrderDays: number
  categoryId: string | null
  /** Made to order: the promised ready date, and the weeks taken from its counter. */
  readyOn: string | null
  capacityScope: string | null
  capacityTakes: CapacityTake[]
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

const lineKey = (l: { productId: string; variantId: string | null }) => `${l.productId}\u0000${l.variantId ?? ''}`

/**
 * Decrements every line's stock, products (then their combinations) in id order so that two
 * checkouts sharing products lock them in the same order (no deadlock). Prices and titles come from
 * the same statements, so the order records exactly what was sold at that instant. A line of a
 * product with options takes its combination's stock with the same guard (`stock >= qty`), after
 * the product row (the gate: active, shop approved, within best-before; its summary stock is
 * recomputed from the combinations by the database).
 */
async function takeStock(tx: DbOrTx, lines: CartLine[], today: string): Promise<TakenLine[]> {
  const short: { productId: string; variantId: string | null; title: string; available: number }[] = []
  const taken = new Map<string, TakenLine>()
  const sorted = [...lines].sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1))
  for (const line of sorted) {
    const shortOf = () => short.push({ productId: line.productId, variantId: line.variantId, title: line.title, available: line.available ? line.stock : 0 })
    const [row] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}` })
      .where(
        and(
          eq(products.id, line.productId),
          eq(products.status, 'active'),
          sql`${products.stock} >= ${line.quantity}`,
          // The line must match the product as it is now: a combination only for a product with options.
          line.variantId ? sql`${products.option1Name} is not null` : sql`${products.option1Name} is null`,
          isWithinBestBefore,
          isInSeason,
          sql`exists (select 1 from ${shops} where ${shops.id} = ${products.shopId} and ${shops.status} = 'approved')`
        )
      )
      .returning({
        price: products.price,
        title: products.title,
        madeToOrderDays: products.madeToOrderDays,
        capacityPerWeek: products.capacityPerWeek,
        categoryId: products.categoryId,
      })
    if (!row) {
      shortOf()
      continue
    }
    // Made to order with a weekly capacity: its weeks, right after its stock rows (the same lock order).
    const promise = async (variant: { id: string; capacity: number | null } | null) => {
      const rule = capacityRuleOf({ id: line.productId, days: row.madeToOrderDays, capacity: row.capacityPerWeek }, variant)
      if (!rule) return { readyOn: row.madeToOrderDays > 0 ? addDays(today, row.madeToOrderDays) : null, capacityScope: null, capacityTakes: [] }
      try {
        const { takes, readyOn } = await takeCapacity(tx, line.productId, rule, line.quantity, today)
        return { readyOn, capacityScope: rule.scopeId, capacityTakes: takes }
      } catch (error) {
        // A year of full weeks: the line cannot be ordered as asked, like a line out of stock.
        if (!(error instanceof CapacityExhaustedError)) throw error
        shortOf()
        return { readyOn: null, capacityScope: null, capacityTakes: [] }
      }
    }
    if (!line.variantId) {
      taken.set(lineKey(line), {
        ...line,
        unitPrice: row.price,
        title: row.title,
        madeToOrderDays: row.madeToOrderDays,
        categoryId: row.categoryId,
        ...(await promise(null)),
      })
      continue
    }
    const [variant] = await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} - ${line.quantity}` })
      .where(and(eq(productVariants.id, line.variantId), eq(productVariants.productId, line.productId), sql`${productVariants.stock} >= ${line.quantity}`))
      .returning({
        price: productVariants.price,
        option1: productVariants.option1,
        option2: productVariants.option2,
        sku: productVariants.sku,
        capacityPerWeek: productVariants.capacityPerWeek,
      })
    if (!variant) shortOf()
    else
      taken.set(lineKey(line), {
        ...line,
        unitPrice: variant.price,
        title: row.title,
        variantLabel: variant.option2 ? `${variant.option1} / ${variant.option2}` : variant.option1,
        sku: variant.sku,
        madeToOrderDays: row.madeToOrderDays,
        categoryId: row.categoryId,
        ...(await promise({ id: line.variantId, capacity: variant.capacityPerWeek })),
      })
  }
  // Throwing rolls back the decrements already made for the other lines.
  if (short.length) throw new CartChangedError(short)
  // Back in the cart's order for display.
  return lines.map((l) => taken.get(lineKey(l))!)
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

/**
 * The buyer's checkout that emptied this cart, if the cart has not changed since: a checkout sets
 * the cart's `updatedAt` to its own `createdAt`, and any later change to the cart moves it on.
 */
async function findCheckoutThatEmptiedCart(tx: DbOrTx, cartId: string, buyerId: string) {
  const [checkout] = await tx
    .select({ key: checkouts.idempotencyKey })
    .from(checkouts)
    .innerJoin(carts, eq(carts.id, cartId))
    .where(and(eq(checkouts.buyerId, buyerId), gte(checkouts.createdAt, carts.updatedAt)))
    .orderBy(desc(checkouts.createdAt))
    .limit(1)
  return checkout ? findCheckoutByKey(tx, checkout.key) : null
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
