import type { Db } from '#db/client'
import { getPaymentProviders } from '~/modules/payments/providers.server'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { cancelUnansweredCodOrders } from './cod.server'
import { deliveryDepsFromEnv } from './settings.server'
import { retryReturnRefunds } from './return-refunds.server'
import { retryFailedParcels } from './shipping.server'
import { pollParcels } from './tracking.server'

/**
 * The delivery module's background work, as job definitions for the server's scheduler (each tick
 * runs on one server of the fleet, decision 022): every minute the parcels whose creation failed
 * for a passing reason are tried again, the parcels due are polled and returned orders' card
 * refunds still pending are asked again (50 a round, spaced to each
 * carrier's quota); every 15 minutes the COD orders nobody answered for are cancelled.
 */
export function deliveryJobDefinitions(db: Db) {
  return [
    {
      name: 'delivery-parcels',
      intervalMs: 60_000,
      run: async () => {
        const deps = deliveryDepsFromEnv()
        await retryFailedParcels(db, deps)
        await pollParcels(db, deps)
        // Card refunds owed: orders the carrier just returned (this poll) and refunds the provider did
        // not confirm (a timeout), asked with the order's key — the same refund, never a second one.
        await retryReturnRefunds(db, getPaymentProviders())
        kickOutbox()
      },
    },
    {
      name: 'delivery-unanswered-cod',
      intervalMs: 15 * 60_000,
      run: async () => {
        const cancelled = await cancelUnansweredCodOrders(db, { siteUrl: deliveryDepsFromEnv().siteUrl })
        if (cancelled.length) kickOutbox()
      },
    },
  ]
}
