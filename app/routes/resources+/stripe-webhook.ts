import type { ActionFunctionArgs } from '@remix-run/node'
import { respondToPaymentWebhook } from '~/modules/payments/webhook-route.server'

// POST /resources/stripe-webhook — Stripe's events about card payments (Stripe-Signature header).
export async function action({ request }: ActionFunctionArgs) {
  return respondToPaymentWebhook(request, 'stripe')
}

export function loader() {
  return new Response('Not found', { status: 404 })
}
