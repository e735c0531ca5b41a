import { createRequire } from 'node:module'
import type Stripe from 'stripe'
import {
  InvalidSignatureError,
  type CardMethod,
  type HostedCheckoutInput,
  type PaymentEvent,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderPaymentStatus,
} from './provider'

// Stripe Checkout (international cards) behind the PaymentProvider interface. Stripe counts DZD
// in centimes, like us.

export type StripeConfig = {
  secretKey: string
  webhookSecret?: string
  /** Point the SDK at a local stand-in in tests. */
  host?: string
  port?: number
  protocol?: 'http' | 'https'
  feeBps: number
}

/** A Stripe client; `host`/`port`/`protocol` point it at a local stand-in in tests. */
export function createStripe({ secretKey, host, port, protocol }: Pick<StripeConfig, 'secretKey' | 'host' | 'port' | 'protocol'>): Stripe {
  // Required here, not imported at the top: a server without STRIPE_SECRET_KEY never loads the SDK
  // (~20 MB of memory; decision 023, "Memory"). The SDK's CommonJS build exports the constructor.
  const StripeSdk = createRequire(import.meta.url)('stripe') as typeof Stripe
  return new StripeSdk(secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...(host ? { host, port, protocol } : {}) })
}

function statusOf(session: Stripe.Checkout.Session): ProviderPaymentStatus {
  if (session.status === 'expired') return 'expired'
  if (session.status === 'open') return 'open'
  // Complete: paid, or a delayed method (bank debit) still on its way.
  return session.payment_status === 'unpaid' ? 'processing' : 'paid'
}

function toPayment(session: Stripe.Checkout.Session): ProviderPayment {
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null
  const charge = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null
  const balance = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null
  return {
    reference: session.id,
    checkoutId: session.client_reference_id ?? session.metadata?.checkoutId ?? null,
    status: statusOf(session),
    amount: session.amount_total ?? 0,
    fee: balance ? balance.fee : null,
    createdAt: new Date((session.created ?? 0) * 1000),
    // Stripe's balance transaction says when the money is available to pay out.
    settled: balance ? balance.status === 'available' : null,
  }
}

const expandBalance = 'payment_intent.latest_charge.balance_transaction'

export function createStripeProvider(stripe: Stripe, config: Pick<StripeConfig, 'webhookSecret' | 'feeBps'>): PaymentProvider {
  return {
    name: 'stripe',
    methods: ['card'],

    async createHostedCheckout(input: HostedCheckoutInput) {
      const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = input.lines.map((line) => ({
        quantity: line.quantity,
        price_data: { currency: 'dzd', unit_amount: line.unitPrice, product_data: { name: line.title } },
      }))
      if (input.feeBearer === 'buyer' && input.buyerFee > 0) {
        lineItems.push({ quantity: 1, price_data: { currency: 'dzd', unit_amount: input.buyerFee, product_data: { name: 'Frais de paiement / رسوم الدفع' } } })
      }
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: lineItems,
          client_reference_id: input.checkoutId,
          customer_email: input.buyerEmail ?? undefined,
          locale: input.language === 'ar' ? 'auto' : input.language,
          metadata: { checkoutId: input.checkoutId },
          expires_at: Math.floor(input.expiresAt.getTime() / 1000),
          success_url: input.successUrl,
          cancel_url: input.failureUrl,
        },
        // A retried request gets the same session instead of a second one.
        { idempotencyKey: `checkout-${input.checkoutId}` }
      )
      if (!session.url) throw new Error('Stripe returned a session without a URL')
      return { reference: session.id, url: session.url, amount: session.amount_total ?? lineItems.reduce((sum, l) => sum + (l.price_data?.unit_amount ?? 0) * (l.quantity ?? 1), 0) }
    },

    parseWebhook(rawBody: string, headers: Headers): PaymentEvent {
      let event: Stripe.Event
      try {
        event = stripe.webhooks.constructEvent(rawBody, headers.get('Stripe-Signature') ?? '', config.webhookSecret ?? '')
      } catch {
        throw new InvalidSignatureError()
      }
      const outcomes: Partial<Record<string, ProviderPaymentStatus>> = {
        'checkout.session.async_payment_succeeded': 'paid',
        'checkout.session.async_payment_failed': 'failed',
        'checkout.session.expired': 'expired',
      }
      const session = event.data.object as Stripe.Checkout.Session
      const outcome = event.type === 'checkout.session.completed' ? (session.payment_status === 'unpaid' ? 'processing' : 'paid') : outcomes[event.type]
      return {
        id: event.id,
        type: event.type,
        outcome: outcome && event.type.startsWith('checkout.session.') ? outcome : 'ignored',
        payment: { ...toPayment(session), status: outcome ?? statusOf(session) },
        raw: event as unknown as Record<string, unknown>,
      }
    },

    async getPayment(reference: string) {
      return toPayment(await stripe.checkout.sessions.retrieve(reference, { expand: [expandBalance] }))
    },

    async refund(reference: string, amount: number, options?: { idempotencyKey?: string }) {
      const session = await stripe.checkout.sessions.retrieve(reference)
      const paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id
      if (!paymentIntent) throw new Error(`Stripe session ${reference} has no payment to refund`)
      const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount }, { idempotencyKey: options?.idempotencyKey ?? `refund-${reference}` })
      return { reference: refund.id }
    },

    async listPayments(from: Date, to: Date) {
      const found: ProviderPayment[] = []
      const pages = stripe.checkout.sessions.list({
        created: { gte: Math.floor(from.getTime() / 1000), lt: Math.floor(to.getTime() / 1000) },
        limit: 100,
        expand: [`data.${expandBalance}`],
      })
      for await (const session of pages) found.push(toPayment(session))
      return found
    },

    estimateFee(amount: number, _method: CardMethod) {
      return Math.round((amount * config.feeBps) / 10_000)
    },
  }
}
