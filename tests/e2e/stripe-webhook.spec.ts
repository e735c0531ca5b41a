import Stripe from 'stripe'
import { expect, test } from './fixtures'

// The webhook route of the built server, with real signed payloads (no network: the signature is
// computed here with the secret the e2e server was started with).
const secret = 'whsec_e2e_only'
const stripe = new Stripe('sk_test_e2e_not_a_real_key')

const event = (id: string) =>
  JSON.stringify({
    id,
    object: 'event',
    type: 'checkout.session.completed',
    data: { object: { object: 'checkout.session', id: 'cs_e2e', client_reference_id: 'no-such-checkout', payment_status: 'paid' } },
  })

test('the Stripe webhook refuses a forged signature and accepts a signed event once', async ({ request }) => {
  const payload = event(`evt_e2e_${Date.now()}`)
  const forged = await request.post('/resources/stripe-webhook', {
    data: payload,
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong' }) },
  })
  expect(forged.status()).toBe(400)

  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret })
  const first = await request.post('/resources/stripe-webhook', {
    data: payload,
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
  })
  expect(first.status()).toBe(200)
  const again = await request.post('/resources/stripe-webhook', {
    data: payload,
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
  })
  expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' })
})
