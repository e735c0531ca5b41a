// Starts the built app for Playwright: on DATABASE_URL's database when given (migrated and seeded
// first), else on a fresh embedded database that seeds itself on first start.
import { spawn, spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const env = {
  ...process.env,
  NODE_ENV: 'production',
  SESSION_SECRET: process.env.SESSION_SECRET ?? 'e2e-only-secret-e2e-only-secret-e2e-only',
  APP_URL: `http://localhost:${process.env.PORT ?? 3100}`,
  UPLOADS_DIR: '.data/e2e-uploads',
  // Each test sends its own X-Forwarded-For, so per-IP rate limits do not add up across tests.
  TRUST_PROXY: '1',
  DEV_MAILBOX: 'true',
  // One JSON line per request would bury the test output; warnings and errors still show.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Delivered money is available at once and any amount may be withdrawn, so a browser test can go
  // from delivery to payout without a clock.
  PAYOUT_HOLD_DAYS: process.env.PAYOUT_HOLD_DAYS ?? '0',
  PAYOUT_MINIMUM_DZD: process.env.PAYOUT_MINIMUM_DZD ?? '1',
  // Card payment on, with keys that reach no one: the browser tests post signed webhooks to the
  // real route, and never open a Stripe session.
  STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY ?? 'sk_test_e2e_not_a_real_key',
  STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_e2e_only',
  // Edahabia and CIB through a local fake of Chargily Pay V2 (tests/support/fake-chargily.ts),
  // started below: the real SDK talks to it, its hosted page calls our webhook, signed.
  CHARGILY_SECRET_KEY: process.env.CHARGILY_SECRET_KEY ?? 'test_sk_e2e_only',
}
const fakeChargilyPort = Number(process.env.PORT ?? 3100) + 10_000
env.CHARGILY_API_URL ??= `http://127.0.0.1:${fakeChargilyPort}/test/api/v2`
if (env.DATABASE_URL) {
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed/seed.ts'], { env, stdio: 'inherit' })
  if (seeded.status !== 0) process.exit(seeded.status ?? 1)
} else {
  env.PGLITE_DIR = '.data/e2e-pglite'
  rmSync(env.PGLITE_DIR, { recursive: true, force: true })
  rmSync(env.UPLOADS_DIR, { recursive: true, force: true })
}
const fakeChargily = spawn(
  process.execPath,
  ['--import', 'tsx', 'tests/support/fake-chargily.ts', '--port', String(fakeChargilyPort), '--secret', env.CHARGILY_SECRET_KEY],
  { stdio: 'inherit' }
)
// Parcels through a local fake of Yalidine's API (tests/support/fake-yalidine.ts) on the platform's account.
const fakeYalidinePort = Number(process.env.PORT ?? 3100) + 10_100
env.YALIDINE_API_URL ??= `http://127.0.0.1:${fakeYalidinePort}`
env.YALIDINE_API_ID ??= 'e2e-yalidine-id'
env.YALIDINE_API_TOKEN ??= 'e2e-yalidine-token'
env.YALIDINE_WEBHOOK_SECRET ??= 'e2e-yalidine-webhook-secret'
const fakeYalidine = spawn(
  process.execPath,
  ['--import', 'tsx', 'tests/support/fake-yalidine.ts', '--port', String(fakeYalidinePort), '--id', env.YALIDINE_API_ID, '--token', env.YALIDINE_API_TOKEN],
  { stdio: 'inherit' }
)
// The compiled server, as in production (`npm run build` made it).
const server = spawn(process.execPath, ['--enable-source-maps', 'build/app-server/server.js'], { env, stdio: 'inherit' })
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    fakeChargily.kill(signal)
    fakeYalidine.kill(signal)
    server.kill(signal)
  })
server.on('exit', (code) => {
  fakeChargily.kill('SIGTERM')
  fakeYalidine.kill('SIGTERM')
  process.exit(code ?? 0)
})
