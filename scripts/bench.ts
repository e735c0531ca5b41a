// Benchmarks: `npm run bench`. Speed targets live here, not in tests.
//
// 1. Creates its own PostgreSQL database (BENCH_POSTGRES_URL, default the local server), fills it
//    with BENCH_PRODUCTS generated products (default 100,000) and BENCH_ORDERS generated orders over
//    a year (default 200,000) through scripts/seed-scale.ts.
// 2. Times the catalog queries, the ministry's statistics and password hashing in-process.
// 3. Starts the BUILT server (NODE_ENV=production, as scripts/e2e-server.mjs does) on that database
//    and measures pages with autocannon next to a static file served by the same server.
// 4. Stops the server and drops the database, whatever happened.
//
// `npm run build` first if build/ is missing or stale. BENCH_SECONDS sets each HTTP run (default 10).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import { connect } from '../db/client'
import { hashPassword, verifyPassword } from '../app/modules/accounts/password.server'
import { getPublicProduct, listNewestProducts } from '../app/modules/catalog/catalog.server'
import { searchCatalog } from '../app/modules/catalog/search.server'
import { refreshRecentDailyStats } from '../app/modules/stats/rollup.server'
import { getDashboardStats, getImpactFigures, listStatsCategories, parseStatsFilters } from '../app/modules/stats/stats.server'

const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const productCount = Number(process.env.BENCH_PRODUCTS ?? 100_000)
const orderCount = Number(process.env.BENCH_ORDERS ?? 200_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const port = Number(process.env.BENCH_PORT ?? 3290)
const connections = 10

function databaseUrl(name: string) {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
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
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2)
  console.log(`${name.padEnd(48)} p50 ${at(0.5).padStart(8)} ms   p95 ${at(0.95).padStart(8)} ms   (${runs} runs)`)
}

type HttpResult = { name: string; path: string; rps: number; p50: number; p95: number; non2xx: number; errors: number }

async function load(name: string, path: string): Promise<HttpResult> {
  const url = `http://127.0.0.1:${port}${path}`
  // Warm-up: the first requests compile plans and fill caches.
  await autocannon({ url, connections: 2, duration: 1 })
  const latencies: number[] = []
  const instance = autocannon({ url, connections, duration: seconds })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime))
  const result = await instance
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  return { name, path, rps: result.requests.total / seconds, p50: at(0.5), p95: at(0.95), non2xx: result.non2xx, errors: result.errors + result.timeouts }
}

async function waitForHealth(server: ChildProcess) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error('server did not become healthy within 60 s')
}

if (!existsSync('build/server/index.js')) {
  console.error('build/ is missing: run `npm run build` first')
  process.exit(1)
}

const name = `taswiq_bench_${randomBytes(4).toString('hex')}`
const admin = await connect({ url: serverUrl, max: 1 })
await admin.query(`CREATE DATABASE "${name}"`)
const DATABASE_URL = databaseUrl(name)
let server: ChildProcess | undefined
try {
  console.log(`database ${name}: seeding ${productCount} products and ${orderCount} orders…`)
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-scale.ts', '--products', String(productCount), '--orders', String(orderCount)], {
    env: { ...process.env, DATABASE_URL },
    stdio: 'inherit',
  })
  if (seeded.status !== 0) throw new Error('seeding failed')

  const conn = await connect({ url: DATABASE_URL, max: 4 })
  const [{ n } = { n: 0 }] = await conn.query<{ n: number }>(`select count(*)::int as n from products where status = 'active'`)
  console.log(`\n## Catalog queries (in-process, postgres, ${n} active products)\n`)
  const first = await listNewestProducts(conn.db, { language: 'ar', limit: 24 })
  const slug = first.products[0]!.slug
  const [category] = await conn.query<{ slug: string; id: string }>(
    `select c.slug, c.id from categories c join products p on p.category_id = c.id group by c.id order by count(*) desc limit 1`
  )
  await measure('home: newest 24 (first page)', 200, () => listNewestProducts(conn.db, { language: 'ar', limit: 24 }))
  // A cursor 2,000 products deep: keyset paging costs the same as page 1.
  const deep = await searchCatalog(conn.db, { language: 'ar', filters: {}, limit: 2000 })
  await measure('home: newest 24 (page 84, keyset)', 200, () =>
    listNewestProducts(conn.db, { language: 'ar', limit: 24, after: deep.next?.kind === 'newest' ? deep.next : undefined })
  )
  await measure('category: newest 24', 200, () => searchCatalog(conn.db, { language: 'ar', filters: { categoryId: category!.id } }))
  await measure('category: price ascending 24', 200, () => searchCatalog(conn.db, { language: 'ar', filters: { categoryId: category!.id }, sort: 'price_asc' }))
  await measure('product page', 200, () => getPublicProduct(conn.db, { slug, language: 'fr' }))
  await measure('search "عسل" (relevance)', 50, () => searchCatalog(conn.db, { language: 'ar', filters: { query: 'عسل' } }))
  await measure('search "miel" + wilaya + in stock', 50, () =>
    searchCatalog(conn.db, { language: 'fr', filters: { query: 'miel', wilayaCode: 15, inStock: true } })
  )
  await measure('search "creme" newest', 50, () => searchCatalog(conn.db, { language: 'fr', filters: { query: 'creme' }, sort: 'newest' }))
  await measure('search typo "couscus" (trigram fallback)', 50, () => searchCatalog(conn.db, { language: 'fr', filters: { query: 'couscus' } }))

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
  await conn.close()

  server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL,
      PORT: String(port),
      SESSION_SECRET: 'bench-only-secret-bench-only-secret-bench',
      APP_URL: `http://localhost:${port}`,
      UPLOADS_DIR: '.data/uploads',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await waitForHealth(server)

  console.log(`\n## HTTP (built server, NODE_ENV=production, ${connections} connections, ${seconds} s each, anonymous Arabic visitor)\n`)
  const results: HttpResult[] = []
  for (const [label, path] of [
    ['static file (favicon.svg)', '/favicon.svg'],
    ['home', '/'],
    ['category page', `/c/${category!.slug}`],
    ['search "عسل"', `/search?q=${encodeURIComponent('عسل')}`],
    ['product page', `/p/${slug}`],
  ] as const) {
    const result = await load(label, path)
    results.push(result)
    if (result.non2xx || result.errors) console.warn(`  ${label}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  }
  const staticRps = results[0]!.rps
  console.log('| page | requests/s | p50 ms | p95 ms | vs static |')
  console.log('|---|---:|---:|---:|---:|')
  for (const r of results) {
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${(r.rps / staticRps).toFixed(2)} |`)
  }
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r))
    server.kill('SIGTERM')
    await exited
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.close()
  console.log(`\ndatabase ${name} dropped`)
}
