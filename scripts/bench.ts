// Benchmarks: `npm run bench`. Speed and weight budgets live here, not in tests.
//
//   npm run bench                         everything, at 1,000 and 100,000 products (≈ 15–25 min here)
//   npm run bench -- --quick              1,000 products, 3 s per HTTP run, 100 checkouts (a few minutes)
//   npm run bench -- --scales 1000,20000 --only js,lighthouse,http,checkout --keep-db --db-prefix taswiq_perf
//
// For each scale (number of generated products; orders: twice as many, over a year):
// 1. Creates a PostgreSQL database (BENCH_POSTGRES_URL, default the local server) named
//    `<prefix>_<scale>` and fills it through scripts/seed-scale.ts. With --keep-db it is kept
//    afterwards and reused by the next run when it already holds that many generated products.
// 2. Times the catalog queries in-process (`queries`); the ministry's statistics and password hashing
//    (`stats`) at the largest scale only.
// 3. Starts the BUILT server (build/app-server/server.js, NODE_ENV=production, as `npm start` and
//    scripts/e2e-server.mjs do) on that database:
//    - `js` (first scale only): loads home, search, product and cart (with a visitor cart) in
//      Chromium, collects every script the page loads plus every modulepreload and import of the
//      HTML, gzips each (level 9) and prints shared / route-own / total against the budgets;
//    - `lighthouse` (first scale only): `npx -y lighthouse@12.8.2` (kept out of package.json),
//      mobile preset, Debian Chromium, on home, product and cart: the four category scores;
//    - `http`: autocannon on pages next to a static file served by the same server and a bare
//      Remix page (scripts/bench-bare.ts, built and served by the bench on the same database): the
//      anonymous pages (from the page cache), the home page of a logged-in buyer (never cached) at
//      50 and at 1 connection; requests/s, latency, the server's CPU milliseconds per request (from
//      /proc/<pid>/stat: steady on a shared machine, where requests/s is not) and its RSS under load;
//    - `checkout`: N prepared buyers (session, saved address, a two-shop cart) confirm a
//      cash-on-delivery checkout over HTTP, C at a time; then SQL checks the orders written.
// 4. Prints the p50 of every scale side by side, stops the server, drops the databases (unless --keep-db).
//
// `npm run build` first if build/ is missing or stale.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir, loadavg } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { createCookie } from '@remix-run/node'
import autocannon from 'autocannon'
import { connect, type DbConnection as Connection } from '../db/client'
import { migrate } from '../db/migrate'
import { sessions, users } from '../db/schema'
import { hashPassword, verifyPassword } from '../app/modules/accounts/password.server'
import { sessionIdFromToken, SESSION_LIFETIME_MS } from '../app/modules/accounts/sessions.server'
import { addToCart } from '../app/modules/cart/cart.server'
import { getPublicProduct, listFeaturedProducts, listNewestProducts } from '../app/modules/catalog/catalog.server'
import { searchCatalog } from '../app/modules/catalog/search.server'
import { saveAddress } from '../app/modules/orders/addresses.server'
import { refreshRecentDailyStats } from '../app/modules/stats/rollup.server'
import { getDashboardStats, getImpactFigures, listStatsCategories, parseStatsFilters } from '../app/modules/stats/stats.server'
import { buildBareApp, startBareServer } from './bench-bare'

const sections = ['js', 'lighthouse', 'queries', 'stats', 'http', 'checkout'] as const
type Section = (typeof sections)[number]

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scales: { type: 'string' },
    only: { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    'db-prefix': { type: 'string', default: 'taswiq_bench' },
    seconds: { type: 'string' },
    checkouts: { type: 'string' },
    concurrency: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    // HTTP rows whose label contains one of these (comma-separated), e.g. `--rows logged-in`; the
    // static file and the bare page (the floors the ratios use) always run.
    rows: { type: 'string' },
  },
})

const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const scales = (args.scales ?? (args.quick ? '1000' : '1000,100000')).split(',').map(Number)
const only = new Set((args.only?.split(',') ?? sections) as Section[])
const seconds = Number(args.seconds ?? process.env.BENCH_SECONDS ?? (args.quick ? 3 : 10))
const checkoutCount = Number(args.checkouts ?? (args.quick ? 100 : 400))
const concurrency = Number(args.concurrency)
/** A port nobody listens on now (a fixed default collided with MariaDB's 3306 on these machines). */
async function freePort() {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}
const port = Number(process.env.BENCH_PORT) || (await freePort())
const barePort = Number(process.env.BENCH_BARE_PORT) || (await freePort())
const connections = Number(args.connections)
const keepDb = args['keep-db']
const prefix = args['db-prefix']!
const sessionSecret = 'bench-only-secret-bench-only-secret-bench'
const chromiumPath = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium'
const budget = { routeOwnKb: 15, totalKb: 100 }

