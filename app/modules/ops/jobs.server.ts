import { hostname } from 'node:os'
import type { DbConnection } from '#db/client'

/** Who runs a job (recorded in job_runs.last_runner and the logs): this server. */
export const RUNNER_ID = `${hostname()}:${process.pid}`

export type JobLogger = {
  info: (fields: Record<string, unknown>, message: string) => void
  error: (fields: Record<string, unknown>, message: string) => void
}

export type JobDefinition = {
  name: string
  /** How often this server checks whether the job is due. */
  intervalMs: number
  /**
   * The period a run belongs to; a period is run once across the fleet. Defaults to
   * `floor(now / intervalMs)`; the nightly reconciliation uses the day it reconciles.
   */
  tickOf?: (now: Date) => string
  /** A run still going after this is presumed dead (its server crashed) and the next claim wins. */
  leaseMs?: number
  /** Delay before this server's first check (default: one interval). */
  firstCheckMs?: number
  run: () => Promise<unknown>
}

/**
 * Claims `tick` of job `name` for this server, atomically: one statement inserts or updates the
 * job's row only if its tick is *later* than the stored one (ticks only move forward: a server
 * whose check was computed just before another server claimed the next tick must not run the
 * previous one again — the two-server test caught exactly that) and no run holds an unexpired
 * lease. Ticks are compared as numbers or ISO dates of equal length (length first, then bytes).
 * Of N servers checking the same tick, exactly one gets a row back. Works the same on PGlite.
 */
export async function claimJobTick(conn: Pick<DbConnection, 'query'>, name: string, tick: string, leaseMs: number, runner = RUNNER_ID) {
  const rows = await conn.query<{ runs: number }>(
    `INSERT INTO job_runs (name, tick, running_until, started_at, runs, last_runner)
     VALUES ($1, $2, now() + make_interval(secs => $3::double precision), now(), 1, $4)
     ON CONFLICT (name) DO UPDATE SET
       tick = excluded.tick, running_until = excluded.running_until, started_at = now(),
       runs = job_runs.runs + 1, last_runner = excluded.last_runner
     WHERE (job_runs.tick IS NULL
            OR length(excluded.tick) > length(job_runs.tick)
            OR (length(excluded.tick) = length(job_runs.tick) AND excluded.tick COLLATE "C" > job_runs.tick COLLATE "C"))
       AND (job_runs.running_until IS NULL OR job_runs.running_until < now())
     RETURNING runs`,
    [name, tick, leaseMs / 1000, runner]
  )
  return rows.length > 0
}

/**
 * Records the end of a run. A failed run gives its tick back (tick = NULL), so any server retries
 * it at its next check instead of waiting for the next period.
 */
export async function finishJobRun(conn: Pick<DbConnection, 'query'>, name: string, durationMs: number, error: unknown) {
  if (error === undefined) {
    await conn.query(
      `UPDATE job_runs SET running_until = NULL, finished_at = now(), last_success_at = now(), last_duration_ms = $2, last_error = NULL WHERE name = $1`,
      [name, Math.round(durationMs)]
    )
  } else {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
    await conn.query(
      `UPDATE job_runs SET running_until = NULL, finished_at = now(), last_duration_ms = $2, last_error = $3, tick = NULL WHERE name = $1`,
      [name, Math.round(durationMs), message]
    )
  }
}

export type JobScheduler = {
  /** Checks the job now (claims the current tick if nobody has). Resolves when done; false if not claimed. */
  runNow(name: string): Promise<boolean>
  /** Stops the timers and waits for the runs in progress (graceful shutdown). */
  stop(): Promise<void>
}

/**
 * Runs each job on its own timer in this process, each tick at most once across every server on
 * the database (`claimJobTick`). A check that cannot reach the database is logged and skipped.
 */
export function startJobs(
  conn: Pick<DbConnection, 'query'>,
  jobs: JobDefinition[],
  { log, now = () => new Date() }: { log: JobLogger; now?: () => Date }
): JobScheduler {
  const timers: NodeJS.Timeout[] = []
  const running = new Set<Promise<unknown>>()
  let stopped = false

  const check = async (job: JobDefinition): Promise<boolean> => {
    if (stopped) return false
    const at = now()
    const tick = job.tickOf ? job.tickOf(at) : String(Math.floor(at.getTime() / job.intervalMs))
    const leaseMs = job.leaseMs ?? Math.max(job.intervalMs, 60_000)
    let claimed: boolean
    try {
      claimed = await claimJobTick(conn, job.name, tick, leaseMs)
    } catch (error) {
      log.error({ job: job.name, err: error }, 'job check failed (database unreachable?)')
      return false
    }
    if (!claimed) return false
    const started = performance.now()
    let failure: unknown = undefined
    try {
      await job.run()
    } catch (error) {
      failure = error ?? new Error('job failed')
    }
    const durationMs = performance.now() - started
    if (failure === undefined) log.info({ job: job.name, tick, durationMs: Math.round(durationMs), runner: RUNNER_ID }, 'job done')
    else log.error({ job: job.name, tick, durationMs: Math.round(durationMs), err: failure }, 'job failed')
    await finishJobRun(conn, job.name, durationMs, failure).catch((error: unknown) =>
      log.error({ job: job.name, err: error }, 'could not record the end of a job run')
    )
    return true
  }

  const track = (job: JobDefinition) => {
    const promise = check(job)
    running.add(promise)
    void promise.finally(() => running.delete(promise))
    return promise
  }

  for (const job of jobs) {
    const first = setTimeout(() => {
      void track(job)
      const every = setInterval(() => void track(job), job.intervalMs)
      every.unref()
      timers.push(every)
    }, job.firstCheckMs ?? job.intervalMs)
    first.unref()
    timers.push(first)
  }

  return {
    runNow(name) {
      const job = jobs.find((j) => j.name === name)
      if (!job) return Promise.reject(new Error(`no job ${name}`))
      return track(job)
    },
    async stop() {
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      await Promise.allSettled([...running])
    },
  }
}

/**
 * Job intervals from `JOB_INTERVALS_MS` (`sweep-unpaid-orders=2000,stats-rollup=2000`), for tests
 * and operators; unknown names are refused so a typo does not go unnoticed.
 */
export function applyIntervalOverrides(jobs: JobDefinition[], spec: string | undefined): JobDefinition[] {
  if (!spec) return jobs
  const overrides = new Map<string, number>()
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=')
    const ms = Number(value)
    if (!name || !jobs.some((j) => j.name === name) || !Number.isInteger(ms) || ms < 100) throw new Error(`JOB_INTERVALS_MS: bad entry "${part}"`)
    overrides.set(name, ms)
  }
  return jobs.map((job) => {
    const ms = overrides.get(job.name)
    return ms ? { ...job, intervalMs: ms, firstCheckMs: Math.min(job.firstCheckMs ?? ms, ms) } : job
  })
}
