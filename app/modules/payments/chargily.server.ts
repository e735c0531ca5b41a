import { createHmac, timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import type * as ChargilySdk from '@chargily/chargily-pay'
import type { Checkout } from '@chargily/chargily-pay'
import {
  InvalidSignatureError,
  RefundUnsupportedError,
  type CardMethod,
  type HostedCheckoutInput,
  type PaymentEvent,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderPaymentStatus,
} from './provider'

// Chargily Pay V2 (EDAHABIA of Algérie Poste, CIB of SATIM) through its official SDK. Amounts
// cross the boundary in dinars (Chargily's unit), everything else here is in centimes.

export type ChargilyConfig = {
  secretKey: string
  mode: 'test' | 'live'
  /** Replaces the API base (`https://pay.chargily.net/test/api/v2`): a local fake in tests. */
  baseUrl?: string
  /** The provider's fee in basis points, for the estimate shown before confirming. */
  feeBps: number
}

const statusOf: Record<Checkout['status'] | 'expired', ProviderPaymentStatus> = {
  pending: 'open',
  processing: 'processing',
  paid: 'paid',
  failed: 'failed',
  canceled: 'expired',
  expired: 'expired',
}

const toCentimes = (dinars: number | null | undefined) => (dinars == null ? null : Math.round(Number(dinars) * 100))

function toPayment(checkout: Checkout): ProviderPayment {
  const checkoutId = checkout.metadata && typeof checkout.metadata.checkoutId === 'string' ? checkout.metadata.checkoutId : null
  return {
    reference: checkout.id,
    checkoutId,
    status: Object.hasOwn(statusOf, checkout.status) ? statusOf[checkout.status] : 'open',
    amount: toCentimes(checkout.amount) ?? 0,
    fee: toCentimes(checkout.fees),
    createdAt: new Date(Number(checkout.created_at) * 1000),
    // Chargily V2 documents no settlement (payout) per checkout: its balance moves to the
    // merchant's wallet when paid, so a paid checkout counts as settled.
    settled: checkout.status === 'paid',
  }
}

/**
 * The webhook's `signature` header is the HMAC-SHA256 (hex) of the raw body keyed with the
 * secret API key. Compared in constant time; a missing or malformed header is simply invalid.
 * (The SDK's verifySignature does the same but logs every call.)
 */
export function verifyChargilySignature(rawBody: string, signature: string | null, secretKey: string) {
  if (!signature) return false
  const expected = Buffer.from(createHmac('sha256', secretKey).update(rawBody, 'utf8').digest('hex'), 'utf8')
  const given = Buffer.from(signature, 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function createChargilyProvider(config: ChargilyConfig): PaymentProvider {
  // Required here, not imported at the top: a server without CHARGILY_SECRET_KEY never loads the
  // SDK (decision 023, "Memory").
  const { ChargilyClient } = createRequire(import.meta.url)('@chargily/chargily-pay') as typeof ChargilySdk
  const client = new ChargilyClient({ api_key: config.secretKey, mode: config.mode })
  // The SDK builds every URL as `${base_url}/${endpoint}` and has no option for the base; setting
  // the field is the one way to point it at a test server.
  if (config.baseUrl) (client as unknown as { base_url: string }).base_url = config.baseUrl.replace(/\/+$/, '')

  return {
    name: 'chargily',
    methods: ['edahabia', 'cib'],

    async createHostedCheckout(input: HostedCheckoutInput) {
      const checkout = await client.createCheckout({
        amount: input.amount / 100,
        currency: 'dzd',
        payment_method: input.method,
        success_url: input.successUrl,
        failure_url: input.failureUrl,
        webhook_endpoint: input.webhookUrl,
        locale: input.language,
        pass_fees_to_customer: input.feeBearer === 'buyer',
        description: `Taswiq ${input.checkoutId}`,
        metadata: { checkoutId: input.checkoutId },
      })
      // Chargily adds its fee itself when the customer bears it (`fees`); the checkout's amount is ours.
      return { reference: checkout.id, url: checkout.checkout_url, amount: toCentimes(checkout.amount) ?? input.amount }
    },

    parseWebhook(rawBody: string, headers: Headers): PaymentEvent {
      if (!verifyChargilySignature(rawBody, headers.get('signature'), config.secretKey)) throw new InvalidSignatureError()
      const event = JSON.parse(rawBody) as { id: string; type: string; data: Checkout } | null
      // Signed but not an event of the documented shape (a bug on their side, a changed format): a
      // bad body (the route's 400), never a TypeError further on.
      if (!event || typeof event !== 'object' || !event.data || typeof event.data !== 'object' || typeof event.data.id !== 'string') {
        throw new SyntaxError('Chargily webhook body is not a checkout event')
      }
      const outcomes: Record<string, ProviderPaymentStatus> = {
        'checkout.paid': 'paid',
        'checkout.failed': 'failed',
        'checkout.canceled': 'expired',
        'checkout.expired': 'expired',
      }
      return {
        id: String(event.id),
        type: String(event.type),
        outcome: Object.hasOwn(outcomes, event.type) ? outcomes[event.type]! : 'ignored',
        payment: toPayment(event.data),
        raw: event as unknown as Record<string, unknown>,
      }
    },

    async getPayment(reference: string) {
      return toPayment(await client.getCheckout(reference))
    },

    async refund() {
      // Chargily Pay V2's API (and SDK) has no refund endpoint: a refund is done by hand from the
      // Chargily dashboard, so the payment goes to the admin queue.
      throw new RefundUnsupportedError('Chargily Pay V2 has no refund API')
    },

    async listPayments(from: Date, to: Date) {
      // The list is newest first; pages are read until one starts before `from`. The SDK's
      // listCheckouts reads only the first page, so later pages go through the same request helper.
      const request = (client as unknown as { request: (endpoint: string, method: string) => Promise<{ data: Checkout[]; last_page: number }> }).request.bind(
        client
      )
      const found: ProviderPayment[] = []
      for (let page = 1; page <= 1000; page++) {
        const list = await request(`checkouts?per_page=50&page=${page}`, 'GET')
        const payments = list.data.map(toPayment)
        found.push(...payments.filter((p) => p.createdAt >= from && p.createdAt < to))
        if (page >= list.last_page || !payments.length || payments.every((p) => p.createdAt < from)) break
      }
      return found
    },

    estimateFee(amount: number, _method: CardMethod) {
      return Math.round((amount * config.feeBps) / 10_000)
    },
  }
}