for (const s of only) if (!sections.includes(s)) throw new Error(`--only: unknown section "${s}" (${sections.join(', ')})`)
if (scales.some((s) => !Number.isInteger(s) || s < 100)) throw new Error('--scales: whole numbers of at least 100, e.g. 1000,100000')
if (!existsSync('build/server/index.js') || !existsSync('build/app-server/server.js')) {
  console.error('build/ is missing: run `npm run build` first')
  process.exit(1)
}

const base = `http://127.0.0.1:${port}`
const kb = (bytes: number) => (bytes / 1024).toFixed(1)

function databaseUrl(name: string) {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

async function measure(name: string, runs: number, fn: () => Promise<unknown>) {
  await fn() // warm-up: plans cached, pages in memory
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => percentile(times, q).toFixed(2)
  console.log(`${name.padEnd(48)} p50 ${at(0.5).padStart(8)} ms   p95 ${at(0.95).padStart(8)} ms   (${runs} runs)`)
}

// ---------------------------------------------------------------------------------------------
// Database per scale

async function prepareDatabase(admin: Connection, scale: number) {
  const name = keepDb ? `${prefix}_${scale}` : `${prefix}_${scale}_${randomBytes(3).toString('hex')}`
  const url = databaseUrl(name)
  const [exists] = await admin.query<{ n: number }>(`select 1 as n from pg_database where datname = $1`, [name])
  if (exists) {
    const conn = await connect({ url, max: 1 })
    const [row] = await conn.query<{ n: number }>(`select count(*)::int as n from products where id like 'scale\\_%'`).catch(() => [{ n: 0 }])
    await conn.close()
    if ((row?.n ?? 0) === scale) {
      console.log(`database ${name}: reused (${scale} generated products)`)
      return { name, url }
    }
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`)
  }
  await admin.query(`CREATE DATABASE "${name}"`)
  console.log(`database ${name}: seeding ${scale} products and ${scale * 2} orders…`)
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-scale.ts', '--products', String(scale), '--orders', String(scale * 2)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'inherit',
  })
  if (seeded.status !== 0) throw new Error('seeding failed')
  return { name, url }
}

// ---------------------------------------------------------------------------------------------
// Server

async function startServer(DATABASE_URL: string) {
  // What production runs (`npm start`, `npm run serve`, deploy/systemd): the compiled server of
  // scripts/build-server.mjs, not server.ts through tsx (whose transformer and source maps were
  // ~150 MB of the RSS measured before; decision 023).
  const server = spawn(process.execPath, ['--enable-source-maps', 'build/app-server/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL,
      PORT: String(port),
      SESSION_SECRET: sessionSecret,
      APP_URL: `http://localhost:${port}`,
      UPLOADS_DIR: '.data/uploads',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    try {
      if ((await fetch(`${base}/healthz`)).ok) return server
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error('server did not become healthy within 60 s')
}

async function stopServer(server: ChildProcess | undefined) {
  if (!server || server.exitCode !== null) return
  const exited = new Promise((r) => server.once('exit', r))
  server.kill('SIGTERM')
  await exited
}

/** The value of a signed cookie as the app writes it ("name=value"), for a token we chose. */
async function signedCookie(name: string, token: string) {
  const header = await createCookie(name, { secrets: [sessionSecret], path: '/' }).serialize(token)
  return header.split(';')[0]!
}

/** A visitor cart holding `productId`, as the cart's cookie. */
async function visitorCartCookie(conn: Connection, productId: string) {
  const token = randomBytes(32).toString('base64url')
  await addToCart(conn.db, { visitorTokenHash: createHash('sha256').update(token).digest('hex') }, productId, 1)
  return signedCookie('taswiq_cart', token)
}

// ---------------------------------------------------------------------------------------------
// JavaScript weight

type Page = { name: string; path: string; cookie?: string }
type JsRow = { page: string; shared: number; routeOwn: number; total: number; files: number; inlineData: number; html: number; strings: number }

async function readManifest() {
  const html = await (await fetch(`${base}/`)).text()
  const href = html.match(/\/assets\/manifest-[\w-]+\.js/)?.[0]
  if (!href) throw new Error('no manifest script in the home page')
  const source = await (await fetch(base + href)).text()
  return JSON.parse(source.replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, '')) as { entry: { module: string; imports: string[] } }
}

async function measureJs(pages: Page[]): Promise<JsRow[]> {
  const { chromium } = await import('@playwright/test')
  const manifest = await readManifest()
  // Shared by every page: the framework chunk(s) and the client entry.
  const shared = new Set([manifest.entry.module, ...manifest.entry.imports])
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
  const rows: JsRow[] = []
  const sizes = new Map<string, number>()
  const gzipped = async (pathname: string) => {
    if (!sizes.has(pathname)) sizes.set(pathname, gzipSync(Buffer.from(await (await fetch(base + pathname)).arrayBuffer()), { level: 9 }).length)
    return sizes.get(pathname)!
  }
  try {
    for (const page of pages) {
      const headers = page.cookie ? { Cookie: page.cookie } : undefined
      // What the HTML asks for: module scripts, modulepreloads and the imports of its inline module script.
      const html = await (await fetch(base + page.path, { headers })).text()
      const found = new Set<string>()
      for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) found.add(m[1]!)
      for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) found.add(m[1]!)
      for (const m of html.matchAll(/import(?:\s*\(|[^"']*from)?\s*["'](\/assets\/[^"']+\.js)["']/g)) found.add(m[1]!)
      // And what the browser really fetched (lazy chunks, route discovery), with a cold cache.
      const context = await browser.newContext({ locale: 'ar-DZ', viewport: { width: 360, height: 780 } })
      if (page.cookie) {
        const [name, ...value] = page.cookie.split('=')
        await context.addCookies([{ name: name!, value: value.join('='), url: base }])
      }
      const tab = await context.newPage()
      tab.on('request', (request) => {
        if (request.resourceType() === 'script') found.add(new URL(request.url()).pathname)
      })
      await tab.goto(base + page.path, { waitUntil: 'networkidle' })
      await context.close()

      let sharedBytes = 0
      let ownBytes = 0
      for (const file of found) {
        const size = await gzipped(file)
        if (shared.has(file)) sharedBytes += size
        else ownBytes += size
      }
      // Not JavaScript, but shipped with every page: the inline scripts' data (loader data), and the
      // page's strings file (JSON the page preloads; the browser keeps it for a year).
      const stringsFile = /<link[^>]+href="(\/strings\/[^"]+\.json)"/.exec(html)?.[1]
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('')
      rows.push({
        page: page.name,
        shared: sharedBytes,
        routeOwn: ownBytes,
        total: sharedBytes + ownBytes,
        files: found.size,
        inlineData: gzipSync(inline, { level: 9 }).length,
        html: gzipSync(html, { level: 9 }).length,
        strings: stringsFile ? await gzipped(stringsFile) : 0,
      })
    }
  } finally {
    await browser.close()
  }
  console.log(`\n## JavaScript per page (gzip -9; budget: route-own ≤ ${budget.routeOwnKb} KB, total ≤ ${budget.totalKb} KB)\n`)
  console.log('| page | shared (framework + entry) KB | route-own KB | total KB | scripts | budget | HTML KB (of it inline data) | strings file KB (JSON, cached) |')
  console.log('|---|---:|---:|---:|---:|---|---:|---:|')
  for (const r of rows) {
    const pass = r.routeOwn <= budget.routeOwnKb * 1024 && r.total <= budget.totalKb * 1024
    console.log(
      `| ${r.page} | ${kb(r.shared)} | ${kb(r.routeOwn)} | ${kb(r.total)} | ${r.files} | ${pass ? 'pass' : 'FAIL'} | ${kb(r.html)} (${kb(r.inlineData)}) | ${kb(r.strings)} |`
    )
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

async function lighthouse(pages: Page[]) {
  console.log('\n## Lighthouse 12.8.2 (mobile preset, Debian Chromium, headless)\n')
  const dir = mkdtempSync(path.join(tmpdir(), 'taswiq-lighthouse-'))
  const rows: string[] = []
  try {
    for (const page of pages) {
      const output = path.join(dir, `${page.name.replace(/\W+/g, '-')}.json`)
      const lhArgs = [
        '-y',
        'lighthouse@12.8.2',
        base + page.path,
        '--quiet',
        '--output=json',
        `--output-path=${output}`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
        ...(page.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: page.cookie })}`] : []),
      ]
      // Run outside the project so npx never touches its package.json or lockfile.
      // Lighthouse sometimes loses the trace on a loaded machine (NO_NAVSTART, NO_FCP): one more try.
      let run = spawnSync('npx', lhArgs, { cwd: dir, env: { ...process.env, CHROME_PATH: chromiumPath }, encoding: 'utf8', timeout: 240_000 })
      if (run.status !== 0 || !existsSync(output)) {
        run = spawnSync('npx', lhArgs, { cwd: dir, env: { ...process.env, CHROME_PATH: chromiumPath }, encoding: 'utf8', timeout: 240_000 })
      }
      if (run.status !== 0 || !existsSync(output)) {
        const why = (run.error?.message ?? run.stderr ?? '')
          .split('\n')
          .filter((line) => line.trim() && !line.startsWith('npm warn'))
          .slice(-2)
          .join(' / ')
        console.warn(`lighthouse could not run on ${page.name}: ${why || `exit ${run.status}`}`)
        rows.push(`| ${page.name} | – | – | – | – |`)
        continue
      }
      const report = JSON.parse(readFileSync(output, 'utf8')) as {
        categories: Record<string, { score: number | null }>
        runWarnings?: string[]
      }
      const score = (id: string) => {
        const value = report.categories[id]?.score
        return value === null || value === undefined ? '–' : String(Math.round(value * 100))
      }
      rows.push(`| ${page.name} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} |`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  console.log('| page | performance | accessibility | best practices | SEO |')
  console.log('|---|---:|---:|---:|---:|')
  for (const row of rows) console.log(row)
}

// ---------------------------------------------------------------------------------------------
// HTTP: pages

type HttpResult = { name: string; rps: number; p50: number; p95: number; failed: number; cpuMs: number; rssMb: number; connections: number }

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

/** CPU time (user + system, every thread: zlib's included) the process has used, in ms. */
function cpuMs(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks
}

function rssMb(pid: number) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb ?? 0) / 1024
}

/** What a browser sends: the page's language and the encodings it accepts. */
const browserHeaders = { 'Accept-Language': 'ar', 'Accept-Encoding': 'gzip, deflate, br' }

async function load(
  name: string,
  url: string,
  { pid, headers = {}, connections: clients = connections }: { pid: number; headers?: Record<string, string>; connections?: number }
): Promise<HttpResult> {
  const allHeaders = { ...browserHeaders, ...headers }
  // Warm-up: the first requests compile plans and fill caches.
  await autocannon({ url, connections: 2, duration: 1, headers: allHeaders })
  const latencies: number[] = []
  let rss = rssMb(pid)
  const sampler = setInterval(() => (rss = Math.max(rss, rssMb(pid))), 250)
  const cpuBefore = cpuMs(pid)
  const instance = autocannon({ url, connections: clients, duration: seconds, headers: allHeaders })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime))
  const result = await instance
  const cpu = cpuMs(pid) - cpuBefore
  clearInterval(sampler)
  latencies.sort((a, b) => a - b)
  const failed = result.non2xx + result.errors + result.timeouts
  if (failed) console.warn(`  ${name}: ${result.non2xx} non-2xx, ${result.errors + result.timeouts} errors`)
  return {
    name,
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    failed,
    // No request finished within the run (a saturated machine): no figure rather than a false one.
    cpuMs: result.requests.total ? cpu / result.requests.total : NaN,
    rssMb: rss,
    connections: clients,
  }
}

/** A buyer's session cookie (a fresh user, nothing in the cart): their pages are never cached. */
async function loggedInCookie(conn: Connection) {
  const id = `bench_visitor_${randomBytes(4).toString('hex')}`
  await conn.db.insert(users).values({ id, email: `${id}@example.test`, name: 'Bench visitor', role: 'buyer', emailVerifiedAt: new Date() })
  const token = randomBytes(20).toString('base64url')
  await conn.db.insert(sessions).values({ id: sessionIdFromToken(token), userId: id, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) })
  return signedCookie('taswiq_session', token)
}

async function waitForUrl(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${url} did not answer within 60 s`)
}

// ---------------------------------------------------------------------------------------------
// HTTP: cash-on-delivery checkouts

type Buyer = { userId: string; cookie: string; shops: number }

/** N buyers, each with a session, a saved address and a cart of two products from two shops. */
async function prepareBuyers(conn: Connection, count: number): Promise<Buyer[]> {
  // 200 products taken round-robin over the approved shops (two neighbours are from two shops), with
  // enough stock for every run: the guarded decrement runs as usual but never runs short, and
  // buyers rarely wait on each other's row locks (a flash sale on one product would).
  const products = await conn.query<{ id: string; shop_id: string }>(
    `select id, shop_id from (
       select p.id, p.shop_id, row_number() over (partition by p.shop_id order by p.id) as rn
       from products p join shops s on s.id = p.shop_id
       where p.status = 'active' and s.status = 'approved' and p.made_to_order_days = 0) ranked
     order by rn, shop_id limit 200`
  )
  if (new Set(products.map((p) => p.shop_id)).size < 2) throw new Error('need active products from two approved shops')
  await conn.query(`update products set stock = 1000000 where id = any($1)`, [products.map((p) => p.id)])
  const [commune] = await conn.query<{ code: string }>(`select code from communes where wilaya_code = 16 order by code limit 1`)
  const run = randomBytes(4).toString('hex')
  const rows = Array.from({ length: count }, (_, i) => ({ id: `bench_${run}_${i}`, email: `bench-${run}-${i}@example.test`, name: `Bench ${i}` }))
  for (let i = 0; i < rows.length; i += 500) {
    await conn.db.insert(users).values(rows.slice(i, i + 500).map((u) => ({ ...u, role: 'buyer' as const, emailVerifiedAt: new Date() })))
  }
  const tokens = rows.map(() => randomBytes(20).toString('base64url'))
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS)
  for (let i = 0; i < rows.length; i += 500) {
    await conn.db.insert(sessions).values(rows.slice(i, i + 500).map((u, j) => ({ id: sessionIdFromToken(tokens[i + j]!), userId: u.id, expiresAt })))
  }
  const buyers: Buyer[] = []
  for (const [i, user] of rows.entries()) {
    await saveAddress(conn.db, user.id, {
      fullName: user.name,
      phone: '+213550000000',
      communeCode: commune!.code,
      street: '1 rue des Oliviers',
      deliveryMode: 'home',
    })
    const a = products[(2 * i) % products.length]!
    const b = products[(2 * i + 1) % products.length]!
    await addToCart(conn.db, { userId: user.id }, a.id, 1)
    await addToCart(conn.db, { userId: user.id }, b.id, 2)
    buyers.push({ userId: user.id, cookie: await signedCookie('taswiq_session', tokens[i]!), shops: a.shop_id === b.shop_id ? 1 : 2 })
  }
  return buyers
}

type CheckoutResult = {
  count: number
  ok: number
  failed: number
  wallSeconds: number
  p50: number
  p95: number
  orders: number
  expectedOrders: number
  leftover: number
}

async function checkoutRun(conn: Connection): Promise<CheckoutResult> {
  const warmup = Math.min(10, Math.ceil(checkoutCount / 10))
  const buyers = await prepareBuyers(conn, checkoutCount + warmup)
  const post = async (buyer: Buyer) => {
    const body = new URLSearchParams({ intent: 'confirm', idempotencyKey: randomBytes(12).toString('hex'), paymentMethod: 'cod' })
    const start = performance.now()
    const response = await fetch(`${base}/checkout?index`, {
      method: 'POST',
      body,
      headers: { Cookie: buyer.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'ar' },
      redirect: 'manual',
    })
    await response.arrayBuffer()
    const ok = response.status >= 300 && response.status < 400 && (response.headers.get('Location') ?? '').startsWith('/checkout/done')
    return { ok, ms: performance.now() - start }
  }
  for (const buyer of buyers.slice(0, warmup)) await post(buyer)
  const measured = buyers.slice(warmup)
  const latencies: number[] = []
  let ok = 0
  let expectedOrders = 0
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < measured.length) {
        const buyer = measured[next++]!
        const result = await post(buyer)
        latencies.push(result.ms)
        if (result.ok) {
          ok++
          expectedOrders += buyer.shops
        }
      }
    })
  )
  const wallSeconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  // What the database says: one checkout per success, one order per shop of the cart, empty carts.
  const ids = measured.map((b) => b.userId)
  const [row] = await conn.query<{ checkouts: number; orders: number; lines: number }>(
    `select (select count(*)::int from checkouts where buyer_id = any($1)) as checkouts,
            (select count(*)::int from orders where buyer_id = any($1) and payment_method = 'cod' and status = 'pending') as orders,
            (select count(*)::int from cart_items ci join carts c on c.id = ci.cart_id where c.user_id = any($1)) as lines`,
    [ids]
  )
  if (row!.checkouts !== ok) console.warn(`  checkout: ${ok} successful responses but ${row!.checkouts} checkouts in the database`)
  return {
    count: measured.length,
    ok,
    failed: measured.length - ok,
    wallSeconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    orders: row!.orders,
    expectedOrders,
    leftover: row!.lines,
  }
}

