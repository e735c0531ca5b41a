import { hostname } from 'node:os'
import type { SQL } from 'drizzle-orm'
import { connect, type Db, type DbConnection, type DbOrTx } from '#db/client'
import { createReadRouting, type ReadRouting } from '~/modules/ops/read-replica.server'
import { getEnv } from './env.server'

// One connection for the whole process, shared by every request. Kept on globalThis so that the
// Vite dev server reloading this module does not open a second embedded database on the same dir.
const g = globalThis as typeof globalThis & { __taswiqDb?: Promise<DbConnection>; __taswiqReadRouting?: Promise<ReadRouting | null> }

/** This server's name in pg_stat_activity (`taswiq:<host>:<pid>`, at most 63 bytes). */
export function databaseApplicationName() {
  return `taswiq:${hostname()}:${process.pid}`.slice(0, 63)
}

export function getConnection(): Promise<DbConnection> {
  g.__taswiqDb ??= (() => {
    const env = getEnv()
    return connect({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, max: env.DATABASE_POOL_MAX, applicationName: databaseApplicationName() })
  })()
  return g.__taswiqDb
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db
}

/**
 * The read replica and its monitor when DATABASE_REPLICA_URL is set (null otherwise), started on
 * first use. Catalog loaders do not call this: they call `getCatalogDb(request)`.
 */
export function getReadRouting(): Promise<ReadRouting | null> {
  g.__taswiqReadRouting ??= (async () => {
    const env = getEnv()
    if (!env.DATABASE_REPLICA_URL || !env.DATABASE_URL) return null
    const [primary, replica] = await Promise.all([
      getConnection(),
      connect({ url: env.DATABASE_REPLICA_URL, max: env.DATABASE_POOL_MAX, applicationName: databaseApplicationName() }),
    ])
    const routing = createReadRouting({ primary, replica, maxLagMs: env.REPLICA_MAX_LAG_MS, checkIntervalMs: env.REPLICA_CHECK_MS })
    routing.start()
    return routing
  })()
  return g.__taswiqReadRouting
}

/**
 * The database a public catalog page (home, category, search, product, shop, sitemap) reads from:
 * the replica when there is one, it is caught up, and this visitor did not just write; else the
 * primary. Only for reads: the replica refuses writes.
 */
export async function getCatalogDb(request: Request): Promise<Db> {
  const routing = await getReadRouting()
  return routing ? routing.catalogDb(request) : getDb()
}

/**
 * The database for catalog data shared by every visitor's page (app/modules/page-cache/shared-data.server.ts):
 * what an anonymous render reads, so shared data follows the page cache's rule (the primary for a
 * while after a write on this server, decision 029), whoever's request happens to read it.
 */
export async function getSharedCatalogDb(): Promise<Db> {
  const routing = await getReadRouting()
  return routing ? routing.catalogDb(new Request('http://localhost/')) : getDb()
}

export async function closeConnection() {
  const routing = g.__taswiqReadRouting
  g.__taswiqReadRouting = undefined
  if (routing) await (await routing)?.stop()
  const conn = g.__taswiqDb
  g.__taswiqDb = undefined
  if (conn) await (await conn).close()
}

/**
 * The rows of a raw SQL statement (`db.execute`), whatever the driver: postgres.js answers with an
 * array of rows, PGlite with `{ rows }`. Prefer the query builder; this is for the statements it
 * cannot write.
 */
export async function rowsOf<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query)
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[]
}
