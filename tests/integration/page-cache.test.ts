import { createHash, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { AppLoadContext } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { catalogCacheHeaders } from '~/modules/catalog/http-cache.server'
import { pageCacheMiddleware } from '~/modules/page-cache/middleware.server'
import { sharedData } from '~/modules/page-cache/shared-data.server'
import { getLanguage, languageCookie } from '~/utils/i18n.server'
import { helmetOptions } from '~/utils/security-headers.server'

// The page cache in the middleware stack of server.ts (nonce, helmet, compression, cache, then the
// app), in front of a stand-in for Remix that renders like the real layout does: the language
// from the cookie or Accept-Language, who is logged in, a price read at render time, inline
// scripts carrying this render's nonce, and the catalog's caching headers. The browser test
// tests/e2e/page-cache.spec.ts runs the same checks on the built app.

let price = 1_500
let renders = 0
let priceReads = 0

async function renderPage(request: Request, context: AppLoadContext) {
  renders++
  const language = await getLanguage(request)
  const loggedIn = /taswiq_session=/.test(request.headers.get('Cookie') ?? '')
  const nonce = context.cspNonce ?? ''
  const url = new URL(request.url)
  // Like the home page's lists: data every visitor's page shows, read once for all renders.
  const shownPrice = await sharedData('test:price', async () => (priceReads++, price))
  const html =
    `<!DOCTYPE html><html lang="${language}"><head><script nonce="${nonce}">window.page=${JSON.stringify(url.pathname + url.search)}</script></head>` +
    `<body><p id="who">${loggedIn ? 'Amina (logged in)' : 'guest'}</p><p id="price">${shownPrice}</p>` +
    `<script type="application/ld+json">{"@type":"Product"}</script>` +
    `<script type="module" nonce="${nonce}">import "/assets/entry.js"; window.lang = "${language}"</script></body></html>`
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', ...catalogCacheHeaders(request) })
  // A freshness of zero: every later request finds the page stale.
  if (url.pathname === '/always-stale') headers.set('Cache-Control', 'public, max-age=0, stale-while-revalidate=300')
  // A page that is never shared: it sets a cookie.
  if (url.pathname === '/login') headers.set('Set-Cookie', 'csrf=1; Path=/; HttpOnly')
  return new Response(html, { headers })
}

function fetchRequest(req: express.Request) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  return new Request(`http://${req.get('host')}${req.originalUrl}`, { method: req.method, headers })
}

const app = express()
app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
})
app.use(helmet(helmetOptions({ isProduction: true, isHttps: false, uploadthing: false })))
app.use(compression())
const middleware = pageCacheMiddleware({ handle: renderPage })
app.use(middleware)
// A producer's price change, and a cart addition (which changes no catalog page).
app.post('/dashboard/products/:id', express.urlencoded({ extended: false }), (req, res) => {
  price = Number(req.body.price)
  res.redirect(303, `/dashboard/products/${req.params.id}`)
})
app.post('/cart', (_req, res) => {
  res.redirect(303, '/cart')
})
// What Remix does for everything the cache passes on.
app.get('*', async (req, res) => {
  const response = await renderPage(fetchRequest(req), { cspNonce: res.locals.cspNonce as string })
  res.status(response.status)
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(await response.text())
})

let base = ''
let server: ReturnType<typeof app.listen>
beforeAll(async () => {
  server = app.listen(0)
  await new Promise<void>((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
})
beforeEach(() => {
  middleware.cache.invalidate()
  renders = 0
})

const SESSION = 'taswiq_session=c2Vzc2lvbi1vZi1hbWluYQ%3D%3D.signature'

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers: { 'Accept-Language': 'ar', ...headers } })
  return { response, html: await response.text(), state: response.headers.get('X-Page-Cache') }
}

