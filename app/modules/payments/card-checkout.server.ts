import type { Db } from '#db/client'
import { getEnv } from '~/utils/env.server'
import { transitionOrder, type OrderActor } from '~/modules/orders/lifecycle.server'
import { restoreCartLines, startHostedPayment } from './payments.server'
import type { CardMethod } from './provider'
import { getFeeBearer, getPaymentProviders, providerForMethod, type PaymentProviders } from './providers.server'

/**
 * Sends a just-placed card checkout to the payment page of the provider that takes the buyer's
 * method (Edahabia and CIB: Chargily; international card: Stripe). If the provider cannot be
 * reached (or none takes the method any more), the orders are cancelled at once (their stock
 * comes back, their lines go back into the cart) and null tells the page to say so: the buyer can
 * choose cash on delivery instead, nothing stays reserved.
 */
export async function openCardPayment(
  db: Db,
  input: { method: CardMethod; checkoutId: string; orderIds: string[]; buyerId: string; buyerEmail: string | null; language: 'ar' | 'fr' | 'en' },
  providers: PaymentProviders = getPaymentProviders()
) {
  const siteUrl = getEnv().APP_URL
  const provider = providerForMethod(providers, input.method)
  try {
    if (!provider) throw new Error(`no payment provider takes ${input.method}`)
    const hosted = await startHostedPayment(db, provider, {
      checkoutId: input.checkoutId,
      method: input.method,
      buyerEmail: input.buyerEmail,
      language: input.language,
      siteUrl,
      feeBearer: getFeeBearer(),
    })
    return hosted.url
  } catch (error) {
    console.error('Opening the payment page failed', error)
    await cancelUnpaidOrders(db, { orderIds: input.orderIds, actor: { kind: 'system' }, buyerId: input.buyerId, note: 'payment_unavailable', siteUrl })
    return null
  }
}

/**
 * Cancels the card orders still waiting for payment (their stock comes back) and puts their lines
 * back into the buyer's cart, so paying another way is one click away.
 */
export async function cancelUnpaidOrders(
  db: Db,
  { orderIds, actor, buyerId, note = null, siteUrl }: { orderIds: string[]; actor: OrderActor; buyerId: string; note?: string | null; siteUrl: string }
) {
  if (!orderIds.length) return
  const cancelled: string[] = []
  for (const orderId of orderIds) {
    // Paid or cancelled meanwhile: that order is left as it is.
    const ok = await transitionOrder(db, { orderId, to: 'cancelled', actor, note, siteUrl }).then(
      () => true,
      () => false
    )
    if (ok) cancelled.push(orderId)
  }
  await restoreCartLines(db, buyerId, cancelled)
}
