import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { hash } from '@node-rs/argon2'
import { expect, test } from '@playwright/test'
import { connect, type DbConnection } from '../../db/client'
import { migrate } from '../../db/migrate'
import { createCategory, createProduct, createShop, createUser } from '../support/factories'
import { findPostgresBinDir, freePort, startThrowawayPostgres } from '../support/throwaway-postgres'
import { msg } from './support/messages'

// PostgreSQL goes away in the middle of a load of page views and cash-on-delivery checkouts, then
// comes back. The built app runs on a PostgreSQL cluster of this test's own (the shared server is
// never stopped); real HTTP, real forms, several buyers at once. What must hold:
// - during the outage every request answers at once (no hanging) with 503, Retry-After and the
//   translated "temporarily unavailable" page, never a 500;
// - afterwards the same server process serves pages and takes orders again, without a restart;
// - no order is half-written: each has its items, its event and its stock movements, each
//   checkout its orders, and every product's stock is its initial stock minus what was sold.

const BUYERS = 5
const PAGE_VISITORS = 3
const OUTAGE_MS = 5_000
/** A request during the outage must answer within this (it would hang for 30 s with postgres.js's defaults). */
const FAST_MS = 3_000
const REQUEST_TIMEOUT_MS = 15_000
const PASSWORD = 'outage-test-pass-1'

test.describe.configure({ timeout: 150_000 })

type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'after'
type Sample = {
  what: string
  at: number
  phase: Phase
  endPhase: Phase
  ms: number
  status: number | 'timeout' | 'network'
  language: 'ar' | 'fr'
  body?: string
  retryAfter?: string | null
  /** `X-Page-Cache` of the answer: an anonymous page kept in memory is served without the database. */
  pageCache?: string | null
}

// Cleaned up after the test even when it fails or times out: the app server, the cluster, the files.
const cleanups: (() => Promise<unknown> | void)[] = []
const diagnostics: (() => string)[] = []
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) for (const describe of diagnostics) console.error(describe())
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch((error: unknown) => console.error(error))
  cleanups.length = 0
  diagnostics.length = 0
})

