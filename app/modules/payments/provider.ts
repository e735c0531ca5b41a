// The one interface every card-payment provider implements (Stripe, Chargily). The rest of the
// payments module — webhooks, the sweep, refunds, reconciliation — speaks only these types, so a
// provider is a small adapter from its SDK to them.

/** What the buyer picks at checkout besides cash on delivery. */
export const cardMethods = ['edahabia', 'cib', 'card'] as const
export type CardMethod = (typeof cardMethods)[number]

/**
 * The buyer's choice from the checkout's radio group (`paymentMethod`: cod, edahabia, cib, card):
 * a card method, with the field rewritten to `card` for the order; null for cash on delivery or
 * anything else (which the checkout's own validation then answers).
 */
export function readPaymentChoice(formData: FormData): CardMethod | null {
  const chosen = formData.get('paymentMethod')
  const method = cardMethods.find((m) => m === chosen) ?? null
  if (method) formData.set('paymentMethod', 'card')
  return method
}

export type ProviderName = 'stripe' | 'chargily'

export type FeeBearer = 'buyer' | 'platform'

/** A payment's state as the provider sees it. `processing`: accepted, money not final yet (never cancel it). */
export type ProviderPaymentStatus = 'open' | 'processing' | 'paid' | 'failed' | 'expired'

/** One payment as the provider reports it; amounts in centimes. */
export type ProviderPayment = {
  reference: string
  /** Our checkout id, from the metadata we sent; null when the payment is not ours (or lost it). */
  checkoutId: string | null
  status: ProviderPaymentStatus
  amount: number
  fee: number | null
  createdAt: Date
  /** Whether the provider has paid this money out to the platform; null when it does not say. */
  settled: boolean | null
}

/** A verified webhook delivery, in our words. */
export type PaymentEvent = {
  /** The provider's event id: stored once in `payment_events`. */
  id: string
  /** The provider's own event type, kept for the record. */
  type: string
  /** `ignored`: an event we do not act on. */
  outcome: ProviderPaymentStatus | 'ignored'
  payment: ProviderPayment
  raw: Record<string, unknown>
}

export type HostedCheckoutInput = {
  checkoutId: string
  method: CardMethod
  /** Centimes: what our orders total (the provider's fee comes on top when the buyer bears it). */
  amount: number
  feeBearer: FeeBearer
  /** Estimated fee in centimes, when the buyer bears it and the provider wants it as a line. */
  buyerFee: number
  language: 'ar' | 'fr' | 'en'
  buyerEmail: string | null
  lines: { title: string; unitPrice: number; quantity: number }[]
  successUrl: string
  failureUrl: string
  webhookUrl: string
  expiresAt: Date
}

/** `amount`: centimes the provider will charge (ours, plus a fee line where the buyer bears it and the provider bills it so). */
export type HostedCheckout = { reference: string; url: string; amount: number }

export class InvalidSignatureError extends Error {}
/** The provider has no refund API (or refused): the money goes to the admin queue instead. */
export class RefundUnsupportedError extends Error {}

export interface PaymentProvider {
  readonly name: ProviderName
  /** The methods this provider takes. */
  readonly methods: readonly CardMethod[]
  /** Opens the provider's payment page for one buyer checkout (idempotent per checkout). */
  createHostedCheckout(input: HostedCheckoutInput): Promise<HostedCheckout>
  /** Checks the signature over the exact raw body, then reads the event; throws InvalidSignatureError. */
  parseWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent> | PaymentEvent
  /** The payment as the provider sees it now (outside any transaction). */
  getPayment(reference: string): Promise<ProviderPayment>
  /**
   * Gives the money back; throws RefundUnsupportedError where the provider cannot. Idempotent per
   * payment, or per `idempotencyKey` when one payment may be refunded in parts (one returned order
   * of a checkout): asked again with the same key, the provider answers with the same refund.
   */
  refund(reference: string, amount: number, options?: { idempotencyKey?: string }): Promise<{ reference: string }>
  /** Every payment the provider created in [from, to), for reconciliation. */
  listPayments(from: Date, to: Date): Promise<ProviderPayment[]>
  /** The provider's fee for a payment of this amount and method, in centimes (shown before confirming). */
  estimateFee(amount: number, method: CardMethod): number
}
