import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type { Sql } from 'postgres'
import * as schema from './schema'

/** One type for both drivers: modules never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction handle is a Db too; functions that must join the caller's transaction take one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export type DbConnection = {
  db: Db
  driver: 'postgres' | 'pglite'
  /** Runs raw SQL and returns rows, whatever the driver (postgres.js and PGlite shape results differently). */
  query: <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>
  close: () => Promise<void>
}

export const DEFAULT_PGLITE_DIR = path.resolve('.data/pglite')

export type ConnectOptions = {
  /** postgres:// URL; when absent, an embedded PGlite database is used. */
  url?: string
  /** PGlite data directory (`memory://` for an in-memory one). */
  pgliteDir?: string
  /** A PGlite data dir dump (from `dumpDataDir`) to start from: tests use a migrated template. */
  pgliteLoadDataDir?: Blob | File
  max?: number
  /** Seconds to wait for a new connection before failing (postgres.js waits 30 by default). */
  connectTimeoutSeconds?: number
  /** PostgreSQL's application_name: lets /metrics count this server's connections in pg_stat_activity. */
  applicationName?: string
}

/**
 * A request must not hang while the database is unreachable: a refused connection fails at once,
 * and one whose packets go nowhere fails after this many seconds (then the page answers 503).
 */
export const CONNECT_TIMEOUT_SECONDS = 5

/**
 * Seconds a pool connection waits before connecting again after a failed attempt. postgres.js's
 * default grows to 20 s over a few failures, and every query queued on that connection waits with
 * it: during an outage pages hung for tens of seconds instead of answering 503, and after it the
 * pool took as long to come back. A short, bounded pause fails fast and recovers at once; a
 * refused connection costs the database nothing.
 */
export function reconnectDelaySeconds(failures: number) {
  return Math.min(0.05 * failures, 0.25)
}

export async function connect(options: ConnectOptions = {}): Promise<DbConnection> {
  if (options.url) {
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const sql: Sql = postgres(options.url, {
      max: options.max ?? 10,
      connect_timeout: options.connectTimeoutSeconds ?? CONNECT_TIMEOUT_SECONDS,
      backoff: reconnectDelaySeconds,
      onnotice: () => {},
      ...(options.applicationName ? { connection: { application_name: options.applicationName } } : {}),
    })
    return {
      db: drizzle(sql, { schema }) as unknown as Db,
      driver: 'postgres',
      query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
      close: () => sql.end({ timeout: 5 }),
    }
  }

  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  // Search needs these (migration 0006); PGlite only offers an extension loaded at creation.
  const [{ pg_trgm }, { unaccent }] = await Promise.all([import('@electric-sql/pglite/contrib/pg_trgm'), import('@electric-sql/pglite/contrib/unaccent')])
  const dir = options.pgliteDir ?? DEFAULT_PGLITE_DIR
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true })
  const client: PGlite = await PGlite.create(dir, { loadDataDir: options.pgliteLoadDataDir, extensions: { pg_trgm, unaccent } })
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    driver: 'pglite',
    query: async (text, params = []) => (await client.query(text, params)).rows as never,
    close: () => client.close(),
  }
}
