import { createServer, Socket, type AddressInfo } from 'node:net'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { testServerUrl } from '../tests/support/postgres-url'

// scripts/patch-postgres-js.mjs (run by `npm install`) fixes postgres.js 3.4.9 crashing the
// process when a transaction's connection dies. Without it, this test ends in an uncaught
// "TypeError: Cannot read properties of null (reading 'write')", which fails the run.
const url = testServerUrl()

/** A TCP proxy to the PostgreSQL server whose connections can be cut, as a crashed server would. */
async function startCuttableProxy(target: URL) {
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = new Socket()
    upstream.connect(Number(target.port || 5432), target.hostname)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const proxied = new URL(target)
  proxied.hostname = '127.0.0.1'
  proxied.port = String(port)
  return {
    url: proxied.toString(),
    cutAll: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

describe.skipIf(!url)('postgres.js when a transaction loses its connection (real PostgreSQL)', () => {
  it('rejects the transactions, does not crash the process, and the pool goes on', async () => {
    const proxy = await startCuttableProxy(new URL(url!))
    const sql = postgres(proxy.url, { max: 4, onnotice: () => {}, backoff: () => 0 })
    try {
      let inside = 0
      const transactions = Array.from({ length: 4 }, () =>
        sql.begin(async (tx) => {
          await tx`select 1`
          inside++
          await tx`select pg_sleep(1)`
        })
      )
      while (inside < 4) await new Promise((resolve) => setTimeout(resolve, 10))
      proxy.cutAll()
      const results = await Promise.allSettled(transactions)
      expect(results.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code)).toEqual(Array(4).fill('CONNECTION_CLOSED'))
      // postgres.js then sends each transaction's ROLLBACK, deferred to the next turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 300))
      for (let i = 0; i < 6; i++) expect(await sql`select ${i}::int as n`).toEqual([{ n: i }])
    } finally {
      await sql.end({ timeout: 1 })
      await proxy.close()
    }
  })
})

if (!url) console.info('postgres-js-patch.test.ts: skipped, needs a PostgreSQL server (DATABASE_URL or TEST_DATABASE_URL)')
