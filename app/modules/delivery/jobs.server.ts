import type { DbOrTx } from '#db/client'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { cancelUnansweredCodOrders } from './cod.server'
import { deliveryDepsFromEnv } from './settings.server'
import { retryFailedParcels } from './shipping.server'
import { pollParcels } from './tracking.server'

/**
 * The delivery module's background work, in the server process: every minute the parcels whose
 * creation failed for a passing reason are tried again and the parcels due are polled (50 a round,
 * spaced to each carrier's quota); every 15 minutes the COD orders nobody answered for are
 * cancelled. A round never overlaps the previous one.
 */
export function startDeliveryJobs(db: DbOrTx, log: Pick<Console, 'error'> = console) {
  let busy = false
  const round = async () => {
    if (busy) return
    busy = true
    try {
      const deps = deliveryDepsFromEnv()
      await retryFailedParcels(db, deps)
      await pollParcels(db, deps)
      kickOutbox()
    } catch (error) {
      log.error(error)
    } finally {
      busy = false
    }
  }
  const parcelsTimer = setInterval(round, 60_000)
  parcelsTimer.unref()
  const codTimer = setInterval(
    () =>
      cancelUnansweredCodOrders(db, { siteUrl: deliveryDepsFromEnv().siteUrl })
        .then((cancelled) => cancelled.length && kickOutbox())
        .catch((error) => log.error(error)),
    15 * 60_000
  )
  codTimer.unref()
  return () => {
    clearInterval(parcelsTimer)
    clearInterval(codTimer)
  }
}
