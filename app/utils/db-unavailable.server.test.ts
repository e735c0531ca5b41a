import { createServer, type AddressInfo } from 'node:net'
import type { ServerBuild } from '@remix-run/node'
import { sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { connect } from '#db/client'
import { DATABASE_UNAVAILABLE, isDatabaseUnavailableError, RETRY_AFTER_SECONDS, withDatabaseUnavailableResponses } from './db-unavailable.server'

/** A local port nothing listens on. */
async function closedPort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('isDatabaseUnavailableError', () => {
  it('recognises what postgres.js (through drizzle) throws when PostgreSQL is not there, at once', async () => {
    const conn = await connect({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/nothing`, max: 1 })
    const started = performance.now()
    const error = await conn.db.execute(sql`select 1`).then(
      () => null,
      (e: unknown) => e
    )
    expect(performance.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(Error)
    expect(isDatabaseUnavailableError(error)).toBe(true)
    await conn.close()
  })

  it('keeps failing fast however long the outage lasts (no growing reconnect delay holding queries)', { timeout: 15_000 }, async () => {
    const conn = await connect({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/nothing`, max: 4 })
    const slowest: number[] = []
    for (let round = 0; round < 8; round++) {
      const started = performance.now()
      const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => conn.query('select 1')))
      slowest.push(performance.now() - started)
      expect(results.every((r) => r.status === 'rejected' && isDatabaseUnavailableError(r.reason))).toBe(true)
    }
    // postgres.js's default backoff reaches seconds after a few failures (20 s at most).
    expect(Math.max(...slowest)).toBeLessThan(1500)
    await conn.close()
  })

  it.each([
    ['postgres.js: connection closed', { code: 'CONNECTION_CLOSED' }],
    ['postgres.js: connect timeout', { code: 'CONNECT_TIMEOUT' }],
    ['SQLSTATE 57P01 admin_shutdown', { code: '57P01' }],
    ['SQLSTATE 57P03 cannot_connect_now', { code: '57P03' }],
    ['SQLSTATE 08006 connection_failure', { code: '08006' }],
    ['wrapped by drizzle', new Error('Failed query: select 1', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })],
    ['several addresses refused', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect')],
  ])('%s → unavailable', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true)
  })

  it.each([
    ['unique violation', { code: '23505' }],
    ['syntax error', { code: '42601' }],
    ['a plain bug', new TypeError('x is undefined')],
    ['a thrown 404', new Response('not found', { status: 404 })],
    ['nothing', undefined],
  ])('%s → not unavailable', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false)
  })
})

describe('withDatabaseUnavailableResponses', () => {
  const refused = () => Promise.reject(new Error('Failed query', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))
  const build = {
    routes: {
      root: { id: 'root', path: '', module: { loader: refused, default: () => null } },
      'routes/page': { id: 'routes/page', parentId: 'root', path: 'page', module: { loader: async () => ({ ok: true }), action: refused } },
      'routes/bug': { id: 'routes/bug', parentId: 'root', path: 'bug', module: { loader: async () => Promise.reject(new TypeError('bug')) } },
      'routes/static': { id: 'routes/static', parentId: 'root', path: 'static', module: { default: () => null } },
    },
  } as unknown as ServerBuild
  const args = {} as never

  it('turns a database outage in a loader or an action into a thrown 503 with Retry-After', async () => {
    const log = { error: vi.fn() }
    const wrapped = withDatabaseUnavailableResponses(build, log)
    const thrown = await Promise.resolve(wrapped.routes.root!.module.loader!(args)).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe(String(RETRY_AFTER_SECONDS))
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({ reason: DATABASE_UNAVAILABLE })
    expect(log.error).toHaveBeenCalledWith('database unavailable (ECONNREFUSED) in root: answered 503')

    const fromAction = await Promise.resolve(wrapped.routes['routes/page']!.module.action!(args)).catch((e: unknown) => e)
    expect((fromAction as Response).status).toBe(503)
  })

  it('leaves everything else alone', async () => {
    const wrapped = withDatabaseUnavailableResponses(build, { error: vi.fn() })
    expect(await wrapped.routes['routes/page']!.module.loader!(args)).toEqual({ ok: true })
    await expect(Promise.resolve(wrapped.routes['routes/bug']!.module.loader!(args))).rejects.toThrow(TypeError)
    expect(wrapped.routes['routes/static']!.module).not.toHaveProperty('loader')
    expect(wrapped.routes['routes/static']!.module).not.toHaveProperty('action')
    expect(wrapped.routes.root!.module.default).toBe(build.routes.root!.module.default)
    // The original build is not changed.
    await expect(Promise.resolve(build.routes.root!.module.loader!(args))).rejects.toThrow('Failed query')
  })
})
