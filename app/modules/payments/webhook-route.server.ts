import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { handlePaymentWebhook } from './payments.server'
import { InvalidSignatureError, type ProviderName } from './provider'
import { getPaymentProviders } from './providers.server'

/**
 * The webhook routes' whole work: 404 when the provider is not configured, 400 on a bad or
 * missing signature (nothing changed), else the event applied once. The raw body is read as
 * text: the signature covers the exact bytes.
 */
export async function respondToPaymentWebhook(request: Request, providerName: ProviderName) {
  const provider = getPaymentProviders()[providerName]
  if (!provider || (providerName === 'stripe' && !getEnv().STRIPE_WEBHOOK_SECRET)) return new Response('Not found', { status: 404 })
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 })
  try {
    const outcome = await handlePaymentWebhook(await getDb(), provider, { rawBody: await request.text(), headers: request.headers, siteUrl: getEnv().APP_URL })
    return Response.json({ received: true, outcome })
  } catch (error) {
    if (error instanceof InvalidSignatureError || error instanceof SyntaxError) return new Response('Invalid signature', { status: 400 })
    throw error
  }
}
