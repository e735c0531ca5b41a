import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { constants as zlibConstants } from 'node:zlib'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { migrate } from './db/migrate'
import { seedIfEmpty } from './scripts/seed/seed'
import { purgeExpired as purgeExpiredRateLimits } from './app/modules/accounts/rate-limit.server'
import { startOutboxWorker } from './app/modules/notifications/outbox.server'
import { cleanupStalePhotoUploads } from './app/modules/listings/photo-uploads.server'
import { getMediaStorage } from './app/modules/media/storage.server'
import { sweepUnpaidOrders } from './app/modules/payments/payments.server'
import { startDeliveryJobs } from './app/modules/delivery/jobs.server'
import { getPaymentProviders } from './app/modules/payments/providers.server'
import { previousAlgeriaDay, reconcilePayments } from './app/modules/payments/reconcile.server'
import { refreshRecentDailyStats } from './app/modules/stats/rollup.server'
import { deliverDueWebhooks } from './app/modules/partners/webhooks.server'
import { ensurePreviousMonthOpenData } from './app/modules/opendata/opendata.server'
import { kickOutbox, registerOutboxWorker } from './app/modules/notifications/worker.server'
import { queueMessageDigests } from './app/modules/messages/digest.server'
import { queueFavouriteNotices } from './app/modules/favourites/favourites.server'
import { smsSenderFromEnv } from './app/modules/sms/senders.server'
import { registerSmsWorker, startSmsWorker } from './app/modules/sms/sms.server'
import { closeConnection, getConnection } from './app/utils/db.server'
import { withDatabaseUnavailableResponses } from './app/utils/db-unavailable.server'
import { getEnv } from './app/utils/env.server'
import { pageCacheMiddleware } from './app/modules/page-cache/middleware.server'
import { helmetOptions } from './app/utils/security-headers.server'
import { requestGuards } from './app/utils/request-guards.server'

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

const conn = await getConnection()
await migrate(conn)
if (conn.driver === 'pglite' && env.SEED_ON_EMPTY === 'true') await seedIfEmpty(conn)

// Emails queued by requests are sent from here, after their transaction committed.
const outboxWorker = startOutboxWorker({ getConnection, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, log: console })
registerOutboxWorker(outboxWorker)
// Text messages (SMS codes) likewise: the configured gateway, or the dev mailbox (decision 016).
const smsSender = smsSenderFromEnv(env)
if (!smsSender) console.info('SMS_GATEWAY_USERNAME unset: texts stay in the SMS outbox (set SMS_GATEWAY_*, or DEV_MAILBOX=true to read them at /dev/mailbox)')
const smsWorker = smsSender ? startSmsWorker({ getConnection, sender: smsSender, log: console }) : null
if (smsWorker) registerSmsWorker(smsWorker)
// Spent rate-limit windows are dead rows; clear them hourly.
const purgeTimer = setInterval(() => purgeExpiredRateLimits(conn.db).catch((error) => console.error(error)), 3_600_000)
purgeTimer.unref()
// Photos uploaded from the product form but never attached to a product go after a day (decision 017).
const uploadsTimer = setInterval(() => cleanupStalePhotoUploads(conn.db, getMediaStorage()).catch((error) => console.error(error)), 3_600_000)
uploadsTimer.unref()
// Card orders whose payment never came (a lost "expired" webhook) give their stock back.
const sweepTimer = setInterval(() => sweepUnpaidOrders(conn.db, { providers: getPaymentProviders(), siteUrl: env.APP_URL }).catch((error) => console.error(error)), 5 * 60_000)
sweepTimer.unref()
// Each night (checked hourly, run once per Algerian day) the providers' payments of the day
// before are compared with ours; mismatches go to /admin/payments.
let reconciledDay = ''
const reconcileTimer = setInterval(() => {
  const day = previousAlgeriaDay()
  if (day === reconciledDay) return
  reconcilePayments(conn.db, getPaymentProviders(), { day, siteUrl: env.APP_URL }).then(() => (reconciledDay = day), (error) => console.error(error))
}, 3_600_000)
reconcileTimer.unref()
// The statistics' daily roll-up: kept computed for the last 400 days, so a first view of a long
// period does not wait for it (app/modules/stats/rollup.server.ts).
const refreshStats = () => refreshRecentDailyStats(conn.db).catch((error) => console.error(error))
// The unread-messages digest (one email per person, not per message; decision 020).
const digestTimer = setInterval(() => {
  queueMessageDigests(conn.db, { siteUrl: env.APP_URL })
    .then((queued) => (queued ? kickOutbox() : undefined))
    .catch((error) => console.error(error))
}, 5 * 60_000)
digestTimer.unref()
// Favourites back in stock or cheaper: one email per favourite and event.
setInterval(() => {
  queueFavouriteNotices(conn.db, { siteUrl: env.APP_URL })
    .then((queued) => (queued ? kickOutbox() : undefined))
    .catch((error) => console.error(error))
}, 10 * 60_000).unref()
setTimeout(refreshStats, 5_000).unref()
setInterval(refreshStats, 10 * 60_000).unref()
// Partner webhooks (shop approvals), sent after their transaction committed (decision 021).
setInterval(() => deliverDueWebhooks(conn.db).catch((error) => console.error(error)), 30_000).unref()
// Last month's open-data files, made once (at start, then checked every six hours).
const openData = () => ensurePreviousMonthOpenData(conn.db).catch((error) => console.error(error))
void openData()
setInterval(openData, 6 * 3_600_000).unref()

