import { sql } from 'drizzle-orm'
import express from 'express'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, describe, expect, it } from 'vitest'
import { connect, type Db, type DbConnection } from '../../db/client'
import { products } from '../../db/schema'
import { migrate } from '../../db/migrate'
import { recentWriteMiddleware, RECENT_WRITE_COOKIE } from '../../app/modules/ops/read-replica.server'
import { closeConnection, getCatalogDb, getReadRouting, rowsOf } from '../../app/utils/db.server'
import { createCategory, createProduct, createShop } from '../support/factories'
import { useDatabaseForRoutes } from '../support/route-actions'
import { findPostgresBinDir, startThrowawayPostgres, startThrowawayReplica } from '../support/throwaway-postgres'

// A real streaming replica (pg_basebackup -R on a throwaway cluster of this test's own): catalog
// loaders read there, writes are refused there, a visitor who just wrote reads the primary, and a
// lagging or stopped replica is skipped. Replay is paused on the replica to make it lag on purpose:
// a product added on the primary is then missing on the replica path and present on the primary's.

const binDir = findPostgresBinDir()
if (!binDir) {
  console.warn(
    'read-replica test SKIPPED: PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found — set PG_BINDIR or install postgresql (CI has /usr/lib/postgresql/15/bin)'
  )
}

const cleanups: (() => Promise<unknown>)[] = []
const g = globalThis as typeof globalThis & { __taswiqEnv?: unknown; __taswiqDb?: unknown; __taswiqReadRouting?: unknown }
const savedEnv = { ...process.env }
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error))
  process.env = savedEnv
  g.__taswiqEnv = undefined
  g.__taswiqDb = undefined
  g.__taswiqReadRouting = undefined
})

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const inRecovery = async (db: Db) => (await rowsOf<{ r: boolean }>(db, sql`select pg_is_in_recovery() as r`))[0]!.r

function visit(path: string, cookie?: string) {
  const headers = new Headers({ 'Accept-Language': 'ar-DZ,ar;q=0.9' })
  if (cookie) headers.set('Cookie', cookie)
  return new Request(`http://localhost${path}`, { headers })
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
const productRoute = async () => (await import('../../app/routes/_store+/p.$slug')) as { loader: Loader }
const homeRoute = async () => (await import('../../app/routes/_store+/_index')) as { loader: Loader }

/** The product page as this visitor gets it: 200 with the title, or 404 where the product is unknown. */
async function productPage(slug: string, cookie?: string) {
  try {
    const result = (await (await productRoute()).loader({ request: visit(`/p/${slug}`, cookie), params: { slug }, context: {} })) as {
      data: { product: { title: string } }
    }
    return { status: 200, title: result.data.product.title }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, title: null }
    throw thrown
  }
}

