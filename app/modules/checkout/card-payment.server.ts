import type { Db } from '#db/client'
import { openCardPayment } from '~/modules/payments/card-checkout.server'
import { getStripe } from '~/modules/payments/stripe.server'
import type { Language } from '~/utils/i18n'

// Checkout's one seam to card payments: whether card payment is offered, and the hand-off of a
// just-placed card checkout. What stands behind these two functions (the provider, its session,
// what happens when it cannot be reached) belongs to the payments module.

/** Whether the review page offers card payment and a card checkout may be placed. */
export function isCardPaymentAvailable() {
  return Boolean(getStripe())
}

export type CardPaymentRequest = {
  checkoutId: string
  orderIds: string[]
  buyer: { id: string; email: string }
  /** The buyer's language, for the payment page. */
  language: Language
}

/**
 * The payment page of a just-placed card checkout (committed, in `awaiting_payment`), or null
 * when the provider cannot be reached: the orders were then cancelled and their lines put back in
 * the cart.
 */
export async function startCardPayment(db: Db, { checkoutId, orderIds, buyer }: CardPaymentRequest): Promise<string | null> {
  const stripe = getStripe()
  if (!stripe) throw new Error('card payment is not configured (check isCardPaymentAvailable first)')
  return openCardPayment(db, stripe, { checkoutId, orderIds, buyerId: buyer.id, buyerEmail: buyer.email })
}
