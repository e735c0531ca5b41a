import type { ActionFunctionArgs } from '@remix-run/node'
import { getStripe, handleStripeWebhook, InvalidSignatureError } from '~/modules/payments/stripe.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'

// POST /resources/stripe-webhook — Stripe's events about card payments. The raw body is read as
// text: the signature covers the exact bytes.
export async function action({ request }: ActionFunctionArgs) {
  const stripe = getStripe()
  const secret = getEnv().STRIPE_WEBHOOK_SECRET
  if (!stripe || !secret) return new Response('Not found', { status: 404 })
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 })
  try {
    const outcome = await handleStripeWebhook(await getDb(), stripe, {
      payload: await request.text(),
      signature: request.headers.get('Stripe-Signature'),
      secret,
      siteUrl: getEnv().APP_URL,
    })
    return Response.json({ received: true, outcome })
  } catch (error) {
    if (error instanceof InvalidSignatureError) return new Response('Invalid signature', { status: 400 })
    throw error
  }
}

export function loader() {
  return new Response('Not found', { status: 404 })
}