/** The executable inline scripts of a page (not JSON data blocks), with their nonce attribute. */
function inlineScripts(html: string) {
  return [...html.matchAll(/<script((?:\s[^>]*)?)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !/\stype="application\/(ld\+)?json"/.test(attributes ?? ''))
    .map(([, attributes, code]) => ({ nonce: /\snonce="([^"]*)"/.exec(attributes ?? '')?.[1], code: code ?? '' }))
}

/** The sources of `script-src`, and whether they allow exactly this page's inline scripts. */
function checkScriptPolicy(response: Response, html: string) {
  const policy = response.headers.get('Content-Security-Policy') ?? ''
  const sources = (/script-src ([^;]*)/.exec(policy)?.[1] ?? '').split(' ')
  expect(sources).not.toContain("'unsafe-inline'")
  const scripts = inlineScripts(html)
  expect(scripts.length).toBeGreaterThan(0)
  const hashes = new Set(sources.filter((s) => s.startsWith("'sha256-")))
  const nonces = sources.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice(7, -1))
  for (const script of scripts) {
    const hash = `'sha256-${createHash('sha256').update(script.code).digest('base64')}'`
    const allowed = hashes.has(hash) || (script.nonce !== undefined && nonces.includes(script.nonce))
    expect(allowed, `script ${script.code.slice(0, 40)} allowed by ${policy}`).toBe(true)
  }
  // Nothing else: every hash is one of these scripts, every nonce is the one they carry.
  const ownHashes = new Set(scripts.map((s) => `'sha256-${createHash('sha256').update(s.code).digest('base64')}'`))
  for (const hash of hashes) expect(ownHashes.has(hash)).toBe(true)
  for (const nonce of nonces) expect(scripts.every((s) => s.nonce === nonce)).toBe(true)
  return { hashes: [...hashes], nonces }
}

describe('page cache', () => {
  it('an anonymous visitor gets a page rendered once, then from the cache', async () => {
    const first = await get('/p/honey')
    const second = await get('/p/honey')
    expect(first.state).toBe('miss')
    expect(second.state).toBe('hit')
    expect(second.html).toBe(first.html)
    expect(second.html).toContain('<p id="who">guest</p>')
    expect(second.response.headers.get('Cache-Control')).toBe('public, max-age=60, stale-while-revalidate=300')
    expect(second.response.headers.get('Vary')).toContain('Accept-Encoding')
    expect(renders).toBe(1)
  })

  it('a logged-in visitor never gets a cached page, nor an anonymous page’s headers', async () => {
    await get('/p/honey')
    await get('/p/honey')
    const member = await get('/p/honey', { Cookie: `lng=${encodeURIComponent('ImFyIg==')}; ${SESSION}` })
    expect(member.html).toContain('Amina (logged in)')
    expect(member.state).toBeNull()
    expect(member.response.headers.get('ETag')).toBeNull()
    expect(member.response.headers.get('Age')).toBeNull()
    expect(member.response.headers.get('Cache-Control')).toBe('private, no-store')
    // And the anonymous page is still the anonymous one.
    expect((await get('/p/honey')).html).toContain('<p id="who">guest</p>')
    // A flash toast or a cart cookie makes a visitor personal too.
    for (const cookie of ['taswiq_toast=eyJ0eXBlIjoic3VjY2VzcyJ9', 'taswiq_cart=abc.def']) {
      const personal = await get('/p/honey', { Cookie: cookie })
      expect(personal.state).toBeNull()
      expect(personal.response.headers.get('Cache-Control')).toBe('private, no-store')
    }
  })

  it('a price change is visible on the very next request; a cart addition keeps the cache', async () => {
    expect((await get('/p/honey')).html).toContain('<p id="price">1500</p>')
    await fetch(`${base}/cart`, { method: 'POST', redirect: 'manual' })
    expect((await get('/p/honey')).state).toBe('hit')

    const saved = await fetch(`${base}/dashboard/products/honey`, {
      method: 'POST',
      body: new URLSearchParams({ price: '1999' }),
      headers: { Cookie: SESSION },
      redirect: 'manual',
    })
    expect(saved.status).toBe(303)
    const after = await get('/p/honey')
    expect(after.state).toBe('miss')
    expect(after.html).toContain('<p id="price">1999</p>')
  })

  it('logged-in renders share data that the same writes empty: a price change shows on their next request', async () => {
    const reads = priceReads
    const first = await get('/p/shared', { Cookie: SESSION })
    const second = await get('/p/shared', { Cookie: SESSION })
    expect(first.html).toContain(`<p id="price">${price}</p>`)
    expect(second.html).toContain('Amina (logged in)')
    expect(priceReads - reads).toBeLessThanOrEqual(1)
    const saved = await fetch(`${base}/dashboard/products/shared`, {
      method: 'POST',
      body: new URLSearchParams({ price: '2500' }),
      headers: { Cookie: SESSION },
      redirect: 'manual',
    })
    expect(saved.status).toBe(303)
    const after = await get('/p/shared', { Cookie: SESSION })
    expect(after.html).toContain('<p id="price">2500</p>')
    expect(after.html).toContain('Amina (logged in)')
    expect(after.state).toBeNull()
  })

  it('two languages never mix; the key is the language resolved, not the raw headers', async () => {
    const french = await languageCookie.serialize('fr')
    const ar = await get('/c/honey', { 'Accept-Language': 'ar-DZ,ar;q=0.9' })
    const frByCookie = await get('/c/honey', { Cookie: french.split(';')[0]! })
    const frByHeader = await get('/c/honey', { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.5' })
    const arAgain = await get('/c/honey', { 'Accept-Language': 'ar' })
    expect(ar.html).toContain('<html lang="ar">')
    expect(frByCookie.html).toContain('<html lang="fr">')
    expect(frByCookie.state).toBe('miss')
    expect(frByHeader.state).toBe('hit')
    expect(frByHeader.html).toContain('<html lang="fr">')
    expect(arAgain.state).toBe('hit')
    expect(arAgain.html).toContain('<html lang="ar">')
    expect(renders).toBe(2)
  })

  it('each response’s CSP allows exactly its own scripts; no response reuses another’s nonce', async () => {
    const miss = await get('/s/atelier')
    const hit = await get('/s/atelier')
    for (const page of [miss, hit]) {
      const { nonces } = checkScriptPolicy(page.response, page.html)
      // A stored page carries no nonce at all: its scripts are allowed by hash.
      expect(nonces).toEqual([])
      expect(page.html).not.toContain('nonce=')
    }
    // Uncached pages keep a fresh nonce per response.
    const one = await get('/s/atelier', { Cookie: SESSION })
    const two = await get('/s/atelier', { Cookie: SESSION })
    const login = await get('/login')
    const seen = [one, two, login].map((page) => checkScriptPolicy(page.response, page.html).nonces)
    for (const nonces of seen) expect(nonces).toHaveLength(1)
    expect(new Set(seen.flat()).size).toBe(3)
    expect(login.state).toBeNull()
  })

  it('answers 304 to a matching If-None-Match, and sends each stored encoding of the same page', async () => {
    const page = await get('/p/honey')
    const etag = page.response.headers.get('ETag')!
    expect(etag).toMatch(/^W\/".+"$/)
    const notModified = await fetch(`${base}/p/honey`, { headers: { 'Accept-Language': 'ar', 'If-None-Match': etag } })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
    expect((await fetch(`${base}/p/honey`, { headers: { 'Accept-Language': 'ar', 'If-None-Match': 'W/"other"' } })).status).toBe(200)

    const raw = async (encoding: string) => {
      const response = await fetch(`${base}/p/honey`, { headers: { 'Accept-Language': 'ar', 'Accept-Encoding': encoding } })
      // fetch decodes by itself: the header says what was sent, the stored bodies are checked below.
      return { encoding: response.headers.get('Content-Encoding'), html: await response.text() }
    }
    expect(await raw('br, gzip')).toEqual({ encoding: 'br', html: page.html })
    expect(await raw('gzip')).toEqual({ encoding: 'gzip', html: page.html })
    // Only the compressed bodies are kept: a client accepting neither gets the gzip one decompressed.
    expect(await raw('identity')).toEqual({ encoding: null, html: page.html })
    expect(Object.keys(middleware.cache.lookup(`ar ${base}/p/honey`)!.entry.bodies).sort()).toEqual(['br', 'gzip'])
    const entry = middleware.cache.lookup(`ar ${base}/p/honey`)!.entry
    expect(gunzipSync(entry.bodies.gzip).toString()).toBe(page.html)
    expect(brotliDecompressSync(entry.bodies.br).toString()).toBe(page.html)
  })

  it('renders once for concurrent misses, and serves a stale page while one request renders it again', async () => {
    const pages = await Promise.all(Array.from({ length: 8 }, () => get('/c/pottery')))
    expect(renders).toBe(1)
    expect(new Set(pages.map((p) => p.html)).size).toBe(1)

    renders = 0
    await get('/always-stale')
    const stale = await get('/always-stale')
    expect(stale.state).toBe('stale')
    await expect.poll(() => renders).toBe(2)
  })
})
