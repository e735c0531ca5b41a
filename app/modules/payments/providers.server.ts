import { getEnv } from '~/utils/env.server'
import { createChargilyProvider } from './chargily.server'
import { cardMethods, type CardMethod, type FeeBearer, type PaymentProvider, type ProviderName } from './provider'
import { createStripe, createStripeProvider } from './stripe.server'

/** The configured providers by name; a provider without its key is absent. */
export type PaymentProviders = Partial<Record<ProviderName, PaymentProvider>>

let configured: PaymentProviders | undefined

/** The platform's providers, from the environment (read once). */
export function getPaymentProviders(): PaymentProviders {
  if (!configured) {
    const env = getEnv()
    configured = {}
    if (env.STRIPE_SECRET_KEY) {
      const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null
      const client = createStripe({
        secretKey: env.STRIPE_SECRET_KEY,
        ...(api ? { host: api.hostname, port: Number(api.port) || undefined, protocol: api.protocol === 'http:' ? ('http' as const) : ('https' as const) } : {}),
      })
      configured.stripe = createStripeProvider(client, {
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        feeBps: env.STRIPE_FEE_BPS,
      })
    }
    if (env.CHARGILY_SECRET_KEY) {
      configured.chargily = createChargilyProvider({
        secretKey: env.CHARGILY_SECRET_KEY,
        mode: env.CHARGILY_MODE,
        baseUrl: env.CHARGILY_API_URL,
        feeBps: env.CHARGILY_FEE_BPS,
      })
    }
  }
  return configured
}

/** The provider that takes this method, or null when none is configured for it. */
export function providerForMethod(providers: PaymentProviders, method: CardMethod): PaymentProvider | null {
  return Object.values(providers).find((p) => p?.methods.includes(method)) ?? null
}

/** The card methods a buyer may choose, in the order the checkout shows them (domestic cards first). */
export function availableCardMethods(providers: PaymentProviders): CardMethod[] {
  return cardMethods.filter((method) => providerForMethod(providers, method))
}

export function getFeeBearer(): FeeBearer {
  return getEnv().PAYMENT_FEE_BEARER
}

/** The fee a buyer sees before confirming: what they add (buyer bears it) or 0 (the platform does). */
export function methodFees(providers: PaymentProviders, amount: number, feeBearer: FeeBearer = getFeeBearer()) {
  return availableCardMethods(providers).map((method) => {
    const fee = providerForMethod(providers, method)!.estimateFee(amount, method)
    return { method, fee, buyerPays: feeBearer === 'buyer' ? fee : 0 }
  })
}
