import { eq, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { rateLimits } from '#db/schema'

// Fixed-window counters in PostgreSQL, so every app server shares them and they survive restarts.
// rate-limiter-flexible's Postgres store wants the `pg` driver; this is the same idea in one
// upsert that works on postgres.js and PGlite alike (decision 002).

export type Limit = { points: number; windowSeconds: number }

export const limits = {
  loginPerIp: { points: 30, windowSeconds: 15 * 60 },
  /** Wrong passwords for one account: the sixth try within 15 minutes is refused. */
  loginFailuresPerAccount: { points: 5, windowSeconds: 15 * 60 },
  signupPerIp: { points: 5, windowSeconds: 60 * 60 },
  codePerIp: { points: 20, windowSeconds: 15 * 60 },
  codeResendPerAccount: { points: 3, windowSeconds: 15 * 60 },
  resetPerIp: { points: 5, windowSeconds: 60 * 60 },
  resetPerAccount: { points: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number }

/** Counts one attempt under `key`; refused once more than `limit.points` fall in the window. */
export async function consume(db: DbOrTx, key: string, limit: Limit, now = new Date()): Promise<RateLimitResult> {
  const expiresAt = new Date(now.getTime() + limit.windowSeconds * 1000)
  // Dates inside sql`` go to the driver untyped: postgres.js wants them as text with a cast.
  const nowSql = sql`${now.toISOString()}::timestamptz`
  const [row] = await db
    .insert(rateLimits)
    .values({ key, points: 1, expiresAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: sql`case when ${rateLimits.expiresAt} <= ${nowSql} then 1 else ${rateLimits.points} + 1 end`,
        expiresAt: sql`case when ${rateLimits.expiresAt} <= ${nowSql} then ${expiresAt.toISOString()}::timestamptz else ${rateLimits.expiresAt} end`,
      },
    })
    .returning({ points: rateLimits.points, expiresAt: rateLimits.expiresAt })
  return verdict(row!, limit, now, true)
}

/** Whether another attempt would be allowed, without counting one. */
export async function peek(db: DbOrTx, key: string, limit: Limit, now = new Date()): Promise<RateLimitResult> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1)
  if (!row || row.expiresAt.getTime() <= now.getTime()) return { allowed: true, retryAfterSeconds: 0 }
  return verdict(row, limit, now, false)
}

export async function reset(db: DbOrTx, key: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, key))
}

function verdict(row: { points: number; expiresAt: Date }, limit: Limit, now: Date, counted: boolean): RateLimitResult {
  const allowed = counted ? row.points <= limit.points : row.points < limit.points
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000)) }
}

/** Old windows are dead weight; server.ts calls this every hour. */
export async function purgeExpired(db: DbOrTx, now = new Date()) {
  await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now))
}
