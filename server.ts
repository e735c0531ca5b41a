import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { constants as zlibConstants } from 'node:zlib'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { MIGRATIONS_FOLDER, migrate } from './db/migrate'
import { seedIfEmpty } from './scripts/seed/seed'
import { purgeExpired as purgeExpiredRateLimits } from './app/modules/accounts/rate-limit.server'
import { startOutboxWorker } from './app/modules/notifications/outbox.server'
import { cleanupStalePhotoUploads } from './app/modules/listings/photo-uploads.server'
import { sweepUnpaidOrders } from './app/modules/payments/payments.server'
import { deliveryJobDefinitions } from './app/modules/delivery/jobs.server'
import { getPaymentProviders } from './app/modules/payments/providers.server'
import { previousAlgeriaDay, reconcilePayments } from './app/modules/payments/reconcile.server'
import { refreshRecentDailyStats } from './app/modules/stats/rollup.server'
import { deliverDueWebhooks } from './app/modules/partners/webhooks.server'
import { ensurePreviousMonthOpenData } from './app/modules/opendata/opendata.server'
import { kickOutbox, registerOutboxWorker } from './app/modules/notifications/worker.server'
import { queueMessageDigests } from './app/modules/messages/digest.server'
import { queueFavouriteNotices } from './app/modules/favourites/favourites.server'
import { sendAvailabilityAlerts } from './app/modules/listings/availability.server'
import { smsSenderFromEnv } from './app/modules/sms/senders.server'
import { registerSmsWorker, startSmsWorker } from './app/modules/sms/sms.server'
import { closeConnection, databaseApplicationName, getConnection, getReadRouting } from './app/utils/db.server'
import { withDatabaseUnavailableResponses } from './app/utils/db-unavailable.server'
import { getEnv } from './app/utils/env.server'
import { mayChangePages, pageCacheMiddleware } from './app/modules/page-cache/middleware.server'
import { createViewCounter, viewCounterMiddleware } from './app/modules/insights/views.server'
import { helmetOptions } from './app/utils/security-headers.server'
import { requestGuards } from './app/utils/request-guards.server'

