// A small local stand-in for the parts of Stripe's API we use (Checkout Sessions, Refunds), written
// from Stripe's API reference, so the real `stripe` SDK runs end to end (host/port/protocol
// options) without the internet. Events are signed with the SDK's own test-header helper.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'

export type FakeSession = {
  id: string
  object: 'checkout.session'
  url: string | null
  client_reference_id: string | null
  metadata: Record<string, string>
  amount_total: number
  currency: 'dzd'
  status: 'open' | 'complete' | 'expired'
  payment_status: 'paid' | 'unpaid' | 'no_payment_required'
  payment_intent: string | null
  created: number
}

export type FakeStripe = {
  host: string
  port: number
  sessions: Map<string, FakeSession>
  requests: { method: string; path: string; params: URLSearchParams; idempotencyKey: string | undefined }[]
  refunds: { id: string; payment_intent: string; amount: number }[]
  /**
   * The next N refund requests are carried out, then their connection is dropped before any answer
   * (the worst timeout: the money went back but the caller does not know).
   */
  dropRefundAnswers: number
  /** Sets a session's state (paid: gets a payment intent). */
  update(id: string, fields: Partial<FakeSession>): FakeSession
  /** A signed event about a session, as Stripe would POST it. */
  signedEvent(type: string, sessionId: string, secret: string): { payload: string; signature: string }
  close(): Promise<void>
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const sessions = new Map<string, FakeSession>()
  const requests: FakeStripe['requests'] = []
  const refunds: FakeStripe['refunds'] = []
  // Stripe keeps a request's answer under its Idempotency-Key and replays it for the same key.
  const answered = new Map<string, unknown>()
  const stripe = new Stripe('sk_test_fake')
  const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`

  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const url = new URL(req.url ?? '/', 'http://localhost')
    const params = new URLSearchParams(req.method === 'GET' ? url.search : body)
    requests.push({ method: req.method ?? 'GET', path: url.pathname, params, idempotencyKey: req.headers['idempotency-key'] as string | undefined })
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': 'req_fake' })
      res.end(JSON.stringify(value))
    }
    const notFound = () => send(404, { error: { type: 'invalid_request_error', message: 'No such object' } })
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      let amount = 0
      for (let i = 0; params.has(`line_items[${i}][quantity]`); i++) {
        amount += Number(params.get(`line_items[${i}][price_data][unit_amount]`)) * Number(params.get(`line_items[${i}][quantity]`))
      }
      const id = newId('cs_test')
      const session: FakeSession = {
        id,
        object: 'checkout.session',
        url: `https://checkout.stripe.test/pay/${id}`,
        client_reference_id: params.get('client_reference_id'),
        metadata: { checkoutId: params.get('metadata[checkoutId]') ?? '' },
        amount_total: amount,
        currency: 'dzd',
        status: 'open',
        payment_status: 'unpaid',
        payment_intent: null,
        created: Math.floor(Date.now() / 1000),
      }
      sessions.set(id, session)
      return send(200, session)
    }
    const one = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'GET' && one) {
      const session = sessions.get(one[1]!)
      return session ? send(200, session) : notFound()
    }
    if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions') {
      const gte = Number(params.get('created[gte]') ?? 0)
      const lt = Number(params.get('created[lt]') ?? Infinity)
      const data = [...sessions.values()].filter((s) => s.created >= gte && s.created < lt)
      return send(200, { object: 'list', url: '/v1/checkout/sessions', has_more: false, data })
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const key = req.headers['idempotency-key'] as string | undefined
      let answer = key ? answered.get(key) : undefined
      if (!answer) {
        const paymentIntent = params.get('payment_intent') ?? ''
        if (![...sessions.values()].some((s) => s.payment_intent === paymentIntent)) return notFound()
        const refund = { id: newId('re'), payment_intent: paymentIntent, amount: Number(params.get('amount')) }
        refunds.push(refund)
        answer = { ...refund, object: 'refund', status: 'succeeded', currency: 'dzd' }
        if (key) answered.set(key, answer)
      }
      if (fake.dropRefundAnswers > 0) {
        fake.dropRefundAnswers--
        req.socket.destroy()
        return
      }
      return send(200, answer)
    }
    return notFound()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const fake: FakeStripe = {
    dropRefundAnswers: 0,
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    sessions,
    requests,
    refunds,
    update(id, fields) {
      const session = sessions.get(id)
      if (!session) throw new Error(`no session ${id}`)
      Object.assign(session, fields)
      if (session.payment_status === 'paid' && !session.payment_intent) session.payment_intent = newId('pi')
      return session
    },
    signedEvent(type, sessionId, secret) {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`no session ${sessionId}`)
      const payload = JSON.stringify({ id: newId('evt'), object: 'event', type, data: { object: session } })
      return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret }) }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  return fake
}
