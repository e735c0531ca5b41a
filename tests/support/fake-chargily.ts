// A small local stand-in for Chargily Pay V2, written from its public API reference, so tests run
// the real SDK (`@chargily/chargily-pay`) end to end without the internet:
//   POST /test/api/v2/checkouts        create (Bearer secret key; 401 otherwise; 422 on bad input)
//   GET  /test/api/v2/checkouts/:id    retrieve (404 when unknown)
//   GET  /test/api/v2/checkouts        list, newest first (per_page, page)
//   GET  /pay/:id                      the hosted payment page (two buttons)
//   POST /pay/:id                      pay or fail: the signed webhook is POSTed to the checkout's
//                                      webhook_endpoint first, then the buyer is redirected back.
// Webhooks carry `signature`: HMAC-SHA256 (hex) of the raw body with the secret key.
// Run alone (the browser tests' server does): tsx tests/support/fake-chargily.ts --port 13208 --secret test_sk
import { createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

export type FakeCheckout = {
  id: string
  entity: 'checkout'
  livemode: false
  amount: number
  currency: string
  fees: number
  pass_fees_to_customer: boolean
  status: 'pending' | 'processing' | 'paid' | 'failed' | 'canceled' | 'expired'
  locale: 'ar' | 'en' | 'fr'
  description: string | null
  success_url: string
  failure_url: string | null
  webhook_endpoint: string | null
  payment_method: string | null
  metadata: Record<string, unknown>
  created_at: number
  updated_at: number
  checkout_url: string
}

export type FakeChargily = {
  /** The API base to give the SDK. */
  apiUrl: string
  origin: string
  checkouts: Map<string, FakeCheckout>
  /** Every API request, in order, with its parsed JSON body. */
  requests: { method: string; path: string; body: unknown; authorization: string | undefined }[]
  /** The next API request answers with this status (and an error body). */
  failNext(status: number): void
  /** A webhook event for a checkout, signed as Chargily signs it. */
  signedEvent(checkoutId: string, type: string, eventId?: string): { body: string; signature: string }
  /** Marks a checkout paid/failed/canceled and POSTs the signed event to its webhook endpoint. */
  settle(checkoutId: string, status: 'paid' | 'failed' | 'canceled'): Promise<Response | null>
  /** Adds a checkout as if made elsewhere (reconciliation tests). */
  plant(checkout: Partial<FakeCheckout> & { amount: number }): FakeCheckout
  close(): Promise<void>
}

const FEE_BPS = 150

export async function startFakeChargily({ secretKey, port = 0 }: { secretKey: string; port?: number }): Promise<FakeChargily> {
  const checkouts = new Map<string, FakeCheckout>()
  const requests: FakeChargily['requests'] = []
  let failWith: number | null = null
  let origin = ''
  const now = () => Math.floor(Date.now() / 1000)
  const newId = () => `01${randomBytes(12).toString('hex')}`

  const sign = (body: string) => createHmac('sha256', secretKey).update(body).digest('hex')
  const signedEvent = (checkoutId: string, type: string, eventId = newId()) => {
    const checkout = checkouts.get(checkoutId)
    if (!checkout) throw new Error(`no checkout ${checkoutId}`)
    const body = JSON.stringify({ id: eventId, entity: 'event', livemode: 'false', type, data: checkout, created_at: now(), updated_at: now() })
    return { body, signature: sign(body) }
  }
  const settle = async (checkoutId: string, status: 'paid' | 'failed' | 'canceled') => {
    const checkout = checkouts.get(checkoutId)
    if (!checkout) throw new Error(`no checkout ${checkoutId}`)
    checkout.status = status
    checkout.updated_at = now()
    if (!checkout.webhook_endpoint) return null
    const { body, signature } = signedEvent(checkoutId, `checkout.${status}`)
    return fetch(checkout.webhook_endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', signature }, body })
  }
  const plant = (fields: Partial<FakeCheckout> & { amount: number }) => {
    const id = fields.id ?? newId()
    const checkout: FakeCheckout = {
      id,
      entity: 'checkout',
      livemode: false,
      currency: 'dzd',
      fees: Math.round(fields.amount * FEE_BPS) / 10_000,
      pass_fees_to_customer: false,
      status: 'pending',
      locale: 'ar',
      description: null,
      success_url: 'http://localhost/ok',
      failure_url: null,
      webhook_endpoint: null,
      payment_method: 'edahabia',
      metadata: {},
      created_at: now(),
      updated_at: now(),
      checkout_url: `${origin}/pay/${id}`,
      ...fields,
    }
    checkouts.set(id, checkout)
    return checkout
  }

  // `Connection: close`: a kept-alive socket the server times out just as the SDK's fetch reuses it
  // fails the request ("fetch failed") on a slow machine.
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' })
    res.end(JSON.stringify(body))
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, url: URL, raw: string) {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined
    requests.push({ method: req.method ?? 'GET', path: path + url.search, body, authorization: req.headers.authorization })
    if (failWith) {
      const status = failWith
      failWith = null
      return json(res, status, { message: 'Server Error' })
    }
    if (req.headers.authorization !== `Bearer ${secretKey}`) return json(res, 401, { message: 'Unauthenticated.' })
    if (req.method === 'POST' && path === '/checkouts') {
      const errors: Record<string, string[]> = {}
      const amount = Number(body?.amount)
      if (!Number.isFinite(amount) || amount < 50) errors.amount = ['The amount must be at least 50.']
      if (body?.currency !== 'dzd') errors.currency = ['The selected currency is invalid.']
      if (body?.payment_method !== undefined && !['edahabia', 'cib'].includes(String(body.payment_method))) errors.payment_method = ['The selected payment method is invalid.']
      if (typeof body?.success_url !== 'string' || !/^https?:\/\//.test(body.success_url)) errors.success_url = ['The success url must be a valid URL.']
      if (body?.locale !== undefined && !['ar', 'en', 'fr'].includes(String(body.locale))) errors.locale = ['The selected locale is invalid.']
      if (Object.keys(errors).length) return json(res, 422, { message: Object.values(errors)[0]![0], errors })
      const checkout = plant({
        amount,
        pass_fees_to_customer: Boolean(body!.pass_fees_to_customer),
        locale: (body!.locale as FakeCheckout['locale']) ?? 'ar',
        description: (body!.description as string) ?? null,
        success_url: body!.success_url as string,
        failure_url: (body!.failure_url as string) ?? null,
        webhook_endpoint: (body!.webhook_endpoint as string) ?? null,
        payment_method: (body!.payment_method as string) ?? 'edahabia',
        metadata: (body!.metadata as Record<string, unknown>) ?? {},
      })
      return json(res, 200, checkout)
    }
    const one = /^\/checkouts\/([^/]+)$/.exec(path)
    if (req.method === 'GET' && one) {
      const checkout = checkouts.get(one[1]!)
      return checkout ? json(res, 200, checkout) : json(res, 404, { message: 'Not Found' })
    }
    if (req.method === 'GET' && path === '/checkouts') {
      const perPage = Math.max(1, Math.min(50, Number(url.searchParams.get('per_page') ?? 10)))
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1))
      const all = [...checkouts.values()].sort((a, b) => b.created_at - a.created_at)
      const lastPage = Math.max(1, Math.ceil(all.length / perPage))
      return json(res, 200, {
        livemode: false,
        current_page: page,
        data: all.slice((page - 1) * perPage, page * perPage),
        first_page_url: `${origin}/test/api/v2/checkouts?page=1`,
        last_page: lastPage,
        last_page_url: `${origin}/test/api/v2/checkouts?page=${lastPage}`,
        next_page_url: page < lastPage ? `${origin}/test/api/v2/checkouts?page=${page + 1}` : null,
        path: `${origin}/test/api/v2/checkouts`,
        per_page: perPage,
        prev_page_url: null,
        total: all.length,
      })
    }
    return json(res, 404, { message: 'Not Found' })
  }

  const server = createServer(async (req, res) => {
    try {
      let raw = ''
      for await (const chunk of req) raw += chunk
      const url = new URL(req.url ?? '/', origin)
      if (url.pathname.startsWith('/test/api/v2/')) return await api(req, res, url.pathname.slice('/test/api/v2'.length), url, raw)
      const pay = /^\/pay\/([^/]+)$/.exec(url.pathname)
      const checkout = pay ? checkouts.get(pay[1]!) : undefined
      if (!checkout) return json(res, 404, { message: 'Not Found' })
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        return res.end(`<!doctype html><html lang="${checkout.locale}"><head><meta name="viewport" content="width=device-width"><title>Chargily Pay (test)</title></head>
<body><h1>Chargily Pay — ${checkout.payment_method}</h1><p id="amount">${checkout.amount} DZD</p>
<form method="post"><button name="action" value="pay" style="min-height:48px">Pay</button> <button name="action" value="fail" style="min-height:48px">Fail</button></form></body></html>`)
      }
      const action = new URLSearchParams(raw).get('action')
      await settle(checkout.id, action === 'pay' ? 'paid' : 'failed')
      res.writeHead(303, { Location: action === 'pay' ? checkout.success_url : (checkout.failure_url ?? checkout.success_url) })
      res.end()
    } catch (error) {
      json(res, 500, { message: String(error) })
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    apiUrl: `${origin}/test/api/v2`,
    origin,
    checkouts,
    requests,
    failNext: (status) => void (failWith = status),
    signedEvent,
    settle,
    plant,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, secret: { type: 'string' } } })
  const fake = await startFakeChargily({ secretKey: values.secret ?? 'test_sk_fake', port: Number(values.port ?? 0) })
  console.log(`fake Chargily at ${fake.apiUrl}`)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)))
}
