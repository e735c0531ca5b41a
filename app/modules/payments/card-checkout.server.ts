import type Stripe from 'stripe'
import { inArray } from 'drizzle-orm'
import type { Db } from '#db/client'
import { orderItems } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { transitionOrder, type OrderActor } from '~/modules/orders/lifecycle.server'
import { getEnv } from '~/utils/env.server'
import { createCardSession } from './stripe.server'

/**
 * Sends a just-placed card checkout to Stripe's payment page. If Stripe cannot be reached, the
 * orders are cancelled at once (their stock comes back) and null tells the page to say so: the
 * buyer can choose cash on delivery instead, nothing stays reserved.
 */
export async function openCardPayment(
  db: Db,
  stripe: Stripe,
  { checkoutId, orderIds, buyerId, buyerEmail }: { checkoutId: string; orderIds: string[]; buyerId: string; buyerEmail: string }
) {
  const siteUrl = getEnv().APP_URL
  try {
    return (await createCardSession(db, stripe, { checkoutId, buyerEmail, siteUrl })).url
  } catch (error) {
    console.error('Stripe session creation failed', error)
    await cancelUnpaidOrders(db, { orderIds, actor: { kind: 'system' }, buyerId, note: 'payment_unavailable' })
    return null
  }
}

/**
 * Cancels the card orders still waiting for payment (their stock comes back) and puts their lines
 * back into the buyer's cart, so paying another way is one click away.
 */
export async function cancelUnpaidOrders(
  db: Db,
  { orderIds, actor, buyerId, note = null }: { orderIds: string[]; actor: OrderActor; buyerId: string; note?: string | null }
) {
  if (!orderIds.length) return
  const siteUrl = getEnv().APP_URL
  const cancelled: string[] = []
  for (const orderId of orderIds) {
    // Paid or cancelled meanwhile: that order is left as it is.
    const ok = await transitionOrder(db, { orderId, to: 'cancelled', actor, note, siteUrl }).then(
      () => true,
      () => false
    )
    if (ok) cancelled.push(orderId)
  }
  if (!cancelled.length) return
  const lines = await db
    .select({ productId: orderItems.productId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(inArray(orderItems.orderId, cancelled))
  for (const line of lines) await addToCart(db, { userId: buyerId }, line.productId, line.quantity).catch(() => undefined)
}