describe.skipIf(!binDir && !process.env.CI)('read replica', () => {
  it('serves catalog reads from a streaming replica, refuses writes there, and reads the primary after a write or when the replica lags or stops', async () => {
    const primary = await startThrowawayPostgres({ binDir })
    cleanups.push(() => primary.destroy())
    await primary.createDatabase('taswiq')
    const primaryConn: DbConnection = await connect({ url: primary.url('taswiq'), max: 4 })
    await migrate(primaryConn)
    const category = await createCategory(primaryConn.db)
    const shop = await createShop(primaryConn.db)
    const before = await createProduct(primaryConn.db, { shopId: shop.id, categoryId: category.id, title: 'عسل قبل النسخة' })

    const replica = await startThrowawayReplica(primary)
    cleanups.push(() => replica.destroy())
    const replicaAdmin = await connect({ url: replica.url('taswiq'), max: 1 })
    cleanups.push(() => replicaAdmin.close())

    // The replica is a hot standby and refuses writes, whatever the connection.
    expect((await replicaAdmin.query<{ r: boolean }>('select pg_is_in_recovery() as r'))[0]!.r).toBe(true)
    await expect(replicaAdmin.query(`update products set title = 'x'`)).rejects.toThrow(/read-only transaction/)

    // The app, configured as a deployment would be.
    Object.assign(process.env, {
      DATABASE_URL: primary.url('taswiq'),
      DATABASE_REPLICA_URL: replica.url('taswiq'),
      REPLICA_MAX_LAG_MS: '4000',
      REPLICA_CHECK_MS: '100',
    })
    g.__taswiqEnv = undefined
    g.__taswiqReadRouting = undefined
    useDatabaseForRoutes(primaryConn)
    cleanups.push(() => closeConnection())
    const routing = (await getReadRouting())!
    expect(routing).not.toBeNull()
    await until('the replica to be caught up', () => routing.status().inUse)
    expect(routing.status()).toMatchObject({ replica: 'ok', inUse: true })
    expect(routing.status().lagMs).toBeLessThan(4000)

    // An anonymous catalog read goes to the replica; writes through that connection are refused.
    const anonymousDb = await getCatalogDb(visit('/'))
    expect(await inRecovery(anonymousDb)).toBe(true)
    const refused = await anonymousDb
      .insert(products)
      .values({ slug: 'nope', title: 'x', shopId: shop.id, categoryId: category.id, price: 1 })
      .then(() => null, (error: Error) => `${error.message} ${String(error.cause)}`)
    expect(refused).toMatch(/read-only transaction/)
    // A visitor who just wrote (the cookie every write response sets) reads the primary.
    expect(await inRecovery(await getCatalogDb(visit('/', `${RECENT_WRITE_COOKIE}=1`)))).toBe(false)
    // The real home page loader, on the replica path, lists the product copied by pg_basebackup.
    const home = (await (await homeRoute()).loader({ request: visit('/'), params: {}, context: {} })) as { data: { newest: { slug: string }[] } }
    expect(home.data.newest.map((p) => p.slug)).toContain(before.slug)

    // Loaded before the clock matters below (a first import can take a while on a busy machine).
    await productRoute()

    // The replica stops replaying: a product added now exists on the primary only.
    await replicaAdmin.query('select pg_wal_replay_pause()')
    const added = await createProduct(primaryConn.db, { shopId: shop.id, categoryId: category.id, title: 'عسل جديد' })
    const startedLagging = Date.now()
    expect(await productPage(added.slug), 'anonymous: the replica, which lacks it').toEqual({ status: 404, title: null })
    expect(await productPage(added.slug, `lng=ar; ${RECENT_WRITE_COOKIE}=1`), 'right after a write: the primary').toEqual({ status: 200, title: 'عسل جديد' })
    expect(Date.now() - startedLagging, 'the two reads above happened within the allowed lag').toBeLessThan(4000)

    // Past REPLICA_MAX_LAG_MS the replica is skipped: everyone reads the primary.
    await until('the replica to count as lagging', () => routing.status().replica === 'lagging')
    expect(routing.status().inUse).toBe(false)
    expect(routing.status().lagMs).toBeGreaterThan(4000)
    expect(await productPage(added.slug)).toEqual({ status: 200, title: 'عسل جديد' })

    // Replay resumes: the replica catches up and serves again, with the product.
    await replicaAdmin.query('select pg_wal_replay_resume()')
    await until('the replica to catch up', () => routing.status().inUse)
    expect(await inRecovery(await getCatalogDb(visit(`/p/${added.slug}`)))).toBe(true)
    expect(await productPage(added.slug)).toEqual({ status: 200, title: 'عسل جديد' })

    // A write on this server emptied the page cache: the anonymous renders that refill it read the
    // primary for a while (a lagging replica must not put the old page back); a logged-in visitor's
    // page (never cached) may still come from the replica.
    await replicaAdmin.query('select pg_wal_replay_pause()')
    const third = await createProduct(primaryConn.db, { shopId: shop.id, categoryId: category.id, title: 'عسل ثالث' })
    routing.noteLocalWrite()
    expect(await productPage(third.slug)).toEqual({ status: 200, title: 'عسل ثالث' })
    expect(await productPage(third.slug, 'taswiq_session=someone')).toEqual({ status: 404, title: null })
    await replicaAdmin.query('select pg_wal_replay_resume()')
    routing.noteLocalWrite(Date.now() - 60_000)
    await until('the replica to catch up again', () => routing.status().inUse)

    // The replica stops: reported down, catalog pages keep working from the primary.
    await replicaAdmin.close()
    await replica.stop('immediate')
    await until('the replica to count as down', () => routing.status().replica === 'down')
    expect(routing.status().inUse).toBe(false)
    expect(await inRecovery(await getCatalogDb(visit('/')))).toBe(false)
    expect(await productPage(before.slug)).toEqual({ status: 200, title: 'عسل قبل النسخة' })
  }, 90_000)
})

describe('recent-write cookie', () => {
  it('is set on the response to a write request only, and reports the write when it finishes', async () => {
    const writes: string[] = []
    const app = express()
    app.use(recentWriteMiddleware({ seconds: 7, secure: false, onWrite: (method, path) => writes.push(`${method} ${path}`) }))
    app.all('*', (_req, res) => void res.send('ok'))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
      const read = await fetch(`${base}/p/honey`)
      expect(read.headers.getSetCookie()).toEqual([])
      const write = await fetch(`${base}/dashboard/products/new`, { method: 'POST' })
      expect(write.headers.getSetCookie()).toHaveLength(1)
      expect(write.headers.getSetCookie()[0]).toMatch(new RegExp(`^${RECENT_WRITE_COOKIE}=1; Max-Age=7; Path=/; Expires=.*; HttpOnly; SameSite=Lax$`))
      await until('the write to be reported', () => writes.length === 1)
      expect(writes).toEqual(['POST /dashboard/products/new'])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
