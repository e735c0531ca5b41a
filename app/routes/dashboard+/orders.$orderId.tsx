import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert } from '~/components/ui/form'
import { OrderHistory, OrderLines, OrderPageHeader, OrderReadyOn, useOrderDates } from '~/components/orders'
import { CodCallPanel, ParcelActions, ParcelTracking, ReturnPhotos } from '~/components/delivery'
import { deliveryAction } from '~/modules/delivery/actions.server'
import { deliveryDepsFromEnv } from '~/modules/delivery/settings.server'
import { whatsappLink } from '~/modules/delivery/schemas'
import { getDeliveryView } from '~/modules/delivery/views.server'
import { getReturnRequest, returnPhotosView } from '~/modules/delivery/returns.server'
import { localPhone } from '~/modules/accounts/schemas'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { nextStatuses, OrderReasonRequiredError, OrderTransitionError, transitionOrder } from '~/modules/orders/lifecycle.server'
import { getOrder } from '~/modules/orders/orders.server'
import { ProducerStepSchema } from '~/modules/orders/schemas'
import { requireProducerShop } from '~/modules/shops/access.server'
import { auditAssisted } from '~/modules/assistance/assistance.server'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { getEnv } from '~/utils/env.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { invariantResponse } from '~/utils/responses'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const language = await getLanguage(request)
  const db = await getDb()
  const order = await getOrder(db, { kind: 'shop', shopId: shop.id }, params.orderId ?? '', language)
  invariantResponse(order, 'Not found', { status: 404 })
  const delivery = await getDeliveryView(db, order, { deps: deliveryDepsFromEnv(), forProducer: true })
  const returnRequest = await getReturnRequest(db, order.order.id)
  return { order, language, next: nextStatuses(order.order.status, 'producer'), delivery, returnRequest: returnPhotosView(returnRequest) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, assist, ownerId } = await requireProducerShop(request)
  const orderId = params.orderId ?? ''
  const db = await getDb()
  invariantResponse(await getOrder(db, { kind: 'shop', shopId: shop.id }, orderId, 'ar'), 'Not found', { status: 404 })
  const t = await i18nServer.getFixedT(request)
  const formData = await readForm(request)
  // Confirmation calls, carrier parcels: the delivery module's own actions.
  if (formData.has('intent')) {
    const result = await deliveryAction({ request, formData, t, orderId, shopId: shop.id, userId: ownerId })
    await auditAssisted(db, assist, { what: `orders.delivery.${String(formData.get('intent'))}`, targetType: 'order', targetId: orderId })
    return result
  }
  const submission = parseWithZod(formData, { schema: ProducerStepSchema })
  if (submission.status !== 'success') {
    return { message: firstErrorMessage(t, submission.error) }
  }
  const { to, note, carrier, trackingNumber } = submission.value
  try {
    await transitionOrder(db, { orderId, to, actor: { kind: 'producer', userId: ownerId }, note, carrier, trackingNumber, siteUrl: getEnv().APP_URL })
    await auditAssisted(db, assist, { what: `orders.done.${to}`, targetType: 'order', targetId: orderId })
    kickOutbox()
  } catch (error) {
    if (error instanceof OrderTransitionError) return { message: t('orders.errors.transition') }
    if (error instanceof OrderReasonRequiredError) return { message: t('validation.reasonRequired') }
    throw error
  }
  throw redirect(`/dashboard/orders/${orderId}`, { headers: { 'Set-Cookie': await createToastHeader({ key: `orders.done.${to}`, type: 'success' }) } })
}

