import type { Db } from '#db/client'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { codCodeRequired, verifyCodCode } from '~/modules/delivery/cod.server'
import { deliveryDepsFromEnv } from '~/modules/delivery/settings.server'
import { cachedCarrierFees, refreshCarrierFees } from '~/modules/delivery/carrier-fees.server'
import { resolveStopDesks, stopDeskOptions } from '~/modules/delivery/stop-desks.server'
import { listCartLines } from '~/modules/cart/cart.server'
import { communeOf, getSavedAddress, type SavedAddress } from '~/modules/orders/addresses.server'
import { convertCartToOrders, type PaymentMethod, type PlacedCheckout } from '~/modules/orders/checkout.server'
import { getCommissionRates } from '~/modules/payouts/commission.server'
import { getEnv } from '~/utils/env.server'
import type { Language } from '~/utils/i18n'
import type { CardMethod } from '~/modules/payments/provider'
import { isCardPaymentAvailable, startCardPayment } from './card-payment.server'

// Checkout as one service: the confirm action hands over who buys and what they chose; everything
// else (which address, the commune rule, shipping rates, commission, the transaction, the card
// hand-off, the outbox) is decided here and in the modules it calls.

export type CheckoutBuyer = { id: string; email: string | null }

export type CheckoutChoices = {
  /** From the review form: the same key twice is the same checkout. */
  idempotencyKey: string
  paymentMethod: PaymentMethod
  /** With `card`: which card method (Edahabia, CIB, international card) — it picks the provider. */
  cardMethod?: CardMethod | null
  /** Where and how to deliver; omitted: the address saved at the address step. */
  address?: SavedAddress
  /** Stop-desk delivery: the carrier's desk chosen for each shop (shop id → desk id). */
  stopDesks?: Record<string, string>
  /** Cash on delivery by a buyer with 2 recent refusals: the code she received by SMS. */
  codCode?: string | null
  language: Language
  /** The latest made-to-order ready date the review showed (null: none); see `CartConversion`. */
  acceptedReadyBy?: string | null
}

export type CheckoutOutcome = PlacedCheckout & {
  /** The card payment page to send the buyer to; null: the checkout is placed, show its confirmation. */
  paymentUrl: string | null
}

/** No delivery address was given or saved: the buyer starts at the address step. */
export class MissingAddressError extends Error {}
/** Cash on delivery needs the buyer's code (2 refusals in 90 days) and none, or a wrong one, was given; nothing was written. */
export class CodCodeNeededError extends Error {
  constructor(readonly given: boolean) {
    super('cod code needed')
  }
}
/** Card chosen while card payment is not offered; nothing was written. */
export class CardPaymentUnavailableError extends Error {}
/** The card payment page could not be opened: the orders were cancelled, their lines are back in the cart. */
export class CardPaymentFailedError extends Error {}

/**
 * Places the buyer's cart as orders (see `convertCartToOrders`: all or nothing, at most once per
 * cart, idempotent per key), at the commission rates in force, then wakes the outbox for the
 * emails it queued and, for a card checkout, hands it to the payment page. Errors: those of
 * `convertCartToOrders` and `communeOf`, and the three above.
 */
export async function placeCheckout(db: Db, buyer: CheckoutBuyer, choices: CheckoutChoices): Promise<CheckoutOutcome> {
  const address = choices.address ?? (await getSavedAddress(db, buyer.id))
  if (!address) throw new MissingAddressError()
  const cardMethod = choices.paymentMethod === 'card' ? choices.cardMethod : null
  if (choices.paymentMethod === 'card' && !isCardPaymentAvailable(cardMethod)) throw new CardPaymentUnavailableError()
  if (choices.paymentMethod === 'cod' && (await codCodeRequired(db, buyer.id))) {
    const code = choices.codCode?.trim()
    if (!code || !(await verifyCodCode(db, buyer.id, code))) throw new CodCodeNeededError(Boolean(code))
  }
  {
    // Desk lists and carriers' fees are fetched (or refreshed) here, outside the transaction, which reads only the cache.
    const shopIds = [...new Set((await listCartLines(db, { userId: buyer.id })).map((l) => l.shop.id))]
    const commune = communeOf(address)
    await refreshCarrierFees(db, deliveryDepsFromEnv(), shopIds, commune.wilayaCode)
    if (address.deliveryMode === 'desk') await stopDeskOptions(db, deliveryDepsFromEnv(), shopIds, commune.wilayaCode)
  }
  const chosenDesks = choices.stopDesks ?? {}
  const env = getEnv()
  const rates = await getCommissionRates(db, env.COMMISSION_BPS)
  const placed = await convertCartToOrders(db, {
    buyerId: buyer.id,
    idempotencyKey: choices.idempotencyKey,
    paymentMethod: choices.paymentMethod,
    deliveryMode: address.deliveryMode,
    address,
    commissionBps: rates.defaultBps,
    categoryBps: rates.byCategory,
    siteUrl: env.APP_URL,
    acceptedReadyBy: choices.acceptedReadyBy,
    stopDesks: (tx, shopIds, wilayaCode) => resolveStopDesks(tx, shopIds, wilayaCode, chosenDesks),
    carrierFees: (tx, shopIds, wilayaCode) => cachedCarrierFees(tx, shopIds, wilayaCode),
  })
  // Committed: its emails (a cash-on-delivery checkout's) go now, not at the worker's next tick.
  if (!placed.replayed) kickOutbox()
  // A replay was handed off (or told it could not be) the first time.
  if (choices.paymentMethod !== 'card' || placed.replayed) return { ...placed, paymentUrl: null }
  const paymentUrl = await startCardPayment(db, {
    method: cardMethod!,
    checkoutId: placed.checkoutId,
    orderIds: placed.orders.map((o) => o.id),
    buyer,
    language: choices.language,
  })
  if (!paymentUrl) throw new CardPaymentFailedError()
  return { ...placed, paymentUrl }
}
