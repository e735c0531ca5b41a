import { and, asc, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { orderEvents, orderItems, orders, products, productVariants, shops, stockMovements, users } from '#db/schema'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { notify } from '~/modules/notifications/preferences.server'
import { recordOrderStatusInLedger } from '~/modules/payouts/ledger.server'
import { getEnv } from '~/utils/env.server'
import type { Language } from '~/utils/i18n'
import { giveBackCapacity } from './capacity.server'

export type OrderStatus = (typeof orders.$inferSelect)['status']

/** Who moves an order: its buyer, the producer of its shop, staff, or the system (payments, sweeps). */
export type OrderActor = { kind: 'buyer' | 'producer' | 'staff'; userId: string } | { kind: 'system' }

type Rule = { to: OrderStatus; by: OrderActor['kind'][]; needsReason?: boolean }

/**
 * The order state machine, the only place that says which step may follow which and who may take
 * it. A cancelled order gives its stock back.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, Rule[]> = {
  awaiting_payment: [
    { to: 'pending', by: ['system'] },
    { to: 'cancelled', by: ['system', 'buyer'] },
  ],
  pending: [
    { to: 'confirmed', by: ['producer'] },
    { to: 'cancelled', by: ['buyer'] },
    { to: 'cancelled', by: ['producer', 'staff'], needsReason: true },
    // A cash-on-delivery order nobody answered for (3 calls over 2 days): the delivery job.
    { to: 'cancelled', by: ['system'], needsReason: true },
  ],
  confirmed: [
    // `system`: the delivery job that retries a carrier's parcel creation.
    { to: 'shipped', by: ['producer', 'system'] },
    { to: 'cancelled', by: ['producer', 'staff'], needsReason: true },
  ],
  // `system`: the carrier reported the parcel delivered, or refused/returned (delivery module).
  shipped: [
    { to: 'delivered', by: ['producer', 'staff', 'system'] },
    { to: 'returned', by: ['system'], needsReason: true },
  ],
  delivered: [{ to: 'returned', by: ['producer', 'staff', 'system'], needsReason: true }],
  cancelled: [],
  returned: [],
}

export class OrderNotFoundError extends Error {}
export class OrderTransitionError extends Error {
  constructor(readonly from: OrderStatus, readonly to: OrderStatus) {
    super(`Order cannot go from ${from} to ${to} here`)
  }
}
export class OrderReasonRequiredError extends Error {}

/** The steps this actor may take from this status (for the buttons a page shows). */
export function nextStatuses(from: OrderStatus, actor: OrderActor['kind']): OrderStatus[] {
  return [...new Set(ORDER_TRANSITIONS[from].filter((r) => r.by.includes(actor)).map((r) => r.to))]
}

export type TransitionInput = {
  orderId: string
  to: OrderStatus
  actor: OrderActor
  note?: string | null
  carrier?: string | null
  trackingNumber?: string | null
  siteUrl: string
  /** Days a delivery's money stays on hold; PAYOUT_HOLD_DAYS unless given. */
  holdDays?: number
}

/**
 * Moves one order a step, in one transaction: the guarded status update (a concurrent step by
 * someone else makes this one fail cleanly), the event row, stock given back on cancellation, the
 * shop's ledger entries (sale and commission at delivery, reversed by a return), and the email to
 * the buyer. The caller has already checked that the actor may see this order; here
 * the rules decide what they may do to it.
 */
export async function transitionOrder(db: DbOrTx, input: TransitionInput) {
  const note = input.note?.trim() || null
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status, shopId: orders.shopId, buyerId: orders.buyerId, ownerId: shops.ownerId })
      .from(orders)
      .innerJoin(shops, eq(shops.id, orders.shopId))
      .where(eq(orders.id, input.orderId))
    if (!order) throw new OrderNotFoundError()
    assertActorOwnsRole(input.actor, order)

    const rule = ORDER_TRANSITIONS[order.status].find((r) => r.to === input.to && r.by.includes(input.actor.kind))
    if (!rule) throw new OrderTransitionError(order.status, input.to)
    if (rule.needsReason && !note) throw new OrderReasonRequiredError()

    const shipping = input.to === 'shipped' ? { carrier: input.carrier?.trim() || null, trackingNumber: input.trackingNumber?.trim() || null } : {}
    const [updated] = await tx
      .update(orders)
      .set({
        status: input.to,
        ...shipping,
        ...(input.to === 'cancelled' ? { cancelReason: note } : {}),
        ...(input.to === 'pending' && input.actor.kind === 'system' ? { paymentStatus: 'paid' as const } : {}),
      })
      .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
      .returning({
        id: orders.id,
        number: orders.number,
        shopId: orders.shopId,
        subtotal: orders.subtotal,
        shippingFee: orders.shippingFee,
        commission: orders.commission,
      })
    if (!updated) throw new OrderTransitionError(order.status, input.to)
    await recordOrderStatusInLedger(tx, updated, input.to, { holdDays: input.holdDays ?? getEnv().PAYOUT_HOLD_DAYS })

    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: input.to,
      actorId: input.actor.kind === 'system' ? null : input.actor.userId,
      note,
    })
    if (input.to === 'cancelled') {
      await restoreStock(tx, order.id)
      // Made-to-order weeks promised to this order are free for others again.
      await giveBackCapacity(tx, order.id)
    }
    // A parcel the carrier brought back (refused at the door, returned): the goods are back too.
    if (input.to === 'returned' && input.actor.kind === 'system') await restoreStock(tx, order.id, 'return')
    // Leaving `awaiting_payment` is the payment's business: once paid, the checkout is announced
    // as a whole (announceOrders); unpaid, it was never announced, so its end needs no email.
    if (order.status !== 'awaiting_payment') {
      await emailBuyer(tx, { orderId: order.id, number: updated.number, status: input.to, note, siteUrl: input.siteUrl })
    }
    return { from: order.status, to: input.to }
  })
}

