import { randomBytes } from 'node:crypto'
import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database lives when DATABASE_URL is unset. */
  PGLITE_DIR: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  APP_URL: z.string().url().default('http://localhost:3000'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Taswiq <no-reply@taswiq.dz>'),
  /** Shows /dev/mailbox in production too (the local demo of `npm start` and the browser tests read emails there). */
  DEV_MAILBOX: z.enum(['true', 'false']).default('false'),
  /** SMS Gateway for Android (sms-gate.app): its API base URL (default: the public cloud relay) and credentials (decision 016). */
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_USERNAME: z.string().optional(),
  SMS_GATEWAY_PASSWORD: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Replaces Stripe's API address (a local stand-in in tests), e.g. http://127.0.0.1:12111. */
  STRIPE_API_URL: z.string().url().optional(),
  /** Chargily Pay V2 (Edahabia, CIB): its secret API key turns those methods on. */
  CHARGILY_SECRET_KEY: z.string().optional(),
  CHARGILY_MODE: z.enum(['test', 'live']).default('test'),
  /** Replaces Chargily's API base URL (a local fake in tests). */
  CHARGILY_API_URL: z.string().url().optional(),
  /** Providers' fees in basis points, for the estimate shown before confirming (the real fee is recorded when paid). */
  CHARGILY_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(150),
  STRIPE_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(290),
  /** Who pays the card-payment fee: the buyer (added to the amount) or the platform. */
  PAYMENT_FEE_BEARER: z.enum(['buyer', 'platform']).default('platform'),
  UPLOADTHING_TOKEN: z.string().optional(),
  /** Where photos and documents are stored; unset: s3 when S3_BUCKET is set, uploadthing when its token is, else disk. */
  MEDIA_STORAGE: z.enum(['disk', 's3', 'uploadthing']).optional(),
  /** S3-compatible object storage (the sovereign cloud's store, Ceph RGW, MinIO…): endpoint URL, empty for AWS. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style URLs (`endpoint/bucket/key`), which most non-AWS stores need. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  /** The bucket of public photos. */
  S3_BUCKET: z.string().optional(),
  /** The bucket of private seller documents: never public, read only by the app after its permission check. */
  S3_PRIVATE_BUCKET: z.string().optional(),
  /** Where the photo bucket is readable by anyone (public-read bucket or CDN); unset, the app serves /media/* from the bucket. */
  S3_PUBLIC_URL: z.string().url().optional(),
  UPLOADS_DIR: z.string().default('.data/uploads'),
  /** Private files (sellers' supporting documents): never served statically. */
  PRIVATE_UPLOADS_DIR: z.string().default('.data/private'),
  COMMISSION_BPS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** Days a delivered order's money stays on hold (returns, disputes) before the producer may withdraw it. */
  PAYOUT_HOLD_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** The smallest payout a producer may request, in dinars (a transfer has a cost). */
  PAYOUT_MINIMUM_DZD: z.coerce.number().int().min(0).default(1000),
  /** Reverse proxies in front of the app whose X-Forwarded-For is believed (0: none, use the socket address). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  /** Connections each server opens to PostgreSQL at most (N servers open N times this). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** A read-only streaming replica of DATABASE_URL: catalog pages read there (decision 029). */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Past this lag (ms) the replica is skipped until it catches up; also sets how long a visitor reads the primary after a write. */
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How often each server compares the replica's position with the primary's (ms). */
  REPLICA_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** `/metrics` takes `Authorization: Bearer <token>`; unset, only direct connections from this machine. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** pino's level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Background jobs' check intervals, e.g. `sweep-unpaid-orders=2000,stats-rollup=60000` (tests, operators). */
  JOB_INTERVALS_MS: z.string().optional(),
  /** How often the outbox worker looks for due emails (it is also woken after each commit that queued one). */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** On SIGTERM, how long open requests and running jobs get before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(25_000),
  /** Seed demo data on the first start of an empty embedded database. */
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true'),
  /** Encrypts the carrier API keys shops enter (AES-256-GCM); falls back to SESSION_SECRET. */
  DELIVERY_SECRET: z.string().min(32).optional(),
  /** The platform's own carrier accounts, used by shops that do not enter their keys. */
  YALIDINE_API_ID: z.string().optional(),
  YALIDINE_API_TOKEN: z.string().optional(),
  YALIDINE_API_URL: z.string().url().optional(),
  /** Yalidine's webhook secret (its dashboard): signs the status events posted to /resources/yalidine-webhook. */
  YALIDINE_WEBHOOK_SECRET: z.string().optional(),
  GUEPEX_API_URL: z.string().url().optional(),
  ECOTRACK_API_URL: z.string().url().optional(),
  ECOTRACK_API_TOKEN: z.string().optional(),
})

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string }

/**
 * Reads and checks the environment once. A bad or missing required value stops the process with a
 * message naming it; in development a session secret is generated so a newcomer needs no setup.
 */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  const env = result.data
  if (!env.SESSION_SECRET) {
    if (env.NODE_ENV === 'production') {
      throw new Error('Invalid environment:\n  - SESSION_SECRET: required in production (32+ random characters)')
    }
    return { ...env, SESSION_SECRET: randomBytes(32).toString('hex') }
  }
  return env as Env
}

// On globalThis so that server.ts and the Remix build (two copies of this module) agree, including
// on a development secret generated at boot.
const g = globalThis as typeof globalThis & { __taswiqEnv?: Env }
export function getEnv(): Env {
  g.__taswiqEnv ??= parseEnv()
  return g.__taswiqEnv
}

/**
 * Cookies carry `Secure` when the site is served over HTTPS (APP_URL), i.e. in any real deployment.
 * A demo opened over plain HTTP on a local network would otherwise lose every cookie.
 */
export function shouldUseSecureCookies() {
  const env = getEnv()
  return env.NODE_ENV === 'production' && env.APP_URL.startsWith('https://')
}

/** Whether /dev/mailbox is served: always in development, in production only with DEV_MAILBOX=true. */
export function isDevMailboxOn(env: Env = getEnv()) {
  return env.NODE_ENV !== 'production' || env.DEV_MAILBOX === 'true'
}