// ---------------------------------------------------------------------------------------------
// In-process queries

async function queries(conn: Connection) {
  const runs = args.quick ? 50 : 200
  const [{ n } = { n: 0 }] = await conn.query<{ n: number }>(`select count(*)::int as n from products where status = 'active'`)
  console.log(`\n## Catalog queries (in-process, postgres, ${n} active products)\n`)
  const first = await listNewestProducts(conn.db, { language: 'ar', limit: 24 })
  const slug = first.products[0]!.slug
  const [category] = await conn.query<{ id: string }>(
    `select c.id from categories c join products p on p.category_id = c.id group by c.id order by count(*) desc limit 1`
  )
  await measure('home: newest 24 (first page)', runs, () => listNewestProducts(conn.db, { language: 'ar', limit: 24 }))
  await measure('home: featured 4', runs, () => listFeaturedProducts(conn.db, { language: 'ar', limit: 4 }))
  // A cursor deep in the catalog: keyset paging costs the same as page 1.
  const deep = await searchCatalog(conn.db, { language: 'ar', filters: {}, limit: Math.min(2000, Math.floor(n / 2)) })
  await measure('home: newest 24 (deep page, keyset)', runs, () =>
    listNewestProducts(conn.db, { language: 'ar', limit: 24, after: deep.next?.kind === 'newest' ? deep.next : undefined })
  )
  await measure('category: newest 24', runs, () => searchCatalog(conn.db, { language: 'ar', filters: { categoryId: category!.id } }))
  await measure('category: price ascending 24', runs, () =>
    searchCatalog(conn.db, { language: 'ar', filters: { categoryId: category!.id }, sort: 'price_asc' })
  )
  await measure('product page', runs, () => getPublicProduct(conn.db, { slug, language: 'fr' }))
  // Issue 17's queries: each ranks at most MAX_CANDIDATES matches, so the figure should not grow with
  // the catalog (compare the 1,000 and 100,000 runs). Every search also computes its facet counts.
  await measure('search "عسل" (relevance)', Math.ceil(runs / 4), () => searchCatalog(conn.db, { language: 'ar', filters: { query: 'عسل' } }))
  await measure('search "miel" (dictionary: finds عسل)', Math.ceil(runs / 4), () => searchCatalog(conn.db, { language: 'fr', filters: { query: 'miel' } }))
  await measure('search typo "couscus" (spelling correction)', Math.ceil(runs / 4), () =>
    searchCatalog(conn.db, { language: 'fr', filters: { query: 'couscus' } })
  )
  await measure('search typo "عسال" (spelling correction)', Math.ceil(runs / 4), () => searchCatalog(conn.db, { language: 'ar', filters: { query: 'عسال' } }))
  await measure('search "miel de montagne" + wilaya 15', Math.ceil(runs / 4), () =>
    searchCatalog(conn.db, { language: 'fr', filters: { query: 'miel de montagne', wilayaCode: 15 } })
  )
  await measure('search "miel" + wilaya + in stock', Math.ceil(runs / 4), () =>
    searchCatalog(conn.db, { language: 'fr', filters: { query: 'miel', wilayaCode: 15, inStock: true } })
  )
  await measure('facet counts: "savon" + producer type + ready to ship', Math.ceil(runs / 4), () =>
    searchCatalog(conn.db, { language: 'fr', filters: { query: 'savon', producerType: 'rural_woman', readiness: 'ship' } })
  )
  await measure('search "creme" newest', Math.ceil(runs / 4), () => searchCatalog(conn.db, { language: 'fr', filters: { query: 'creme' }, sort: 'newest' }))
}

