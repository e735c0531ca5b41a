import type { Db } from '#db/client'
import { openCardPayment } from '~/modules/payments/card-checkout.server'
import type { CardMethod } from '~/modules/payments/provider'
import { getPaymentProviders, methodFees, providerForMethod } from '~/modules/payments/providers.server'
import type { Language } from '~/utils/i18n'

// Checkout's one seam to card payments: which card methods are offered (with their fee), whether
// one may be used, and the hand-off of a just-placed card checkout. What stands behind these
// functions (the provider, its session, what happens when it cannot be reached) belongs to the
// payments module.

/** The card methods the review page offers for an amount (centimes), each with its fee and who bears it. */
export function cardPaymentChoices(amount: number) {
  return methodFees(getPaymentProviders(), amount)
}

/** Whether a card checkout with this method may be placed (its provider is configured). */
export function isCardPaymentAvailable(method: CardMethod | null | undefined) {
  return Boolean(method && providerForMethod(getPaymentProviders(), method))
}

export type CardPaymentRequest = {
  method: CardMethod
  checkoutId: string
  orderIds: string[]
  buyer: { id: string; email: string | null }
  /** The buyer's language, for the payment page. */
  language: Language
}

/**
 * The payment page of a just-placed card checkout (committed, in `awaiting_payment`), or null
 * when the provider cannot be reached: the orders were then cancelled and their lines put back in
 * the cart.
 */
export async function startCardPayment(db: Db, { method, checkoutId, orderIds, buyer, language }: CardPaymentRequest): Promise<string | null> {
  return openCardPayment(db, { method, checkoutId, orderIds, buyerId: buyer.id, buyerEmail: buyer.email, language })
}