import { refreshSearchPopularity } from './app/modules/catalog/search.server'
import { applyIntervalOverrides, startJobs, type JobDefinition } from './app/modules/ops/jobs.server'
import { createLogger, requestLogger } from './app/modules/ops/logger.server'
import { createMetrics, createRoutePatterns, isMetricsRequestAllowed, metricsMiddleware } from './app/modules/ops/metrics.server'
import { createReadinessCheck } from './app/modules/ops/readiness.server'
import { recentWriteMiddleware } from './app/modules/ops/read-replica.server'
import { serveMediaFrom } from './app/modules/media/serve.server'
import { getMediaStorage, mediaBackend } from './app/modules/media/storage.server'
import { loadContextOf } from './app/utils/load-context.server'
const env = (() => {
  try {
    return getEnv()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
})()
const isProduction = env.NODE_ENV === 'production'
const isHttps = env.APP_URL.startsWith('https://')
const log = createLogger(env.LOG_LEVEL)

const conn = await getConnection()
await migrate(conn)
if (conn.driver === 'pglite' && env.SEED_ON_EMPTY === 'true') await seedIfEmpty(conn)

// Emails queued by requests are sent from here, after their transaction committed. Several servers
// share the outbox safely: each batch is claimed with FOR UPDATE SKIP LOCKED.
const outboxLog = {
  info: (message: string, ...rest: unknown[]) => log.info(rest.length ? { detail: rest } : {}, message),
  error: (message: string, ...rest: unknown[]) => log.error(rest.length ? { err: rest[0] } : {}, message),
}
const outboxWorker = startOutboxWorker({ getConnection, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, intervalMs: env.OUTBOX_INTERVAL_MS, log: outboxLog })
registerOutboxWorker(outboxWorker)
// Text messages (SMS codes) likewise: the configured gateway, or the dev mailbox (decision 016).
const smsSender = smsSenderFromEnv(env)
if (!smsSender) log.info('SMS_GATEWAY_USERNAME unset: texts stay in the SMS outbox (set SMS_GATEWAY_*, or DEV_MAILBOX=true to read them at /dev/mailbox)')
const smsWorker = smsSender ? startSmsWorker({ getConnection, sender: smsSender, log: console }) : null
if (smsWorker) registerSmsWorker(smsWorker)

// The other background jobs: each tick runs on one server of the fleet (job_runs, decision 022).
const jobDefinitions: JobDefinition[] = [
  // Spent rate-limit windows are dead rows; clear them hourly.
  { name: 'purge-rate-limits', intervalMs: 3_600_000, run: () => purgeExpiredRateLimits(conn.db) },
  // Card orders whose payment never came (a lost "expired" webhook) give their stock back.
  {
    name: 'sweep-unpaid-orders',
    intervalMs: 5 * 60_000,
    run: () => sweepUnpaidOrders(conn.db, { providers: getPaymentProviders(), siteUrl: env.APP_URL }),
  },
  // Each night (checked hourly, run once per Algerian day across the fleet) the providers' payments
  // of the day before are compared with ours; mismatches go to /admin/payments.
  {
    name: 'reconcile-payments',
    intervalMs: 3_600_000,
    tickOf: () => previousAlgeriaDay(),
    leaseMs: 30 * 60_000,
    run: () => reconcilePayments(conn.db, getPaymentProviders(), { day: previousAlgeriaDay(), siteUrl: env.APP_URL }),
  },
  // The statistics' daily roll-up: kept computed for the last 400 days, so a first view of a long
  // period does not wait for it (app/modules/stats/rollup.server.ts).
  { name: 'stats-rollup', intervalMs: 10 * 60_000, firstCheckMs: 5_000, run: () => refreshRecentDailyStats(conn.db) },
  // Photos uploaded from the product form but never attached to a product go after a day (decision 017).
  { name: 'photo-uploads-cleanup', intervalMs: 3_600_000, run: () => cleanupStalePhotoUploads(conn.db, getMediaStorage()) },
  // The unread-messages digest (one email per person, not per message; decision 020).
  {
    name: 'message-digest',
    intervalMs: 5 * 60_000,
    run: async () => {
      if (await queueMessageDigests(conn.db, { siteUrl: env.APP_URL })) kickOutbox()
    },
  },
  // Favourites back in stock or cheaper: one email per favourite and event.
  {
    name: 'favourite-notices',
    intervalMs: 10 * 60_000,
    run: async () => {
      if (await queueFavouriteNotices(conn.db, { siteUrl: env.APP_URL })) kickOutbox()
    },
  },
  // Seasonal products on sale again: one notice per "notify me" (decision 031).
  {
    name: 'availability-alerts',
    intervalMs: 10 * 60_000,
    run: async () => {
      if (await sendAvailabilityAlerts(conn.db, { siteUrl: env.APP_URL })) kickOutbox()
    },
  },
  // Search's tie-break (recent sales, rating) kept on the search table: the 90-day window moves by
  // itself, so it is recomputed hourly; a new product counts 0 until then (decision 030).
  { name: 'search-popularity', intervalMs: 3_600_000, firstCheckMs: 60_000, run: () => refreshSearchPopularity(conn.db) },
  // Partner webhooks (shop approvals), sent after their transaction committed (decision 021).
  { name: 'partner-webhooks', intervalMs: 30_000, run: () => deliverDueWebhooks(conn.db) },
  // Last month's open-data files, made once (checked soon after start, then every six hours).
  { name: 'open-data', intervalMs: 6 * 3_600_000, firstCheckMs: 10_000, run: () => ensurePreviousMonthOpenData(conn.db) },
  // Delivery: failed parcel creations retried, parcels polled at the carriers' pace, COD orders
  // nobody answered for cancelled (app/modules/delivery/jobs.server.ts).
  ...deliveryJobDefinitions(conn.db),
]
const jobs = startJobs(conn, applyIntervalOverrides(jobDefinitions, env.JOB_INTERVALS_MS), { log })

const viteDevServer = isProduction ? undefined : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

// Loaders and actions answer 503 (translated page, Retry-After) while the database is unreachable.
const build = viteDevServer
  ? () => (viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>).then((b) => withDatabaseUnavailableResponses(b))
  : withDatabaseUnavailableResponses((await import(path.resolve('build/server/index.js'))) as ServerBuild)

// The read replica of catalog pages, when DATABASE_REPLICA_URL is set (decision 029): its monitor
// starts now, so the first pages already know whether it is caught up.
const readRouting = await getReadRouting()
if (readRouting) log.info({ maxLagMs: readRouting.maxLagMs }, 'catalog reads may use the read replica')
const metrics = createMetrics(conn, { applicationName: databaseApplicationName(), poolMax: env.DATABASE_POOL_MAX, replicaStatus: readRouting?.status })
const readiness = createReadinessCheck(conn, MIGRATIONS_FOLDER)
let stopping = false

const app = express()
app.disable('x-powered-by')
// The client IP (rate limits, session list) comes from X-Forwarded-For only behind a known proxy.
app.set('trust proxy', env.TRUST_PROXY)
// Request id (X-Request-Id kept or made, sent back) and one JSON log line per request.
app.use(requestLogger(log))
app.use(metricsMiddleware(metrics, typeof build === 'function' ? () => 'remix' : createRoutePatterns(build)))
app.use((_req, res, next) => {
  // While shutting down, keep-alive clients are told to reconnect (to another server).
  if (stopping) res.set('Connection', 'close')
  next()
})

// Alive: the process answers. Cheap on purpose (no database): a load balancer's liveness probe.
app.get('/healthz', (_req, res) => {
  res.set('Cache-Control', 'no-store').json({ status: 'ok' })
})
// Ready for traffic: the database answers and has this build's migrations; not while shutting down.
app.get('/readyz', async (_req, res) => {
  const state = stopping ? { ready: false, database: 'unknown', migrations: 'unknown', detail: 'shutting down' } : await readiness()
  // The replica's state is reported but does not make the server unready: without it, catalog
  // reads go to the primary.
  const replica = readRouting ? readRouting.status() : { replica: 'off' }
  res
    .status(state.ready ? 200 : 503)
    .set('Cache-Control', 'no-store')
    .json({ status: state.ready ? 'ok' : 'unavailable', ...state, replica })
})
app.get('/metrics', async (req, res) => {
  if (!isMetricsRequestAllowed(req, env.METRICS_TOKEN)) return void res.status(404).set('Cache-Control', 'no-store').end()
  res.set('Cache-Control', 'no-store').type(metrics.contentType).send(await metrics.render())
})

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
})
app.use(
  helmet(
    helmetOptions({
      isProduction,
      isHttps,
      uploadthing: mediaBackend(env) === 'uploadthing',
      mediaOrigin: mediaBackend(env) === 's3' && env.S3_PUBLIC_URL ? new URL(env.S3_PUBLIC_URL).origin : undefined,
    })
  )
)
// Cross-site writes, unusable text in URLs and forms, oversized bodies: refused before any route.
app.use(requestGuards({ appUrl: env.APP_URL }))
// Rendered (uncached) responses are compressed on every request: brotli at quality 2 is smaller than
// gzip 6 for a fifth of its CPU on our pages (decision 023); cached pages are compressed once, harder.
// A 256 KB window instead of brotli's 4 MB default: the same bytes for pages under 256 KB, and no
// 4 MB buffer mapped and faulted in for every response — with 50 responses in flight that made
// each request cost ~25 % more CPU than with one (decision 023, session 11).
app.use(
  compression({
    brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 2, [zlibConstants.BROTLI_PARAM_LGWIN]: 18 } },
  })
)

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  // Fingerprinted build output never changes under the same name: cache it for a year.
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  const publicFiles = express.static('build/client', {
    maxAge: '1h',
    // The service worker is checked for updates on every visit; its precache list carries its own revisions.
    setHeaders: (res, file) => {
      if (path.basename(file) === 'sw.js') res.setHeader('Cache-Control', 'no-cache')
    },
  })
  // Every file of build/client has an extension; a page's path (`/`, `/p/…`) does not, and is not
  // looked for on disk (one stat per page request otherwise, cached pages included; decision 023).
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()))
}
// Stored photos are written once under a fresh name, so they can be cached forever too. From the
// disk, or from the S3 bucket when it is not publicly readable itself (S3_PUBLIC_URL unset).
if (mediaBackend(env) === 's3') {
  if (!env.S3_PUBLIC_URL) app.get('/media/*', serveMediaFrom(getMediaStorage()))
} else {
  app.use('/media', express.static(path.resolve(env.UPLOADS_DIR), { immutable: true, maxAge: '1y', fallthrough: false }))
}