const primary = 'min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700'
const inputClass = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function ShopOrderPage() {
  const { order: detail, language, next, delivery, returnRequest } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { order, items, events, buyer } = detail
  const { t } = useTranslation()
  const date = useOrderDates(language)
  const phone = localPhone(order.shipPhone)
  // A cash-on-delivery order is confirmed by phone, through the call panel, not a bare button.
  const toConfirm = order.paymentMethod === 'cod' && order.status === 'pending'
  const viaCarrier = delivery.carrier && delivery.carrier.kind !== 'own'
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <OrderPageHeader backTo="/dashboard/orders" backLabel={t('orders.backToShop')} number={order.number} status={order.status} />
      <p className="text-sm text-stone-600">{t('orders.placedOn', { date: date(order.createdAt) })}</p>
      <OrderReadyOn readyOn={order.readyOn} status={order.status} language={language} />
      <FormAlert message={actionData?.message} />

      <section className="flex flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="customer">
        <h2 id="customer" className="mb-1 font-semibold">
          {t('orders.customer')}
        </h2>
        <p dir="auto">{order.shipName}</p>
        <a href={`tel:${order.shipPhone}`} className="inline-flex min-h-11 items-center self-start text-lg font-semibold text-brand-700 underline" dir="ltr">
          {phone}
        </a>
        <p dir="auto">{order.shipStreet}</p>
        <p>{detail.shipPlace}</p>
        <p className="text-sm text-stone-600">
          {t(`cart.modes.${order.deliveryMode}`)} · <bdi>{buyer.email}</bdi>
          {order.stopDeskName ? <> · {t('delivery.stopDeskChosen', { desk: order.stopDeskName })}</> : null}
        </p>
      </section>

      {toConfirm && delivery.calls ? (
        <CodCallPanel phone={order.shipPhone} whatsapp={whatsappLink(order.shipPhone)} noAnswer={delivery.calls.noAnswer} limit={delivery.calls.limit} />
      ) : null}

      {returnRequest ? (
        <section className="flex flex-col gap-2 rounded-2xl border border-amber-300 bg-amber-50 p-4" aria-labelledby="return">
          <h2 id="return" className="font-semibold">
            {t('delivery.returns.title')}
          </h2>
          <p>{t(`delivery.returns.reasons.${returnRequest.reason}`)}</p>
          {returnRequest.note ? (
            <p className="text-sm" dir="auto">
              {t('delivery.returns.buyerSays', { note: returnRequest.note })}
            </p>
          ) : null}
          <ReturnPhotos photos={returnRequest.photos} />
          <p className="font-medium">{t(`delivery.returns.status.${returnRequest.status}`)}</p>
          {returnRequest.refundStatus ? <p className="text-sm">{t(`delivery.returns.refund.${returnRequest.refundStatus}`)}</p> : null}
          {returnRequest.decisionNote ? (
            <p className="text-sm" dir="auto">
              {t('delivery.returns.moderatorSays', { note: returnRequest.decisionNote })}
            </p>
          ) : null}
          {returnRequest.status === 'requested' ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="return-accept" />
                <button type="submit" className={primary}>
                  {t('delivery.returns.accept')}
                </button>
              </Form>
              <Form method="post" className="flex flex-col gap-2">
                <input type="hidden" name="intent" value="return-dispute" />
                <label className="flex flex-col gap-1 text-sm font-medium">
                  {t('delivery.returns.disputeReason')}
                  <textarea name="note" required maxLength={500} rows={2} dir="auto" className="rounded-xl border border-stone-300 p-3 text-base" />
                </label>
                <button type="submit" className="min-h-12 rounded-full border border-stone-400 px-6 font-semibold">
                  {t('delivery.returns.dispute')}
                </button>
              </Form>
            </>
          ) : null}
          {returnRequest.status === 'accepted' && order.status === 'delivered' ? (
            <Form method="post" className="flex flex-col gap-1">
              <input type="hidden" name="intent" value="return-received" />
              <p className="text-sm text-stone-700">{t('delivery.returns.receivedHint')}</p>
              <button type="submit" className={primary}>
                {t('delivery.returns.received')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {delivery.parcel ? (
        <>
          <ParcelActions parcel={delivery.parcel} orderId={order.id} />
          <ParcelTracking parcel={delivery.parcel} steps={delivery.steps} language={language} />
        </>
      ) : null}

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="lines">
        <h2 id="lines" className="mb-2 font-semibold">
          {t('orders.lines')}
        </h2>
        <OrderLines items={items} subtotal={order.subtotal} shippingFee={order.shippingFee} total={order.total} language={language} />
        <p className="mt-2 text-sm text-stone-700">{t(`orders.payment.${order.paymentMethod}`)}</p>
      </section>

      {next.length ? (
        <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="next-step">
          <h2 id="next-step" className="font-semibold">
            {t('orders.nextStep')}
          </h2>
          {next.includes('confirmed') && !toConfirm ? (
            <Form method="post">
              <button type="submit" name="to" value="confirmed" className={`${primary} w-full`}>
                {t('orders.actions.confirmed')}
              </button>
            </Form>
          ) : null}
          {next.includes('shipped') && viaCarrier && !delivery.parcel ? (
            <Form method="post" className="flex flex-col gap-2">
              <input type="hidden" name="intent" value="ship-carrier" />
              {order.deliveryMode === 'desk' && !order.stopDeskId ? (
                <label className="flex flex-col gap-1 text-sm font-medium">
                  {t('delivery.ship.stopDesk')}
                  {delivery.stopDesks.length ? (
                    <select name="stopDeskId" required className={inputClass}>
                      {delivery.stopDesks.map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name} — {d.communeName}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input name="stopDeskId" required maxLength={40} dir="ltr" className={inputClass} />
                  )}
                </label>
              ) : null}
              <button type="submit" className={primary}>
                {t('delivery.ship.withCarrier', { carrier: delivery.carrier?.name ?? '' })}
              </button>
              <p className="text-sm text-stone-600">{t('delivery.ship.hint')}</p>
            </Form>
          ) : null}
          {next.includes('shipped') && !viaCarrier ? (
            <Form method="post" className="flex flex-col gap-2">
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t('orders.fields.carrier')}
                <input name="carrier" maxLength={60} className={inputClass} />
              </label>
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t('orders.fields.trackingNumber')}
                <input name="trackingNumber" maxLength={60} dir="ltr" className={inputClass} />
              </label>
              <button type="submit" name="to" value="shipped" className={primary}>
                {t('orders.actions.shipped')}
              </button>
            </Form>
          ) : null}
          {next.includes('delivered') ? (
            <Form method="post">
              <button type="submit" name="to" value="delivered" className={`${primary} w-full`}>
                {t('orders.actions.delivered')}
              </button>
            </Form>
          ) : null}
          {next.includes('cancelled') || next.includes('returned') ? (
            <Form method="post" className="flex flex-col gap-2 border-t border-stone-100 pt-3">
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t('orders.fields.reason')}
                <textarea name="note" rows={2} maxLength={1000} dir="auto" className="rounded-xl border border-stone-300 p-3 text-base" />
              </label>
              <button
                type="submit"
                name="to"
                value={next.includes('cancelled') ? 'cancelled' : 'returned'}
                className="min-h-12 rounded-full border border-red-700 px-6 font-semibold text-red-700 hover:bg-red-50"
              >
                {t(next.includes('cancelled') ? 'orders.actions.cancelled' : 'orders.actions.returned')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="history">
        <h2 id="history" className="mb-2 font-semibold">
          {t('orders.history')}
        </h2>
        <OrderHistory events={events} language={language} />
      </section>

      <Link
        to={`/dashboard/orders/${order.id}/slip`}
        className="flex min-h-12 items-center justify-center rounded-full border border-stone-300 bg-white px-6 font-semibold hover:bg-stone-50"
      >
        {t('orders.slip')}
      </Link>
    </div>
  )
}
