import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReadableStreamFromReadable } from '@remix-run/node'
import express from 'express'
import helmet from 'helmet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_FORM_BODY_BYTES, requestGuards } from '~/utils/request-guards.server'
import { helmetOptions } from '~/utils/security-headers.server'
import { routeFiles } from '../support/route-files'

// The guards server.ts mounts before Remix, in front of a stand-in for the Remix handler that
// reads the body as Remix does (the Express adapter's request, then formData()) and records every
// form it got: a refused request must never reach it, an accepted one must arrive whole.

const APP_URL = 'http://taswiq.test:3000'
let base: string
let server: ReturnType<express.Express['listen']>
const handled: { path: string; fields: Record<string, string> }[] = []

beforeAll(async () => {
  const app = express()
  app.use((_req, res, next) => {
    res.locals.cspNonce = 'bm9uY2U='
    next()
  })
  app.use(helmet(helmetOptions({ isProduction: true, isHttps: false, uploadthing: false })))
  app.use(requestGuards({ appUrl: APP_URL }))
  app.all('*', async (req, res) => {
    // The body as Remix's Express adapter hands it to a route.
    const request = new Request(`${APP_URL}${req.originalUrl}`, {
      method: req.method,
      ...(req.method === 'GET' ? {} : { body: createReadableStreamFromReadable(req), duplex: 'half' }),
      headers: req.headers as Record<string, string>,
    } as RequestInit)
    try {
      const form = request.method === 'GET' ? new FormData() : await request.formData()
      const fields = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.size}`]))
      handled.push({ path: req.originalUrl, fields })
      res.status(200).send('handled')
    } catch {
      // The body stream failed (a guard refused it half-way): the route never acts.
      if (!res.headersSent) res.status(500).send('body failed')
    }
  })
  server = app.listen(0)
  await new Promise<void>((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server?.close())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

async function post(path: string, headers: Record<string, string>, body: string | FormData = form({ name: 'Nadia' })) {
  const before = handled.length
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: typeof body === 'string' ? { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } : headers,
    body,
  })
  return { status: response.status, text: await response.text(), reached: handled.slice(before), response }
}

/** A raw request (fetch would re-encode a malformed URL, and always sends a Content-Length). */
function raw(path: string, { method = 'GET', headers = {}, chunks = [] }: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode!, text }))
    })
    req.on('error', reject)
    const write = (i: number) => {
      if (i >= chunks.length) return void req.end()
      if (req.destroyed) return
      req.write(chunks[i], () => setImmediate(() => write(i + 1)))
    }
    write(0)
  })
}

describe('cross-site writes', () => {
  it('refuses a POST from another origin to a page action, a ?_data= action and a resource route, before any route code', async () => {
    for (const path of ['/account', '/account?_data=routes%2Faccount%2B%2F_index', '/logout']) {
      const answer = await post(path, { Origin: 'https://evil.example', 'Accept-Language': 'fr-FR,fr;q=0.9' })
      expect(answer.status).toBe(403)
      expect(answer.reached).toEqual([])
      expect(answer.text).toContain('Demande refusée')
    }
  })

  it('refuses a sibling origin (another port, a subdomain) and Sec-Fetch-Site other than same-origin without Origin', async () => {
    const refused: Record<string, string>[] = [
      { Origin: 'http://taswiq.test:3001' },
      { Origin: 'http://shop.taswiq.test:3000' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]
    for (const headers of refused) {
      const answer = await post('/account', headers)
      expect(answer.status, JSON.stringify(headers)).toBe(403)
      expect(answer.reached).toEqual([])
    }
  })

  it('answers in the language of the cookie, else Accept-Language, else Arabic', async () => {
    expect((await post('/logout', { Origin: 'https://evil.example' })).text).toContain('lang="ar" dir="rtl"')
    expect((await post('/logout', { Origin: 'https://evil.example', 'Accept-Language': 'en' })).text).toContain('Request refused')
  })

  it('lets our own pages post: APP_URL, the address the request was sent to, or a client that sends neither header', async () => {
    const ownHost = new URL(base).host
    const allowed: Record<string, string>[] = [{ Origin: APP_URL }, { Origin: `http://${ownHost}`, 'Sec-Fetch-Site': 'same-origin' }, {}, { 'Sec-Fetch-Site': 'none' }]
    for (const headers of allowed) {
      const answer = await post('/account', headers)
      expect(answer.status, JSON.stringify(headers)).toBe(200)
      expect(answer.reached).toEqual([{ path: '/account', fields: { name: 'Nadia' } }])
    }
  })

  it('lets payment webhooks through whatever their origin: they are authenticated by signature', async () => {
    for (const path of ['/resources/stripe-webhook', '/resources/chargily-webhook']) {
      expect((await post(path, { Origin: 'https://hooks.stripe.example', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(200)
    }
  })
})

describe('unusable text in URLs and forms', () => {
  // A path of every route, with each parameter replaced by the bad text.
  const routePaths = (bad: string) =>
    routeFiles()
      .map((file) =>
        file
          .replace(/\.tsx?$/, '')
          .replace(/\[\.\]/g, '.')
          .split('/')
          .map((segment) => segment.replace(/^_[a-z]+\+$/, '').replace(/\+$/, ''))
          .filter(Boolean)
          .join('/')
          .replace(/_index$/, '')
          .replace(/\$[a-zA-Z]+_?/g, bad)
          .replace(/\./g, '/'),
      )
      .map((path) => `/${path}`.replace(/\/+$/, '') || '/')

  it('answers 400 for U+0000 or a lone surrogate in any route parameter, the search and any query', async () => {
    const paths = [
      ...routePaths('%00').filter((p) => p.includes('%00')),
      ...routePaths('a%ED%A0%80b').filter((p) => p.includes('%ED')),
      '/search?q=%00abc',
      '/search?q=%ED%A0%80',
      '/search?q=abc%00',
      '/c/poterie?sort=%00',
      '/%00',
    ]
    expect(paths.length).toBeGreaterThan(20)
    for (const path of paths) {
      const answer = await raw(path, { headers: { 'Accept-Language': 'en' } })
      expect(answer.status, path).toBe(400)
      expect(answer.text).toContain('Invalid link or text')
    }
    expect(handled.filter((h) => /%00|%ED/i.test(h.path))).toEqual([])
  })

  it('keeps ordinary text: Arabic, emoji, a typed percent sign', async () => {
    for (const path of ['/search?q=%D9%83%D8%B3%D9%83%D8%B3', '/search?q=%F0%9F%8D%AF', '/search?q=100%', '/search?q=50%25']) {
      expect((await raw(path)).status, path).toBe(200)
    }
  })

  it('refuses a form whose text holds U+0000, in any case and across chunks, and the route never gets it', async () => {
    expect((await post('/account', {}, form({ name: 'Na\u0000dia' }))).status).toBe(400)
    const split = await raw('/account', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      chunks: [Buffer.from('name=Na%'), Buffer.from('0'), Buffer.from('0dia')],
    })
    expect(split.status).toBe(400)
    expect(handled.filter((h) => h.fields.name?.includes('\u0000'))).toEqual([])
  })
})

describe('body size', () => {
  it('answers 413 to a form over the limit, from its Content-Length, before reading it', async () => {
    const answer = await post('/account', { 'Accept-Language': 'ar' }, form({ name: 'x'.repeat(MAX_FORM_BODY_BYTES) }))
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('الطلب كبير جدًا')
    expect(answer.reached).toEqual([])
  })

  it('answers 413 to a chunked body once it passes the limit, and the route gets nothing', async () => {
    const before = handled.length
    const chunk = Buffer.from(`name=${'x'.repeat(64 * 1024)}`)
    const answer = await raw('/account', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      chunks: Array.from({ length: 40 }, () => chunk),
    }).catch((error: Error) => ({ status: 0, text: error.message }))
    expect(answer.status).toBe(413)
    expect(handled.slice(before)).toEqual([])
  })

  it('takes a multipart form with photos over the form limit', async () => {
    const body = new FormData()
    body.set('name', 'Nadia')
    body.set('photo', new Blob([new Uint8Array(3 * 1024 * 1024)], { type: 'image/jpeg' }), 'photo.jpg')
    const answer = await post('/dashboard/products/new', {}, body)
    expect(answer.status).toBe(200)
    expect(answer.reached[0]?.fields).toEqual({ name: 'Nadia', photo: `file:${3 * 1024 * 1024}` })
  })

  it('answers 415 to a body no form sends (JSON, plain text, XML, multipart without its boundary, no type) before any route; webhooks still take JSON', async () => {
    for (const [type, body] of [
      ['application/json', '{"name":"Nadia"}'],
      ['text/plain', 'name=Nadia'],
      ['application/xml', '<x/>'],
      ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nNadia\r\n--x--\r\n'],
    ] as const) {
      const refused = await post('/account', { Origin: APP_URL, 'Content-Type': type }, body)
      expect(refused.status, type).toBe(415)
      expect(refused.text).toContain('<html lang="ar"')
      expect(refused.reached, type).toEqual([])
    }
    // No type at all, with a body or without.
    expect((await raw('/account', { method: 'POST', headers: { Origin: APP_URL, 'Content-Length': '10' }, chunks: [Buffer.from('name=Nadia')] })).status).toBe(415)
    expect((await raw('/logout', { method: 'POST', headers: { Origin: APP_URL, 'Content-Length': '0' } })).status).toBe(415)
    // A form, an empty form, a multipart form: through.
    expect((await post('/account', { Origin: APP_URL })).status).toBe(200)
    expect((await post('/logout', { Origin: APP_URL }, '')).status).toBe(200)
    const multipart = new FormData()
    multipart.set('name', 'Nadia')
    expect((await post('/account', { Origin: APP_URL }, multipart)).status).toBe(200)
    const webhook = await post('/resources/yalidine-webhook', { 'Content-Type': 'application/json' }, '{"events":[]}')
    expect(webhook.status).not.toBe(415)
  })
})
