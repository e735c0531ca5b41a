import { connect, type Db, type DbConnection } from '#db/client'
import { getEnv } from './env.server'

// One connection for the whole process, shared by every request. Kept on globalThis so that the
// Vite dev server reloading this module does not open a second embedded database on the same dir.
const g = globalThis as typeof globalThis & { __taswiqDb?: Promise<DbConnection> }

export function getConnection(): Promise<DbConnection> {
  g.__taswiqDb ??= (() => {
    const env = getEnv()
    return connect({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR })
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
