import { parseWithZod } from '@conform-to/zod/v4'
import { redirect } from '@remix-run/node'
import type { TFunction } from 'i18next'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { OrderNotFoundError, OrderTransitionError } from '~/modules/orders/lifecycle.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { invariantResponse } from '~/utils/responses'
import { createToastHeader } from '~/utils/toast.server'
import { getDb } from '~/utils/db.server'
import { getPaymentProviders } from '~/modules/payments/providers.server'
import { CodNotPendingError, CodReasonRequiredError, recordCodCall } from './cod.server'
import { answerReturn, receiveReturn, ReturnNotAllowedError, ReturnReasonRequiredError } from './returns.server'
import { DeliveryActionSchema } from './schemas'
import { deliveryDepsFromEnv } from './settings.server'
import { NoCarrierError, retryParcelNow, shipWithCarrier, StopDeskRequiredError } from './shipping.server'

// The producer's delivery forms on an order page (the caller has checked the order is the shop's):
// a confirmation call's outcome, shipping through the carrier, trying a failed parcel again.

export async function deliveryAction({ formData, t, orderId, shopId, userId }: { request: Request; formData: FormData; t: TFunction; orderId: string; shopId: string; userId: string }) {
  const submission = parseWithZod(formData, { schema: DeliveryActionSchema })
  if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error) }
  const value = submission.value
  const db = await getDb()
  const deps = deliveryDepsFromEnv()
  const actor = { kind: 'producer' as const, userId }
  let toast = 'delivery.done.shipped'
  let type: 'success' | 'error' = 'success'
  try {
    if (value.intent === 'cod-call') {
      await recordCodCall(db, { orderId, shopId, producerId: userId, outcome: value.outcome, note: value.note, siteUrl: deps.siteUrl })
      toast = `delivery.done.${value.outcome}`
    } else if (value.intent === 'return-accept' || value.intent === 'return-dispute') {
      await answerReturn(db, { orderId, shopId, producerId: userId, accept: value.intent === 'return-accept', note: value.intent === 'return-dispute' ? value.note : null })
      toast = `delivery.returns.done.${value.intent}`
    } else if (value.intent === 'return-received') {
      // A card-paid order is refunded right after (outside the transaction); the job retries a failure.
      await receiveReturn(db, { orderId, shopId, producerId: userId, siteUrl: deps.siteUrl, providers: getPaymentProviders() })
      toast = 'delivery.returns.done.return-received'
    } else {
      const parcel =
        value.intent === 'ship-carrier'
          ? await shipWithCarrier(db, deps, { orderId, shopId, actor, stopDeskId: value.stopDeskId })
          : await retryParcelNow(db, deps, { orderId, shopId, actor, noneAtCarrier: value.noneAtCarrier === 'yes' })
      if (parcel.status !== 'created') {
        toast = 'delivery.done.parcelFailed'
        type = 'error'
      }
    }
    kickOutbox()
  } catch (error) {
    if (error instanceof CodReasonRequiredError) return { message: t('validation.reasonRequired') }
    if (error instanceof CodNotPendingError || error instanceof OrderTransitionError) return { message: t('orders.errors.transition') }
    if (error instanceof NoCarrierError) return { message: t('delivery.errors.noCarrier') }
    if (error instanceof ReturnNotAllowedError) return { message: t('orders.errors.transition') }
    if (error instanceof ReturnReasonRequiredError) return { message: t('validation.reasonRequired') }
    if (error instanceof StopDeskRequiredError) return { message: t('delivery.errors.stopDesk') }
    invariantResponse(!(error instanceof OrderNotFoundError), 'Not found', { status: 404 })
    throw error
  }
  throw redirect(`/dashboard/orders/${orderId}`, { headers: { 'Set-Cookie': await createToastHeader({ key: toast, type }) } })
}
