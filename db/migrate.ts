import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { connect, type DbConnection } from './client'

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Applies the committed drizzle-kit migrations with drizzle's own migrator, on either driver. */
export async function migrate(conn: DbConnection) {
  if (conn.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator')
    await migrate(conn.db as never, { migrationsFolder: MIGRATIONS_FOLDER })
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator')
    await migrate(conn.db as never, { migrationsFolder: MIGRATIONS_FOLDER })
  }
}

if (!('__TASWIQ_SERVER_BUNDLE__' in globalThis) && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const conn = await connect({ url: process.env.DATABASE_URL, max: 1 })
  await migrate(conn)
  await conn.close()
  console.log(`migrations applied (${conn.driver})`)
}
