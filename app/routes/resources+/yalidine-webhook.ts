import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { deliveryDepsFromEnv } from '~/modules/delivery/settings.server'
import { applyYalidineWebhook, verifyYalidineSignature, type YalidineWebhookBody } from '~/modules/delivery/webhook.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'

// /resources/yalidine-webhook — Yalidine's parcel status events (decision 025). Without
// YALIDINE_WEBHOOK_SECRET the endpoint does not exist (404): the poller alone follows parcels.

/** The subscription check: Yalidine GETs `?subscribe=…&crc_token=…` and expects the token back. */
export function loader({ request }: LoaderFunctionArgs) {
  if (!getEnv().YALIDINE_WEBHOOK_SECRET) return new Response('Not found', { status: 404 })
  const url = new URL(request.url)
  const token = url.searchParams.get('crc_token')
  // Any other GET finds nothing here.
  if (!url.searchParams.has('subscribe') || !token || token.length > 200) return new Response('Not found', { status: 404 })
  return new Response(token, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}

/** Signed events (HMAC-SHA256 of the raw body, hex, `x-yalidine-signature`); a bad signature is 400 and changes nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const secret = getEnv().YALIDINE_WEBHOOK_SECRET
  if (!secret) return new Response('Not found', { status: 404 })
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 })
  const raw = await request.text()
  if (!verifyYalidineSignature(secret, raw, request.headers.get('x-yalidine-signature'))) return new Response('Bad signature', { status: 400 })
  let body: YalidineWebhookBody
  try {
    body = JSON.parse(raw) as YalidineWebhookBody
  } catch {
    return new Response('Bad JSON', { status: 400 })
  }
  if (typeof body !== 'object' || body === null || (body.events !== undefined && !Array.isArray(body.events))) return new Response('Bad body', { status: 400 })
  const applied = await applyYalidineWebhook(await getDb(), deliveryDepsFromEnv(), body)
  return Response.json({ received: true, applied })
}