/**
 * A line in an order's history that is not a status change: a COD confirmation call without an
 * answer, or a parcel's step at the carrier (`step`), in the caller's transaction.
 */
export async function addOrderEvent(tx: DbOrTx, event: { orderId: string; status: OrderStatus; actorId?: string | null; note?: string | null; step?: string | null }) {
  await tx.insert(orderEvents).values({
    orderId: event.orderId,
    fromStatus: event.status,
    toStatus: event.status,
    actorId: event.actorId ?? null,
    note: event.note ?? null,
    step: event.step ?? null,
  })
}

function assertActorOwnsRole(actor: OrderActor, order: { buyerId: string; ownerId: string }) {
  // The roles are checked again here so a wrong call can never let a buyer act as the producer.
  if (actor.kind === 'buyer' && actor.userId !== order.buyerId) throw new OrderNotFoundError()
  if (actor.kind === 'producer' && actor.userId !== order.ownerId) throw new OrderNotFoundError()
}

/**
 * Gives a cancelled order's units back: to the product, or to the combination sold (the product row
 * first, then the combination: the lock order of checkout; the database recomputes the product's
 * summary stock from its combinations). A combination deleted since gives nothing back.
 */
async function restoreStock(tx: DbOrTx, orderId: string, reason: 'cancel' | 'return' = 'cancel') {
  const items = await tx
    .select({ productId: orderItems.productId, variantId: orderItems.variantId, variantLabel: orderItems.variantLabel, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.productId), asc(orderItems.variantId))
  const restored: { productId: string; variantId: string | null; quantity: number }[] = []
  for (const item of items) {
    if (item.variantLabel !== null) {
      if (!item.variantId) continue
      await tx.select({ id: products.id }).from(products).where(eq(products.id, item.productId)).for('update')
      const [variant] = await tx
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} + ${item.quantity}` })
        .where(eq(productVariants.id, item.variantId))
        .returning({ id: productVariants.id })
      if (variant) restored.push(item)
      continue
    }
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${item.quantity}` })
      .where(eq(products.id, item.productId))
    restored.push(item)
  }
  if (restored.length)
    await tx
      .insert(stockMovements)
      .values(restored.map((i) => ({ productId: i.productId, variantId: i.variantId, orderId, delta: i.quantity, reason })))
}

async function emailBuyer(
  tx: DbOrTx,
  { orderId, number, status, note, siteUrl }: { orderId: string; number: string; status: OrderStatus; note: string | null; siteUrl: string }
) {
  const [row] = await tx
    .select({
      buyerId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      carrier: orders.carrier,
      trackingNumber: orders.trackingNumber,
      shopName: shops.name,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.buyerId))
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(eq(orders.id, orderId))
  if (!row) return
  // A notice in the buyer's centre, and the email (or SMS, or nothing more) she chose for orders.
  await notify(tx, {
    userId: row.buyerId,
    group: 'orders',
    kind: `order_${status}`,
    data: { number, shopName: row.shopName, orderId },
    sendEmail: (to) =>
      enqueueEmail(tx, {
        to,
        kind: 'order_status',
        language: row.locale as Language,
        data: {
          name: row.name,
          number,
          shopName: row.shopName,
          status,
          note,
          carrier: row.carrier,
          trackingNumber: row.trackingNumber,
          url: `${siteUrl.replace(/\/+$/, '')}/account/orders/${orderId}`,
        },
      }),
  })
}
