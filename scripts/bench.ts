// Benchmarks: `npm run bench` (on DATABASE_URL, or the embedded database). Speed targets live here,
// not in tests. Fill a database first for meaningful numbers: npm run seed:scale -- --products 100000
import { performance } from 'node:perf_hooks'
import { connect } from '../db/client'
import { migrate } from '../db/migrate'
import { hashPassword, verifyPassword } from '../app/modules/accounts/password.server'
import { getPublicProduct, listNewestProducts, searchProducts } from '../app/modules/catalog/catalog.server'

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
  console.log(`${name.padEnd(44)} p50 ${at(0.5).padStart(8)} ms   p95 ${at(0.95).padStart(8)} ms   (${runs} runs)`)
}

const conn = await connect({ url: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR, max: 4 })
await migrate(conn)
const [{ n } = { n: 0 }] = await conn.query<{ n: number }>(`select count(*)::int as n from products where status = 'active'`)
console.log(`database: ${conn.driver}, ${n} active products\n`)

const first = await listNewestProducts(conn.db, { language: 'ar', limit: 24 })
const slug = first.products[0]?.slug
await measure('home: newest 24 products (first page)', 200, () => listNewestProducts(conn.db, { language: 'ar', limit: 24 }))
if (first.next) {
  const after = first.next
  await measure('home: newest 24 products (next page)', 200, () => listNewestProducts(conn.db, { language: 'ar', limit: 24, after }))
}
if (slug) await measure('product page', 200, () => getPublicProduct(conn.db, { slug, language: 'fr' }))
await measure('search "عسل" (substring, until full-text)', 50, () => searchProducts(conn.db, { language: 'ar', query: 'عسل' }))

const hash = await hashPassword('benchmark-password')
await measure('argon2id hash (sign-up, password change)', 20, () => hashPassword('benchmark-password'))
await measure('argon2id verify (log-in)', 20, () => verifyPassword(hash, 'benchmark-password'))

await conn.close()
