import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { Db, DbConnection } from '#db/client'
import { isAnonymousCookieHeader } from '~/modules/catalog/http-cache.server'

// Catalog reads (home, category, search, product, shop, sitemap) may go to a read-only streaming
// replica (DATABASE_REPLICA_URL); everything else goes to the primary (docs/decisions/029).
// This is the one place that decides which connection a catalog loader reads from.

/** Set on the response to any write request: this visitor reads from the primary while it lives. */
export const RECENT_WRITE_COOKIE = 'taswiq_rw'

export type ReplicaState = 'off' | 'starting' | 'ok' | 'lagging' | 'down' | 'not-standby'
export type ReplicaStatus = {
  replica: ReplicaState
  /** How far behind the primary the replica is known to be (ms), when it answers. */
  lagMs: number | null
  /** Whether catalog reads go there now (ok and within the lag allowed). */
  inUse: boolean
  detail?: string
}

/** A WAL position `X/Y` (two hex halves) as one number, comparable across both servers. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/')
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`)
}

/** Whether a raw `Cookie` header carries the recent-write cookie. */
export function hasRecentWriteCookie(cookie: string | null | undefined) {
  return Boolean(cookie?.split(';').some((part) => part.split('=')[0]!.trim() === RECENT_WRITE_COOKIE))
}

export type ReadRoutingOptions = {
  primary: Pick<DbConnection, 'db' | 'query'>
  replica: Pick<DbConnection, 'db' | 'query' | 'close'>
  /** Past this lag the replica is not used: every read goes to the primary until it catches up. */
  maxLagMs?: number
  /** How often the replica's position is compared with the primary's. */
  checkIntervalMs?: number
  /** A check that has no answer after this long counts as the replica down. */
  checkTimeoutMs?: number
  now?: () => number
}

export type ReadRouting = ReturnType<typeof createReadRouting>

/**
 * The replica and its monitor. Lag is measured by WAL position, not by the replica's last replayed
 * transaction time (which grows while the primary is idle and stays small while the replica is cut
 * off from it): each check reads the primary's current position, remembers when it read it, and
 * the replica's replayed position; the replica is then known to hold everything the primary had
 * committed at the latest remembered moment whose position it has replayed. Lag = now − that moment.
 */
export function createReadRouting({ primary, replica, maxLagMs = 5_000, checkIntervalMs = 1_000, checkTimeoutMs = 2_000, now = Date.now }: ReadRoutingOptions) {
  /** Primary positions read at given times, oldest first, kept for a little longer than maxLagMs. */
  const samples: { at: number; lsn: bigint }[] = []
  let caughtUpAt: number | null = null
  let status: ReplicaStatus = { replica: 'starting', lagMs: null, inUse: false }
  let lastLocalWriteAt = -Infinity
  let timer: NodeJS.Timeout | undefined
  let running: Promise<ReplicaStatus> | null = null

  /** A visitor's write reaches the replica within maxLagMs (or the replica is not used): cookie life. */
  const recentWriteSeconds = Math.ceil((maxLagMs + checkIntervalMs) / 1000) + 1

  const withTimeout = <T>(promise: Promise<T>) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${checkTimeoutMs} ms`)), checkTimeoutMs).unref()),
    ])

  async function measure(): Promise<ReplicaStatus> {
    const at = now()
    let primaryLsn: bigint
    try {
      const [row] = await withTimeout(primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'))
      primaryLsn = parseLsn(row!.lsn)
    } catch (error) {
      // The primary not answering is the primary's outage (pages answer 503 either way); the lag
      // keeps growing from the last moment the replica was known to be caught up.
      const lagMs = caughtUpAt === null ? null : now() - caughtUpAt
      return { replica: lagMs !== null && lagMs <= maxLagMs ? status.replica : 'lagging', lagMs, inUse: false, detail: `primary: ${(error as Error).message}` }
    }
    samples.push({ at, lsn: primaryLsn })
    while (samples.length > 1 && samples[0]!.at < at - 2 * maxLagMs - checkIntervalMs) samples.shift()
    let row: { standby: boolean; replayed: string | null } | undefined
    try {
      ;[row] = await withTimeout(replica.query<{ standby: boolean; replayed: string | null }>('select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed'))
    } catch (error) {
      return { replica: 'down', lagMs: null, inUse: false, detail: (error as Error).message }
    }
    // A promoted (or mistaken) replica accepts writes of its own and no longer follows the primary.
    if (!row?.standby || !row.replayed) return { replica: 'not-standby', lagMs: null, inUse: false, detail: 'pg_is_in_recovery() is false' }
    const replayed = parseLsn(row.replayed)
    const reached = samples.filter((sample) => sample.lsn <= replayed).at(-1)
    if (reached && (caughtUpAt === null || reached.at > caughtUpAt)) caughtUpAt = reached.at
    const lagMs = caughtUpAt === null ? null : Math.max(0, now() - caughtUpAt)
    const ok = lagMs !== null && lagMs <= maxLagMs
    return { replica: ok ? 'ok' : 'lagging', lagMs, inUse: ok }
  }

  /** One comparison (concurrent callers share it); the routing follows its result. */
  function check(): Promise<ReplicaStatus> {
    running ??= measure()
      .then((result) => (status = result))
      .finally(() => (running = null))
    return running
  }

  /** Whether a catalog read for a request with this `Cookie` header may go to the replica. */
  function usesReplica(cookie: string | null | undefined) {
    if (!status.inUse) return false
    // The visitor's own write may not be there yet: read-your-writes from the primary.
    if (hasRecentWriteCookie(cookie)) return false
    if (isAnonymousCookieHeader(cookie) && now() - lastLocalWriteAt < recentWriteSeconds * 1000) return false
    return true
  }

  return {
    maxLagMs,
    recentWriteSeconds,
    check,
    status: (): ReplicaStatus => status,
    start() {
      void check()
      timer ??= setInterval(() => void check(), checkIntervalMs).unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await running?.catch(() => {})
      await replica.close()
    },
    /**
     * A write that may change catalog pages finished on this server (the page cache was emptied).
     * The next anonymous renders fill the shared page cache: for a while they read the primary, so
     * a lagging replica cannot put the page as it was before the write back into the cache.
     */
    noteLocalWrite(at = now()) {
      lastLocalWriteAt = at
    },
    usesReplica,
    /** The connection a catalog loader reads from for this request. */
    catalogDb(request: Request): Db {
      return usesReplica(request.headers.get('Cookie')) ? replica.db : primary.db
    },
  }
}

/**
 * Express middleware: a write request (any method but GET/HEAD/OPTIONS) gets the recent-write
 * cookie, so the same visitor's next catalog reads come from the primary; `onWrite` is called when
 * such a request finishes (for the page-cache rule above).
 */
export function recentWriteMiddleware({ seconds, secure, onWrite }: { seconds: number; secure: boolean; onWrite?: (method: string, path: string) => void }) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      res.cookie(RECENT_WRITE_COOKIE, '1', { maxAge: seconds * 1000, httpOnly: true, sameSite: 'lax', secure, path: '/' })
      if (onWrite) res.once('close', () => onWrite(req.method, req.path))
    }
    next()
  }
}
