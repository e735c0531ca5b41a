import { eq, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { rateLimits } from '#db/schema'

// Fixed-window counters in PostgreSQL, so every app server shares them and they survive restarts.
// rate-limiter-flexible's Postgres store wants the `pg` driver; this is the same idea in one
// upsert that works on postgres.js and PGlite alike (decision 002).

/**
 * `points` attempts per window. With `backoffMaxSeconds`, every attempt beyond the points (refused
 * ones too) pushes the window's end further: the first refusal waits one window, the next two,
 * then four… up to `backoffMaxSeconds` — a guesser slows down ever more, a person who mistyped
 * waits once.
 */
export type Limit = { points: number; windowSeconds: number; backoffMaxSeconds?: number }

// The log-in policy (decision 012): every attempt is counted before the password is checked, so
// concurrent guesses cannot slip past a count read before them. One address gets 5 tries at one
// account, with growing waits; the account itself takes 50 an hour from all addresses together
// (a guesser with many addresses), and its owner always gets in through a reset link, which
// clears the account's counters.
export const limits = {
  loginPerIp: { points: 30, windowSeconds: 15 * 60 },
  /** Attempts at one account from one address (successes are not kept). */
  loginPerAccountAndIp: { points: 5, windowSeconds: 15 * 60, backoffMaxSeconds: 24 * 60 * 60 },
  /** Attempts at one account from every address together (successes are given back). */
  loginPerAccount: { points: 50, windowSeconds: 60 * 60 },
  signupPerIp: { points: 5, windowSeconds: 60 * 60 },
  codePerIp: { points: 20, windowSeconds: 15 * 60 },
  codeResendPerAccount: { points: 3, windowSeconds: 15 * 60 },
  resetPerIp: { points: 5, windowSeconds: 60 * 60 },
  /** Links asked for one address from one network address; the owner elsewhere still gets one. */
  resetPerAccountAndIp: { points: 3, windowSeconds: 60 * 60 },
  /** Links asked for one address from everywhere: no flood of emails on the owner. */
  resetPerAccount: { points: 10, windowSeconds: 60 * 60 },
  /** Texts carrying a code (sign-up, resend, reset) to one number, from everywhere: SMS cost money (decision 016). */
  smsPerNumber: { points: 5, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number }

/** Counts one attempt under `key`; refused once more than `limit.points` fall in the window. */
export async function consume(db: DbOrTx, key: string, limit: Limit, now = new Date()): Promise<RateLimitResult> {
  const expiresAt = new Date(now.getTime() + limit.windowSeconds * 1000)
  // Dates inside sql`` go to the driver untyped: postgres.js wants them as text with a cast.
  const nowSql = sql`${now.toISOString()}::timestamptz`
  const expired = sql`${rateLimits.expiresAt} <= ${nowSql}`
  // Growing waits: the n-th attempt over the points ends the window 2^(n-1) windows from now.
  const over = sql`${rateLimits.points} + 1 - ${limit.points}`
  const keptEnd = limit.backoffMaxSeconds
    ? sql`case when ${over} > 0 then greatest(${rateLimits.expiresAt}, ${nowSql} + make_interval(secs => least(${limit.windowSeconds}::float8 * power(2, least(${over} - 1, 30)), ${limit.backoffMaxSeconds}::float8))) else ${rateLimits.expiresAt} end`
    : sql`${rateLimits.expiresAt}`
  const [row] = await db
    .insert(rateLimits)
    .values({ key, points: 1, expiresAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: sql`case when ${expired} then 1 else ${rateLimits.points} + 1 end`,
        expiresAt: sql`case when ${expired} then ${expiresAt.toISOString()}::timestamptz else ${keptEnd} end`,
      },
    })
    .returning({ points: rateLimits.points, expiresAt: rateLimits.expiresAt })
  return verdict(row!, limit, now, true)
}

/** Gives back one attempt counted by `consume` (one that turned out to be legitimate). */
export async function refund(db: DbOrTx, key: string) {
  await db
    .update(rateLimits)
    .set({ points: sql`greatest(${rateLimits.points} - 1, 0)` })
    .where(eq(rateLimits.key, key))
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

/** Clears every counter whose key starts with `prefix` (an account's counters from all addresses). */
export async function resetPrefix(db: DbOrTx, prefix: string) {
  await db.delete(rateLimits).where(sql`starts_with(${rateLimits.key}, ${prefix})`)
}

function verdict(row: { points: number; expiresAt: Date }, limit: Limit, now: Date, counted: boolean): RateLimitResult {
  const allowed = counted ? row.points <= limit.points : row.points < limit.points
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000)) }
}

/** Old windows are dead weight; server.ts calls this every hour. */
export async function purgeExpired(db: DbOrTx, now = new Date()) {
  await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now))
}
