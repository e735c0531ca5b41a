import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * One row per background job: the last tick claimed, the lease of the run in progress, and what
 * the last run did. Claimed by `claimJobTick` (app/modules/ops/jobs.server.ts).
 */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  /** The period the last run belongs to (`floor(now / interval)`, or a day): a tick is run once. */
  tick: text('tick'),
  /** While a run is in progress; an expired lease (a crashed server) lets the next claim through. */
  runningUntil: timestamp('running_until', { withTimezone: true }),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastDurationMs: integer('last_duration_ms'),
  runs: integer('runs').notNull().default(0),
  lastError: text('last_error'),
  /** Which server ran it last (host:pid). */
  lastRunner: text('last_runner'),
})
