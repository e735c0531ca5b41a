import type { ActionFunctionArgs } from '@remix-run/node'
import { respondToPaymentWebhook } from '~/modules/payments/webhook-route.server'

// POST /resources/chargily-webhook — Chargily Pay's events about Edahabia and CIB payments
// (`signature` header: HMAC-SHA256 of the raw body with the secret key).
export async function action({ request }: ActionFunctionArgs) {
  return respondToPaymentWebhook(request, 'chargily')
}

export function loader() {
  return new Response('Not found', { status: 404 })
}