// Delivery: failed parcel creations retried, parcels polled at the carriers' pace, COD orders
// nobody answered for cancelled (app/modules/delivery/jobs.server.ts).
startDeliveryJobs(conn.db)

const viteDevServer = isProduction ? undefined : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
// The client IP (rate limits, session list) comes from X-Forwarded-For only behind a known proxy.
app.set('trust proxy', env.TRUST_PROXY)

app.get('/healthz', async (_req, res) => {
  try {
    await conn.query('select 1')
    res.set('Cache-Control', 'no-store').json({ status: 'ok', database: conn.driver })
  } catch (error) {
    res
      .status(503)
      .set('Cache-Control', 'no-store')
      .json({ status: 'error', database: (error as Error).message })
  }
})

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
})
app.use(helmet(helmetOptions({ isProduction, isHttps, uploadthing: Boolean(env.UPLOADTHING_TOKEN) })))
// Cross-site writes, unusable text in URLs and forms, oversized bodies: refused before any route.
app.use(requestGuards({ appUrl: env.APP_URL }))
// Rendered (uncached) responses are compressed on every request: brotli at quality 2 is smaller than
// gzip 6 for a fifth of its CPU on our pages (decision 023); cached pages are compressed once, harder.
app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 2 } } }))

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  // Fingerprinted build output never changes under the same name: cache it for a year.
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}
// Stored photos are written once under a fresh name, so they can be cached forever too.
app.use('/media', express.static(path.resolve(env.UPLOADS_DIR), { immutable: true, maxAge: '1y', fallthrough: false }))

// Loaders and actions answer 503 (translated page, Retry-After) while the database is unreachable.
const build = viteDevServer
  ? () => (viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>).then((b) => withDatabaseUnavailableResponses(b))
  : withDatabaseUnavailableResponses((await import(path.resolve('build/server/index.js'))) as ServerBuild)

// Anonymous public pages from memory, compressed once; writes invalidate them (app/modules/page-cache).
if (isProduction) app.use(pageCacheMiddleware({ build, mode: env.NODE_ENV }))

app.all(
  '*',
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip }),
  })
)

const server = app.listen(env.PORT, () => {
  console.log(`Taswiq listening on http://localhost:${env.PORT} (${env.NODE_ENV}, database: ${conn.driver})`)
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal} received: finishing open requests, then closing the database`)
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  server.close(async () => {
    await outboxWorker.stop()
    await smsWorker?.stop()
    await viteDevServer?.close()
    await closeConnection()
    process.exit(0)
  })
  server.closeIdleConnections()
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
