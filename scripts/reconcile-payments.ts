// Compares the payment providers' payments of a day with ours (the server also runs this every
// night for the day before):  npm run payments:reconcile -- [--day 2026-12-01]
// Mismatches go to /admin/payments and the audit log; the summary is printed.
import { parseArgs } from 'node:util'
import { connect } from '../db/client'
import { migrate } from '../db/migrate'
import { getPaymentProviders } from '../app/modules/payments/providers.server'
import { previousAlgeriaDay, reconcilePayments } from '../app/modules/payments/reconcile.server'
import { getEnv } from '../app/utils/env.server'

const { values } = parseArgs({ options: { day: { type: 'string' } } })
const day = values.day ?? previousAlgeriaDay()
const conn = await connect({ url: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR, max: 1 })
await migrate(conn)
const results = await reconcilePayments(conn.db, getPaymentProviders(), { day, siteUrl: getEnv().APP_URL })
for (const r of results) console.log(`${day} ${r.provider}: ${r.checked} payments, ${r.mismatches.length} mismatches`, r.mismatches)
if (!results.length) console.log('no payment provider is configured')
await conn.close()