async function statistics(conn: Connection) {
  // The dashboard's whole set of queries for one page view (they run concurrently).
  const [{ orders } = { orders: 0 }] = await conn.query<{ orders: number }>(`select count(*)::int as orders from orders`)
  console.log(`\n## Statistics (in-process, postgres, ${orders} orders)\n`)
  const categoryIds = (await listStatsCategories(conn.db, 'fr')).map((c) => c.id)
  const stats = (query: string) => {
    const filters = parseStatsFilters(new URLSearchParams(query), { categoryIds })
    return () => getDashboardStats(conn.db, filters, 'fr')
  }
  // The dashboard reads a daily roll-up (app/modules/stats/rollup.server.ts): computed once from the
  // orders (the server does it at start and every 10 minutes), then kept current by triggers.
  const rollupStarted = performance.now()
  const rolledUp = await refreshRecentDailyStats(conn.db)
  console.log(`${'stats roll-up: first computation'.padEnd(48)} ${rolledUp.length} days in ${Math.round(performance.now() - rollupStarted)} ms (once)`)
  await measure('stats: last 30 days', 30, stats('period=last30'))
  await measure('stats: last 90 days, one category', 30, stats(`period=last90&category=${categoryIds[0]}`))
  await measure('stats: last month, wilaya 15, rural women', 30, stats('period=lastMonth&wilaya=15&producer=rural_woman'))
  await measure('stats: this year, per month', 20, stats('period=thisYear&by=month'))
  await measure('impact page figures', 30, () => getImpactFigures(conn.db))

  const hash = await hashPassword('benchmark-password')
  await measure('argon2id hash (sign-up, password change)', 20, () => hashPassword('benchmark-password'))
  await measure('argon2id verify (log-in)', 20, () => verifyPassword(hash, 'benchmark-password'))
}