test('PostgreSQL stops during page views and checkouts: fast translated 503s, recovery without restart, no half-written order', async ({ browser }) => {
  const binDir = findPostgresBinDir()
  // CI must run this test: a machine without PostgreSQL's server binaries fails it, loudly.
  if (!binDir && !process.env.CI) test.skip(true, 'no PostgreSQL server binaries (initdb, pg_ctl): install postgresql or set PG_BINDIR')
  expect(existsSync(path.resolve('build/server/index.js')), 'the built app (npm run build)').toBe(true)

  const workDir = mkdtempSync(path.join(tmpdir(), 'taswiq-outage-'))
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }))
  const pg = await startThrowawayPostgres({ binDir })
  cleanups.push(() => pg.destroy())
  diagnostics.push(() => `PostgreSQL log:\n${pg.log().slice(-4000)}`)
  await pg.createDatabase('taswiq')
  const conn = await connect({ url: pg.url('taswiq'), max: 2 })
  cleanups.push(() => conn.close())
  await migrate(conn)
  const fixture = await createFixture(conn)

  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  // The compiled server, as in production (npm run build).
  const server = spawn(process.execPath, ['--enable-source-maps', 'build/app-server/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: pg.url('taswiq'),
      SESSION_SECRET: 'outage-test-secret-outage-test-secret-42',
      APP_URL: baseURL,
      PORT: String(port),
      UPLOADS_DIR: path.join(workDir, 'uploads'),
      PRIVATE_UPLOADS_DIR: path.join(workDir, 'private'),
      TRUST_PROXY: '1',
      SMTP_URL: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  cleanups.push(() => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
  })
  let serverOutput = ''
  diagnostics.push(() => `app output:\n${serverOutput.slice(-8000)}`)
  const serverPid = server.pid
  let serverExit: number | null | undefined
  server.on('exit', (code) => (serverExit = code))
  server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()))
  server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()))
  await waitFor(
    async () => (await fetch(`${baseURL}/healthz`)).ok,
    60_000,
    () => `the app did not start:\n${serverOutput}`
  )

  // --- the load: buyers placing orders, visitors reading pages, each from its own IP
  let phase: Phase = 'before'
  let loadRunning = true
  const samples: Sample[] = []
  const timed = async (client: Client, what: string, method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const startPhase = phase
    const started = performance.now()
    const response = await client
      .request(method, url, form)
      .catch((error: Error): 'timeout' | 'network' => (error.name === 'TimeoutError' ? 'timeout' : 'network'))
    const ms = performance.now() - started
    const sample: Sample = {
      what,
      at: started,
      phase: startPhase,
      endPhase: phase,
      ms,
      language: client.language,
      status: typeof response === 'string' ? response : response.status,
      pageCache: typeof response === 'string' ? null : response.headers.get('X-Page-Cache'),
    }
    if (typeof response !== 'string' && response.status >= 500) {
      sample.body = await response.text()
      sample.retryAfter = response.headers.get('Retry-After')
    }
    samples.push(sample)
    return typeof response === 'string' ? null : response
  }

  const buyers = await Promise.all(
    fixture.buyers.map(async (email, i) => {
      const client = new Client(baseURL, `10.77.1.${i + 1}`, i % 2 ? 'fr' : 'ar')
      const login = await client.request('POST', '/login', { email, password: PASSWORD, redirectTo: '/' })
      expect(login.status, `log-in of ${email}`).toBe(302)
      const saved = await client.request('POST', '/checkout?index', {
        intent: 'address',
        fullName: 'زبون الاختبار',
        phone: '0770 11 22 33',
        wilayaCode: String(fixture.wilayaCode),
        communeCode: fixture.communeCode,
        street: 'حي الاختبار، شارع 1، رقم 2',
        deliveryMode: 'home',
      })
      if (saved.status !== 302) throw new Error(`address step answered ${saved.status}`)
      return { client, completed: [] as { checkoutId: string; phase: Phase }[] }
    })
  )

  const buyerLoop = async (buyer: (typeof buyers)[number], n: number) => {
    let pendingKey: string | null = null
    for (let round = 0; loadRunning; round++) {
      if (!pendingKey) {
        const productId = fixture.productIds[(n + round) % fixture.productIds.length]!
        await timed(buyer.client, 'add to cart', 'POST', '/cart', { intent: 'add', productId, quantity: '1', redirectTo: '/cart' })
        const review = await timed(buyer.client, 'checkout review', 'GET', '/checkout?step=review')
        if (!review || review.status !== 200) {
          await pause(200)
          continue
        }
        pendingKey = idempotencyKeyIn(await review.text())
      }
      const confirmPhase = phase
      const confirmed = await timed(buyer.client, 'confirm', 'POST', '/checkout?index', {
        intent: 'confirm',
        idempotencyKey: pendingKey,
        paymentMethod: 'cod',
      })
      const location = confirmed?.headers.get('Location') ?? ''
      const checkoutId = confirmed?.status === 302 ? new URL(location, baseURL).searchParams.get('checkout') : null
      if (checkoutId) {
        buyer.completed.push({ checkoutId, phase: confirmPhase })
        pendingKey = null
      } else if (confirmed && confirmed.status < 500) {
        throw new Error(`confirm answered ${confirmed.status} ${location}`)
      } else {
        // 503: the person taps "confirm" again with the same form (same idempotency key) later.
        await pause(200)
      }
    }
  }
  const pages = ['/', `/p/${fixture.productSlugs[0]}`, `/c/${fixture.categorySlug}`, '/search?q=%D8%B9%D8%B3%D9%84', `/p/${fixture.productSlugs[1]}.data`]
  const visitorLoop = async (n: number) => {
    const client = new Client(baseURL, `10.77.2.${n + 1}`, n % 2 ? 'fr' : 'ar')
    for (let i = n; loadRunning; i++) {
      const page = pages[i % pages.length]!
      await timed(client, page.endsWith('.data') ? 'data request' : 'page view', 'GET', page)
      await pause(50)
    }
  }
  const load = Promise.all([...buyers.map(buyerLoop), ...Array.from({ length: PAGE_VISITORS }, (_, n) => visitorLoop(n))])

  // Warm up: every buyer has ordered once with the database up.
  await waitFor(
    async () => buyers.every((b) => b.completed.length > 0),
    30_000,
    () => 'no checkout before the outage'
  )

  // A French visitor with JavaScript already on a page: their next click is a client navigation.
  const navigating = await browser.newContext({ locale: 'fr-FR' })
  cleanups.push(() => navigating.close())
  const spa = await navigating.newPage()
  await spa.goto(`${baseURL}/`)
  await spa.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized)

  // --- the outage
  phase = 'stopping'
  await pg.stop('immediate')
  phase = 'down'
  const downAt = performance.now()
  // What a person sees, in a real browser: Arabic by default, French when the browser asks for it.
  for (const language of ['ar', 'fr'] as const) {
    const context = await browser.newContext({ locale: language === 'ar' ? 'ar-DZ' : 'fr-FR' })
    const page = await context.newPage()
    const response = await page.goto(`${baseURL}/p/${fixture.productSlugs[0]}`)
    expect(response?.status()).toBe(503)
    expect(response?.headers()['retry-after']).toBeTruthy()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(language, 'errors.unavailable.title'))
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr')
    await expect(page.getByRole('link', { name: msg(language, 'errors.tryAgain') })).toBeVisible()
    await context.close()
  }
  // The client navigation's data request gets the 503 too: the same translated page, no reload.
  const dataResponse = spa.waitForResponse((r) => r.url().includes('.data'))
  await spa.locator(`a[href="/p/${fixture.productSlugs[0]}"]`).first().click()
  expect((await dataResponse).status()).toBe(503)
  await expect(spa.getByRole('heading', { level: 1 })).toHaveText(msg('fr', 'errors.unavailable.title'))
  await expect(spa.locator('html')).toHaveAttribute('lang', 'fr')
  await pause(Math.max(0, OUTAGE_MS - (performance.now() - downAt)))

  // --- back up
  phase = 'starting'
  await pg.start()
  phase = 'after'
  const upAt = performance.now()
  const probe = new Client(baseURL, '10.77.3.1', 'ar')
  await waitFor(
    async () => (await probe.request('GET', '/')).status === 200,
    30_000,
    () => 'the home page never came back'
  )
  const recoveredAt = performance.now()
  const recoveryMs = recoveredAt - upAt
  await waitFor(
    async () => buyers.every((b) => b.completed.some((c) => c.phase === 'after')),
    30_000,
    () => 'a buyer could not check out after the database came back'
  )
  loadRunning = false
  await load

  // --- what the requests saw
  const during = samples.filter((s) => s.phase === 'down' && s.endPhase === 'down')
  const byStatus = (list: Sample[]) => list.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {})
  const quantile = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))] ?? NaN
  const duringMs = during.map((s) => s.ms)
  const report = {
    requests: samples.length,
    byPhase: Object.fromEntries((['before', 'stopping', 'down', 'starting', 'after'] as const).map((p) => [p, byStatus(samples.filter((s) => s.phase === p))])),
    outageRequests: during.length,
    outageMsP50: Math.round(quantile(duringMs, 0.5)),
    outageMsP95: Math.round(quantile(duringMs, 0.95)),
    outageMsMax: Math.round(Math.max(...duringMs)),
    recoveryMs: Math.round(recoveryMs),
    checkouts: buyers.reduce((n, b) => n + b.completed.length, 0),
    checkoutsAfterRestart: buyers.reduce((n, b) => n + b.completed.filter((c) => c.phase === 'after').length, 0),
    slowest: [...samples]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((s) => `${s.what} ${s.phase}→${s.endPhase} ${s.status} ${Math.round(s.ms)} ms`),
  }
  console.log(`database outage: ${JSON.stringify(report)}`)
  test.info().annotations.push({ type: 'measured', description: JSON.stringify(report) })

  expect(during.length, 'requests made while the database was down').toBeGreaterThanOrEqual(10)
  for (const s of during) {
    // An anonymous page still in the page cache (no write since it was rendered) is served from
    // memory without the database: the visitor reads it, which is the cache doing its job.
    if (s.status === 200 && s.what === 'page view' && (s.pageCache === 'hit' || s.pageCache === 'stale')) continue
    expect(s.status, `${s.what} during the outage (page cache: ${s.pageCache ?? 'none'})`).toBe(503)
    expect(s.ms, `${s.what} during the outage answered in ${Math.round(s.ms)} ms`).toBeLessThan(FAST_MS)
    expect(s.retryAfter, `${s.what}: Retry-After`).toBeTruthy()
    if (s.what !== 'data request') {
      expect(s.body).toContain(msg(s.language, 'errors.unavailable.title'))
      expect(s.body).toContain(`lang="${s.language}"`)
    }
  }
  // Nothing hung and nothing was a 500, including requests caught in flight by the crash.
  const broken = samples.filter(
    (s) => s.status === 'timeout' || s.status === 'network' || (typeof s.status === 'number' && s.status >= 500 && s.status !== 503)
  )
  expect(broken.map((s) => `${s.what} (${s.phase}→${s.endPhase}): ${s.status}`)).toEqual([])
  // Once the first page came back, nothing fails any more: the pool reconnected by itself.
  const afterRecovery = samples.filter((s) => s.at > recoveredAt)
  expect(afterRecovery.length).toBeGreaterThan(0)
  expect(afterRecovery.filter((s) => s.status !== 200 && s.status !== 302).map((s) => `${s.what}: ${s.status}`)).toEqual([])
  expect(serverExit, 'the app server kept running').toBeUndefined()
  expect(server.pid).toBe(serverPid)
  expect((await fetch(`${baseURL}/healthz`)).status).toBe(200)

  // --- no half-written order
  const q = conn.query
  expect(await q(`SELECT o.number FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)`), 'orders without items').toEqual([])
  expect(await q(`SELECT o.number FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id)`), 'orders without events').toEqual([])
  expect(await q(`SELECT c.id FROM checkouts c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.id)`), 'checkouts without orders').toEqual([])
  expect(
    await q(`
      SELECT o.number, items.quantity, movements.delta, movements.n AS movements, items.n AS lines
      FROM orders o
      JOIN LATERAL (SELECT count(*)::int AS n, sum(quantity)::int AS quantity FROM order_items WHERE order_id = o.id) items ON true
      JOIN LATERAL (SELECT count(*)::int AS n, coalesce(sum(delta), 0)::int AS delta FROM stock_movements WHERE order_id = o.id AND reason = 'order') movements ON true
      WHERE movements.n <> items.n OR movements.delta <> -items.quantity`),
    'orders whose stock movements do not match their lines'
  ).toEqual([])
  // The emails were written in the same transactions: one to the producer per order, one to the buyer per checkout.
  const [counts] = await q<{ orders: number; checkouts: number; received: number; placed: number }>(
    `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM checkouts)::int AS checkouts,
            (SELECT count(*) FROM outbox WHERE kind = 'order_received')::int AS received,
            (SELECT count(*) FROM outbox WHERE kind = 'order_placed')::int AS placed`
  )
  expect(counts).toEqual({ orders: counts!.orders, checkouts: counts!.checkouts, received: counts!.orders, placed: counts!.checkouts })
  const stock = await q<{ id: string; stock: number; sold: number; moved: number }>(
    `SELECT p.id, p.stock,
            coalesce((SELECT sum(i.quantity) FROM order_items i WHERE i.product_id = p.id), 0)::int AS sold,
            coalesce((SELECT sum(m.delta) FROM stock_movements m WHERE m.product_id = p.id), 0)::int AS moved
     FROM products p WHERE p.id = ANY($1)`,
    [fixture.productIds]
  )
  for (const row of stock) {
    const initial = fixture.initialStock
    expect({ product: row.id, stock: row.stock, moved: row.moved }).toEqual({ product: row.id, stock: initial - row.sold, moved: -row.sold })
  }
  // Every checkout a buyer was told about (redirected to its confirmation) exists, with its orders.
  const seen = buyers.flatMap((b) => b.completed.map((c) => c.checkoutId))
  const found = await q<{ id: string }>(`SELECT DISTINCT c.id FROM checkouts c JOIN orders o ON o.checkout_id = c.id WHERE c.id = ANY($1)`, [seen])
  expect(found.map((r) => r.id).sort()).toEqual([...new Set(seen)].sort())
  const [{ sold }] = (await q<{ sold: number }>(`SELECT coalesce(sum(quantity), 0)::int AS sold FROM order_items`)) as [{ sold: number }]
  expect(sold).toBeGreaterThanOrEqual(seen.length)
})

