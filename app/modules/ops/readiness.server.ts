import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { DbConnection } from '#db/client'

type Journal = { entries: { tag: string; when: number }[] }

/** The migrations this build ships (drizzle's journal): what the database must have applied. */
export function expectedMigrations(migrationsFolder: string) {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal
  return { count: journal.entries.length, lastWhen: Math.max(...journal.entries.map((e) => e.when)) }
}

export type Readiness = { ready: boolean; database: 'ok' | 'unreachable'; migrations: 'applied' | 'pending' | 'unknown'; detail?: string }

/**
 * Whether this server should receive traffic: the database answers within `timeoutMs` and has
 * every migration of this build applied (drizzle's `__drizzle_migrations` table). Once seen
 * applied, the migrations are not checked again (they are never un-applied).
 */
export function createReadinessCheck(conn: Pick<DbConnection, 'query'>, migrationsFolder: string, { timeoutMs = 2000 } = {}) {
  const expected = expectedMigrations(migrationsFolder)
  let migrationsSeen = false
  return async function check(): Promise<Readiness> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref())
    try {
      if (migrationsSeen) {
        await Promise.race([conn.query('select 1'), timeout])
        return { ready: true, database: 'ok', migrations: 'applied' }
      }
      const [row] = await Promise.race([
        conn.query<{ n: number | string; last: number | string | null }>(
          `select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations`
        ),
        timeout,
      ])
      const applied = Number(row?.n ?? 0) >= expected.count && Number(row?.last ?? 0) >= expected.lastWhen
      if (applied) migrationsSeen = true
      return applied
        ? { ready: true, database: 'ok', migrations: 'applied' }
        : { ready: false, database: 'ok', migrations: 'pending', detail: `${row?.n ?? 0} of ${expected.count} applied` }
    } catch (error) {
      const message = (error as Error).message
      // The table missing means no migration ran yet; anything else is the database not answering.
      if (/__drizzle_migrations|schema "drizzle"/.test(message)) return { ready: false, database: 'ok', migrations: 'pending', detail: message }
      return { ready: false, database: 'unreachable', migrations: 'unknown', detail: message }
    }
  }
}