// ---------------------------------------------------------------------------------------------

console.log(
  `bench: scales ${scales.join(', ')}; sections ${[...only].join(', ')}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores`
)
if (only.has('http')) {
  const started = performance.now()
  buildBareApp()
  console.log(`bare Remix page built in ${((performance.now() - started) / 1000).toFixed(0)} s (.data/bench-bare)`)
}
const admin = await connect({ url: serverUrl, max: 1 })
const created: string[] = []
const summary = new Map<string, Map<number, { rps: number; p50: number; p95: number }>>()
const note = (row: string, scale: number, value: { rps: number; p50: number; p95: number }) => {
  if (!summary.has(row)) summary.set(row, new Map())
  summary.get(row)!.set(scale, value)
}
let server: ChildProcess | undefined
try {
  for (const [index, scale] of scales.entries()) {
    console.log(`\n# ${scale.toLocaleString('en')} generated products\n`)
    const database = await prepareDatabase(admin, scale)
    created.push(database.name)
    const conn = await connect({ url: database.url, max: 4 })
    try {
      await migrate(conn) // a reused database may predate the latest migrations

      if (only.has('queries')) await queries(conn)
      if (only.has('stats') && scale === Math.max(...scales)) await statistics(conn)

      const first = await listNewestProducts(conn.db, { language: 'ar', limit: 24 })
      const slug = first.products[0]!.slug
      const [category] = await conn.query<{ slug: string }>(
        `select c.slug from categories c join products p on p.category_id = c.id group by c.id order by count(*) desc limit 1`
      )
      const needsServer = ['js', 'lighthouse', 'http', 'checkout'].some((s) => only.has(s as Section))
      if (!needsServer) continue
      server = await startServer(database.url)

      if (index === 0 && (only.has('js') || only.has('lighthouse'))) {
        const cart = await visitorCartCookie(conn, first.products[0]!.id)
        const pages: Page[] = [
          { name: 'home', path: '/' },
          { name: 'search', path: `/search?q=${encodeURIComponent('عسل')}` },
          { name: 'product', path: `/p/${slug}` },
          { name: 'cart (1 item)', path: '/cart', cookie: cart },
        ]
        if (only.has('js')) await measureJs(pages)
        if (only.has('lighthouse')) await lighthouse(pages.filter((p) => p.name !== 'search'))
      }

      if (only.has('http')) {
        console.log(
          `\n## HTTP (built server, NODE_ENV=production, ${connections} connections unless said, ${seconds} s each, Arabic, Accept-Encoding: gzip, br)\n`
        )
        const [shop] = await conn.query<{ slug: string }>(
          `select s.slug from shops s join products p on p.shop_id = s.id where s.status = 'approved' group by s.id order by count(*) desc limit 1`
        )
        const member = { Cookie: await loggedInCookie(conn) }
        const pid = server.pid!
        const bare = startBareServer(barePort, database.url)
        const results: HttpResult[] = []
        try {
          await waitForUrl(`http://127.0.0.1:${barePort}/`, bare)
          const runs: [string, string, Parameters<typeof load>[2]][] = [
            ['static file (favicon.svg)', `${base}/favicon.svg`, { pid }],
            ['bare Remix page, 24 products (floor)', `http://127.0.0.1:${barePort}/`, { pid: bare.pid! }],
            ['home, anonymous (page cache)', `${base}/`, { pid }],
            ['category page, anonymous (page cache)', `${base}/c/${category!.slug}`, { pid }],
            ['product page, anonymous (page cache)', `${base}/p/${slug}`, { pid }],
            ['shop page, anonymous (page cache)', `${base}/s/${shop!.slug}`, { pid }],
            ['search "عسل", anonymous (page cache)', `${base}/search?q=${encodeURIComponent('عسل')}`, { pid }],
            ['home, logged-in buyer (rendered)', `${base}/`, { pid, headers: member }],
            // Issue 17: an uncached search page against an uncached category page, same run.
            ['category page, logged-in buyer (rendered)', `${base}/c/${category!.slug}`, { pid, headers: member }],
            ['search "عسل", logged-in buyer (rendered)', `${base}/search?q=${encodeURIComponent('عسل')}`, { pid, headers: member }],
            ['product page, logged-in buyer (rendered)', `${base}/p/${slug}`, { pid, headers: member }],
            ['home, logged-in buyer, 1 connection', `${base}/`, { pid, headers: member, connections: 1 }],
            ['product page, logged-in buyer, 1 connection', `${base}/p/${slug}`, { pid, headers: member, connections: 1 }],
            ['bare Remix page, 1 connection', `http://127.0.0.1:${barePort}/`, { pid: bare.pid!, connections: 1 }],
          ]
          const floors = new Set([runs[0]![0], runs[1]![0], runs.at(-1)![0]])
          const wanted = args.rows?.split(',').filter(Boolean)
          for (const [label, url, options] of runs) {
            if (wanted && !floors.has(label) && !wanted.some((w) => label.includes(w))) continue
            const result = await load(label, url, options)
            results.push(result)
            note(label, scale, result)
          }
        } finally {
          await stopServer(bare)
        }
        const staticRps = results[0]!.rps
        // The floor: the bare page at 50 connections, or at 1 when none of its requests finished.
        const bareCpu = [results[1]!.cpuMs, results.at(-1)!.cpuMs].find(Number.isFinite) ?? NaN
        const bareCpuAtOne = results.at(-1)!.cpuMs
        const figure = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–')
        // A row at 1 connection is compared with the bare page at 1 connection, the others with it at 50.
        console.log('| page | connections | requests/s | p50 ms | p95 ms | server CPU ms/request | RSS MB | req/s vs static | CPU vs bare page (same connections) |')
        console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
        for (const r of results) {
          const cells = [r.name, r.connections, figure(r.rps, 0), figure(r.p50, 0), figure(r.p95, 0), figure(r.cpuMs, 2), figure(r.rssMb, 0)]
          const floor = r.connections === 1 && Number.isFinite(bareCpuAtOne) ? bareCpuAtOne : bareCpu
          console.log(`| ${[...cells, figure(r.rps / staticRps, 2), figure(r.cpuMs / floor, 2)].join(' | ')} |`)
        }
        console.log('\n(CPU: the server process only — the database server and the load generator are not in it.)')
      }

      if (only.has('checkout')) {
        const c = await checkoutRun(conn)
        const rps = c.ok / c.wallSeconds
        console.log(`\n## Cash-on-delivery checkout (HTTP POST of the review form, ${concurrency} at a time, 2 shops per cart)\n`)
        console.log('| checkouts | succeeded | checkouts/s | p50 ms | p95 ms | orders in the database (expected) | cart lines left |')
        console.log('|---:|---:|---:|---:|---:|---:|---:|')
        console.log(
          `| ${c.count} | ${c.ok} | ${rps.toFixed(1)} | ${c.p50.toFixed(0)} | ${c.p95.toFixed(0)} | ${c.orders} (${c.expectedOrders}) | ${c.leftover} |`
        )
        if (c.orders !== c.expectedOrders || c.failed) console.warn(`  checkout: ${c.failed} failed, ${c.orders} orders for ${c.expectedOrders} expected`)
        note('checkout (COD, POST)', scale, { rps, p50: c.p50, p95: c.p95 })
      }
      await stopServer(server)
      server = undefined
    } finally {
      await conn.close()
    }
  }

  if (summary.size && scales.length > 1) {
    console.log('\n## p50 by catalog size (ms; requests/s in brackets)\n')
    console.log(`| row | ${scales.map((s) => `${s.toLocaleString('en')} products`).join(' | ')} |`)
    console.log(`|---|${scales.map(() => '---:').join('|')}|`)
    for (const [row, byScale] of summary) {
      const cells = scales.map((s) => {
        const v = byScale.get(s)
        return v ? `${v.p50.toFixed(0)} (${v.rps.toFixed(v.rps < 10 ? 1 : 0)})` : '–'
      })
      console.log(`| ${row} | ${cells.join(' | ')} |`)
    }
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`
  )
} finally {
  await stopServer(server)
  if (!keepDb) for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.close()
  console.log(keepDb ? `\ndatabases kept: ${created.join(', ')}` : `\ndatabases dropped: ${created.join(', ')}`)
}
