import { hostname } from 'node:os'
import type { SQL } from 'drizzle-orm'
import { connect, type Db, type DbConnection, type DbOrTx } from '#db/client'
import { getEnv } from './env.server'

// One connection for the whole process, shared by every request. Kept on globalThis so that the
// Vite dev server reloading this module does not open a second embedded database on the same dir.
const g = globalThis as typeof globalThis & { __taswiqDb?: Promise<DbConnection> }

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

export async function closeConnection() {
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
