import { timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import type { ServerBuild } from '@remix-run/node'
import client from 'prom-client'
import type { DbConnection } from '#db/client'

/**
 * Prometheus metrics of this process (`/metrics`): requests by route pattern, latency, Node's own
 * (memory, event loop, GC), and — read from the database at scrape time — this server's database
 * connections, the outbox's depth and each background job's lag.
 */
export function createMetrics(
  conn: Pick<DbConnection, 'query' | 'driver'>,
  { applicationName, poolMax, replicaStatus }: { applicationName: string; poolMax: number; replicaStatus?: () => { lagMs: number | null; inUse: boolean } }
) {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const labelNames = ['method', 'route', 'status'] as const
  const requests = new client.Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames, registers: [registry] })
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the response finished), by route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const gauge = (name: string, help: string, labels: string[] = []) => new client.Gauge({ name, help, labelNames: labels, registers: [registry] })
  const dbUp = gauge('taswiq_db_up', '1 when the database answered the scrape')
  const dbPoolMax = gauge('taswiq_db_pool_max', 'Most connections this server opens to the database')
  const dbConnections = gauge('taswiq_db_connections', "This server's open database connections by state (pg_stat_activity)", ['state'])
  const outboxPending = gauge('taswiq_outbox_pending', 'Emails not yet sent nor given up')
  const outboxDue = gauge('taswiq_outbox_due', 'Emails due now (waiting for the worker)')
  const outboxOldestDue = gauge('taswiq_outbox_oldest_due_seconds', 'How long the oldest due email has waited')
  const jobAge = gauge('taswiq_job_last_success_age_seconds', "Seconds since the job's last successful run (any server)", ['job'])
  const jobDuration = gauge('taswiq_job_last_duration_seconds', "The job's last run time", ['job'])
  const jobFailing = gauge('taswiq_job_failing', '1 when the last run of the job failed', ['job'])
  dbPoolMax.set(conn.driver === 'postgres' ? poolMax : 1)
  // The read replica (decision 029), as this server's monitor last saw it.
  if (replicaStatus) {
    new client.Gauge({
      name: 'taswiq_replica_in_use',
      help: '1 when catalog reads go to the read replica (caught up), 0 when they fall back to the primary',
      registers: [registry],
      collect() {
        this.set(replicaStatus().inUse ? 1 : 0)
      },
    })
    new client.Gauge({
      name: 'taswiq_replica_lag_seconds',
      help: 'How far behind the primary the read replica is known to be (-1: unknown)',
      registers: [registry],
      collect() {
        const { lagMs } = replicaStatus()
        this.set(lagMs === null ? -1 : lagMs / 1000)
      },
    })
  }

  async function readDatabase() {
    try {
      const [outbox] = await conn.query<{ pending: string | number; due: string | number; oldest: string | number | null }>(
        `select count(*) as pending,
                count(*) filter (where next_attempt_at <= now()) as due,
                extract(epoch from now() - min(next_attempt_at) filter (where next_attempt_at <= now())) as oldest
         from outbox where sent_at is null and failed_at is null`
      )
      outboxPending.set(Number(outbox?.pending ?? 0))
      outboxDue.set(Number(outbox?.due ?? 0))
      outboxOldestDue.set(Number(outbox?.oldest ?? 0))
      const jobs = await conn.query<{ name: string; age: string | number | null; ms: number | null; failing: boolean }>(
        `select name, extract(epoch from now() - last_success_at) as age, last_duration_ms as ms, last_error is not null as failing from job_runs`
      )
      for (const job of jobs) {
        if (job.age !== null) jobAge.set({ job: job.name }, Number(job.age))
        if (job.ms !== null) jobDuration.set({ job: job.name }, job.ms / 1000)
        jobFailing.set({ job: job.name }, job.failing ? 1 : 0)
      }
      dbConnections.reset()
      if (conn.driver === 'postgres') {
        const states = await conn.query<{ state: string | null; n: string | number }>(
          `select coalesce(state, 'unknown') as state, count(*) as n from pg_stat_activity where application_name = $1 group by 1`,
          [applicationName]
        )
        for (const s of states) dbConnections.set({ state: s.state ?? 'unknown' }, Number(s.n))
      }
      dbUp.set(1)
    } catch {
      dbUp.set(0)
    }
  }

  return {
    registry,
    observe(method: string, route: string, status: number, seconds: number) {
      const labels = { method, route, status: String(status) }
      requests.inc(labels)
      duration.observe(labels, seconds)
    },
    async render() {
      await readDatabase()
      return registry.metrics()
    },
    contentType: registry.contentType,
  }
}

export type Metrics = ReturnType<typeof createMetrics>

/**
 * The route pattern of a URL (`/p/:slug`, not `/p/honey-42`), from the Remix build's route
 * manifest, so the metrics have one series per page kind instead of one per URL.
 */
export function createRoutePatterns(build: Pick<ServerBuild, 'routes'>) {
  const entries = Object.values(build.routes)
  const toObject = (route: (typeof entries)[number]): AgnosticRouteObject => {
    const children = entries.filter((r) => r.parentId === route.id).map(toObject)
    return route.index
      ? { id: route.id, path: route.path, index: true }
      : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children }
  }
  const roots = entries.filter((r) => !r.parentId).map(toObject)
  return function patternOf(pathname: string): string {
    let path = pathname
    if (path === '/_root.data') path = '/'
    else if (path.endsWith('.data')) path = path.slice(0, -'.data'.length)
    const matches = matchRoutes(roots, path)
    if (!matches) return 'unmatched'
    const pattern = matches
      .map((m) => m.route.path)
      .filter((p): p is string => Boolean(p))
      .join('/')
      .replace(/\/+/g, '/')
    return `/${pattern.replace(/^\//, '')}`
  }
}

/** Times every response and counts it under its route pattern. */
export function metricsMiddleware(metrics: Metrics, patternOf: (pathname: string) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const pathname = req.path
      const route = /^\/(healthz|readyz|metrics)$/.test(pathname)
        ? pathname
        : pathname.startsWith('/assets/')
          ? '/assets/*'
          : pathname.startsWith('/media/')
            ? '/media/*'
            : patternOf(pathname)
      metrics.observe(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9)
    })
    next()
  }
}

/**
 * /metrics is for the monitoring server, not the public: with METRICS_TOKEN set it takes
 * `Authorization: Bearer <token>`; without, only a direct connection from this machine that did not
 * come through the proxy (nginx on the same host forwards public requests from 127.0.0.1, always
 * with X-Forwarded-For, and its configuration refuses /metrics anyway).
 */
export function isMetricsRequestAllowed(req: Pick<Request, 'headers'> & { socket: { remoteAddress?: string } }, token: string | undefined) {
  if (token) {
    const given = Buffer.from(String(req.headers.authorization ?? ''))
    const expected = Buffer.from(`Bearer ${token}`)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
  const address = req.socket.remoteAddress ?? ''
  const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1'
  return loopback && !req.headers['x-forwarded-for'] && !req.headers['x-real-ip'] && !req.headers.forwarded
}