// After a write, this visitor's catalog pages come from the primary for a few seconds (the replica
// may not have it yet), and so do this server's next anonymous renders, which fill the page cache.
if (readRouting) {
  app.use(
    recentWriteMiddleware({
      seconds: readRouting.recentWriteSeconds,
      secure: isHttps,
      onWrite: (method, pathname) => {
        if (mayChangePages(method, pathname)) readRouting.noteLocalWrite()
      },
    })
  )
}
// Product page views for the producers' figures, counted in front of the page cache so cached pages
// count too; added up in memory and written as daily counters every 30 s (decision 027).
const viewCounter = createViewCounter()
const viewFlush = setInterval(() => viewCounter.flush(conn.db).catch((error: unknown) => log.warn({ err: error }, 'view counts not written yet')), 30_000)
viewFlush.unref()
app.use(viewCounterMiddleware(viewCounter))

// Anonymous public pages from memory, compressed once; writes invalidate them (app/modules/page-cache).
if (isProduction) app.use(pageCacheMiddleware({ build, mode: env.NODE_ENV }))

app.all(
  '*',
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => loadContextOf(req, res.locals.cspNonce as string),
  })
)

const server = app.listen(env.PORT, () => {
  log.info({ port: env.PORT, mode: env.NODE_ENV, database: conn.driver, startupMs: Math.round(performance.now()) }, `Taswiq listening on http://localhost:${env.PORT}`)
})

/**
 * Graceful shutdown (SIGTERM from systemd, docker or a deploy): /readyz turns 503 and the socket
 * stops accepting, so the load balancer sends new requests elsewhere; open requests finish
 * (keep-alive connections are closed after their current response); timers stop and the jobs and
 * outbox batch in progress finish; then the database pool closes. Past SHUTDOWN_TIMEOUT_MS the
 * process exits anyway.
 */
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log.info({ signal }, 'shutting down: finishing open requests and running jobs')
  const force = setTimeout(() => {
    log.error({ signal }, 'shutdown timed out: exiting with work still open')
    process.exit(1)
  }, env.SHUTDOWN_TIMEOUT_MS)
  force.unref()
  const requestsDone = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  clearInterval(viewFlush)
  await Promise.all([requestsDone, jobs.stop(), outboxWorker.stop(), smsWorker?.stop()])
  // The views counted since the last flush, now that no request adds more.
  await viewCounter.flush(conn.db).catch(() => 0)
  await viteDevServer?.close()
  await closeConnection()
  log.info({ signal }, 'stopped')
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