/** Two approved shops, a few products with plenty of stock, buyers who can log in, a delivery place. */
async function createFixture({ db, query }: DbConnection) {
  const initialStock = 500
  const category = await createCategory(db)
  const passwordHash = await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 })
  const productIds: string[] = []
  const productSlugs: string[] = []
  for (const n of [1, 2]) {
    const shop = await createShop(db, { name: `متجر ${n}` })
    await query(
      `INSERT INTO shipping_rates (id, shop_id, wilaya_code, home_fee, desk_fee, delay_days)
       SELECT $1 || '-' || wilaya_code, $1, wilaya_code, home_fee, desk_fee, delay_days FROM shipping_rates WHERE shop_id IS NULL`,
      [shop.id]
    )
    for (const m of [1, 2]) {
      const product = await createProduct(db, { shopId: shop.id, categoryId: category.id, title: `عسل السدر ${n}-${m}`, stock: initialStock, price: 150_000 })
      productIds.push(product.id)
      productSlugs.push(product.slug)
    }
  }
  const buyers: string[] = []
  for (let i = 0; i < BUYERS; i++) {
    const user = await createUser(db, { passwordHash, emailVerifiedAt: new Date(), name: `مشتري ${i}` })
    buyers.push(user.email)
  }
  const [place] = await query<{ code: string; wilaya_code: number }>(`SELECT code, wilaya_code FROM communes WHERE wilaya_code = 16 ORDER BY code LIMIT 1`)
  return { initialStock, categorySlug: category.slug, productIds, productSlugs, buyers, communeCode: place!.code, wilayaCode: place!.wilaya_code }
}

/** A visitor: a cookie jar, an IP of its own (X-Forwarded-For, per-IP limits), a language. */
class Client {
  private cookies = new Map<string, string>()
  constructor(private baseURL: string, private ip: string, readonly language: 'ar' | 'fr') {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { 'X-Forwarded-For': this.ip, 'Accept-Language': this.language === 'fr' ? 'fr-FR,fr;q=0.9' : 'ar-DZ,ar;q=0.9' }
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(new URL(url, this.baseURL), {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';')
      const [name, ...value] = pair!.split('=')
      const expired = attributes.some((a) => /^\s*max-age=0\b/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a))
      if (expired) this.cookies.delete(name!.trim())
      else this.cookies.set(name!.trim(), value.join('='))
    }
    return response
  }
}

function idempotencyKeyIn(html: string) {
  const input = html.match(/<input[^>]*name="idempotencyKey"[^>]*>/)?.[0]
  const key = input?.match(/value="([^"]+)"/)?.[1]
  if (!key) throw new Error('no idempotency key on the review page')
  return key
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: () => string) {
  const until = performance.now() + timeoutMs
  for (;;) {
    if (await check().catch(() => false)) return
    if (performance.now() > until) throw new Error(message())
    await pause(100)
  }
}
