import type Stripe from 'stripe'
import { inArray } from 'drizzle-orm'
import type { Db } from '#db/client'
import { orderItems } from '#db/schema'
import { addToCart } from '~/modules/cart/cart.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
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
    for (const orderId of orderIds) {
      await transitionOrder(db, { orderId, to: 'cancelled', actor: { kind: 'system' }, note: 'payment_unavailable', siteUrl }).catch(() => undefined)
    }
    // The lines go back into the cart, so choosing cash on delivery is one click away.
    const lines = await db
      .select({ productId: orderItems.productId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(inArray(orderItems.orderId, orderIds))
    for (const line of lines) await addToCart(db, { userId: buyerId }, line.productId, line.quantity).catch(() => undefined)
    return null
  }
}
