import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../db/client'
import { MIGRATIONS_FOLDER } from '../../db/migrate'
import { createReadinessCheck } from '../../app/modules/ops/readiness.server'
import { startAppServer, type AppServer } from '../support/app-server'
import { findPostgresBinDir, startThrowawayPostgres } from '../support/throwaway-postgres'

// /readyz tells the load balancer whether to send traffic to a server: the compiled server runs on
// a PostgreSQL cluster of this test's own, which the test stops and starts. /healthz (alive) stays
// 200 throughout; /readyz is 503 while the database is down, and 200 again without a restart.

const binDir = findPostgresBinDir()
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error))
})

describe.skipIf(!binDir && !process.env.CI)('readiness', () => {
  it('/readyz is 503 while the database is down and 200 once it is back; /healthz stays 200', async () => {
    const pg = await startThrowawayPostgres({ binDir })
    cleanups.push(() => pg.destroy())
    await pg.createDatabase('taswiq')
    await pg.createDatabase('empty')

    // A database without this build's migrations is not ready either.
    const empty = await connect({ url: pg.url('empty'), max: 1 })
    cleanups.push(() => empty.close())
    expect(await createReadinessCheck(empty, MIGRATIONS_FOLDER)()).toMatchObject({ ready: false, database: 'ok', migrations: 'pending' })

    const server: AppServer = await startAppServer({ DATABASE_URL: pg.url('taswiq'), LOG_LEVEL: 'warn' })
    cleanups.push(() => server.stop())
    const ready = async () => {
      const started = performance.now()
      const response = await fetch(`${server.baseURL}/readyz`, { signal: AbortSignal.timeout(10_000) })
      return { status: response.status, body: (await response.json()) as Record<string, unknown>, ms: performance.now() - started }
    }
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'applied' } })

    await pg.stop('immediate')
    const down = await ready()
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'unreachable' } })
    expect(down.ms, 'a probe must not hang').toBeLessThan(3_000)
    const health = await fetch(`${server.baseURL}/healthz`)
    expect(health.status).toBe(200)

    await pg.start()
    const deadline = Date.now() + 15_000
    let after = await ready()
    while (after.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      after = await ready()
    }
    expect(after.status).toBe(200)
    expect(await server.stop()).toBe(0)
  }, 150_000)
})
