import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { Stars } from '~/components/stars'
import { OrderHistory, OrderLines, OrderPageHeader, OrderReadyOn, useOrderDates } from '~/components/orders'
import { ParcelTracking, ReturnPhotos } from '~/components/delivery'
import { getDeliveryView } from '~/modules/delivery/views.server'
import {
  getReturnRequest,
  MAX_RETURN_PHOTOS,
  requestReturn,
  returnPhotosView,
  ReturnNotAllowedError,
  ReturnReasonRequiredError,
  ReturnWindowClosedError,
  returnWindow,
  TooManyReturnPhotosError,
} from '~/modules/delivery/returns.server'
import { oversizeMessage, photoRefusalMessage } from '~/modules/media/refusals.server'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { i18nServer } from '~/utils/i18n.server'
import { ReturnRequestSchema } from '~/modules/delivery/schemas'
import { addReview, AlreadyReviewedError, listOrderLineReviews, NotReviewableError } from '~/modules/reviews/reviews.server'
import { ReviewSchema } from '~/modules/reviews/schemas'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { nextStatuses, OrderTransitionError, transitionOrder } from '~/modules/orders/lifecycle.server'
import { getOrder } from '~/modules/orders/orders.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'
import { createToastHeader } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const language = await getLanguage(request)
  const order = await getOrder(await getDb(), { kind: 'buyer', userId: user.id }, params.orderId ?? '', language)
  invariantResponse(order, 'Not found', { status: 404 })
  const reviews =
    order.order.status === 'delivered'
      ? await listOrderLineReviews(
          await getDb(),
          order.items.map((i) => i.id)
        )
      : []
  const delivery = await getDeliveryView(await getDb(), order, { forProducer: false })
  // Law 18-05: a delivered order may be sent back (late, not as described) within 4 working days.
  const [returnRequest, window] = await Promise.all([getReturnRequest(await getDb(), order.order.id), returnWindow(await getDb(), order.order)])
  return { order, language, reviews, delivery, returnRequest: returnPhotosView(returnRequest), returnWindow: window, canCancel: nextStatuses(order.order.status, 'buyer').includes('cancelled') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  // The return form carries photos (multipart, works without JavaScript); the other forms are plain.
  const upload = await parseMultipartWithFiles(request, { fileField: 'photos', maxFiles: MAX_RETURN_PHOTOS })
  const formData = upload.formData
  const intent = formData.get('intent')
  const orderId = params.orderId ?? ''
  const db = await getDb()
  // Not found for someone else's order, before any rule is looked at.
  const detail = await getOrder(db, { kind: 'buyer', userId: user.id }, orderId, 'ar')
  invariantResponse(detail, 'Not found', { status: 404 })
  invariantResponse(intent === 'cancel' || intent === 'review' || intent === 'return', 'Unknown intent', { status: 400 })
  if (intent === 'return') {
    const submission = parseWithZod(formData, { schema: ReturnRequestSchema })
    let key = 'delivery.returns.done.requested'
    // A refused photo is said next to the field (with the file's name), and nothing is stored.
    const t = await i18nServer.getFixedT(request)
    if (upload.oversize.length) return { returnError: oversizeMessage(upload.oversize, t) }
    if (upload.tooMany) return { returnError: t('delivery.returns.errors.tooManyPhotos') }
    if (submission.status !== 'success') key = 'delivery.returns.errors.reason'
    else {
      try {
        await requestReturn(db, {
          orderId,
          buyerId: user.id,
          reason: submission.value.reason,
          note: submission.value.note,
          photos: upload.files,
          storage: upload.files.length ? getMediaStorage() : null,
        })
      } catch (error) {
        const photoRefusal = photoRefusalMessage(error, t)
        if (photoRefusal) return { returnError: photoRefusal }
        if (error instanceof TooManyReturnPhotosError) return { returnError: t('delivery.returns.errors.tooManyPhotos') }
        if (error instanceof ReturnReasonRequiredError) key = 'delivery.returns.errors.note'
        else if (error instanceof ReturnWindowClosedError) key = 'delivery.returns.errors.closed'
        else if (error instanceof ReturnNotAllowedError) key = 'delivery.returns.errors.notAllowed'
        else throw error
      }
    }
    throw redirect(`/account/orders/${orderId}`, {
      headers: { 'Set-Cookie': await createToastHeader({ key, type: key === 'delivery.returns.done.requested' ? 'success' : 'error' }) },
    })
  }
  if (intent === 'review') {
    const submission = parseWithZod(formData, { schema: ReviewSchema })
    let reviewKey = 'reviews.thanks'
    if (submission.status !== 'success' || !detail.items.some((i) => i.id === submission.value.orderItemId)) reviewKey = 'reviews.chooseStars'
    else {
      try {
        await addReview(db, { buyerId: user.id, orderItemId: submission.value.orderItemId, rating: submission.value.rating, body: submission.value.body ?? '' })
      } catch (error) {
        if (!(error instanceof NotReviewableError || error instanceof AlreadyReviewedError)) throw error
        reviewKey = 'reviews.notAllowed'
      }
    }
    throw redirect(`/account/orders/${orderId}`, {
      headers: { 'Set-Cookie': await createToastHeader({ key: reviewKey, type: reviewKey === 'reviews.thanks' ? 'success' : 'error' }) },
    })
  }
  let key = 'orders.cancelled'
  try {
    await transitionOrder(db, { orderId, to: 'cancelled', actor: { kind: 'buyer', userId: user.id }, siteUrl: getEnv().APP_URL })
    kickOutbox()
  } catch (error) {
    if (!(error instanceof OrderTransitionError)) throw error
    key = 'orders.tooLateToCancel'
  }
  throw redirect(`/account/orders/${orderId}`, {
    headers: { 'Set-Cookie': await createToastHeader({ key, type: key === 'orders.cancelled' ? 'success' : 'error' }) },
  })
}

export default function BuyerOrderPage() {
  const { order: detail, language, canCancel, reviews, delivery, returnRequest, returnWindow } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const returnError = actionData && 'returnError' in actionData ? actionData.returnError : null
  const { order, shop, items, events } = detail
  const { t } = useTranslation()
  const date = useOrderDates(language)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <OrderPageHeader backTo="/account/orders" backLabel={t('orders.backToMine')} number={order.number} status={order.status} />
      <p className="text-sm text-stone-600">
        {t('orders.placedOn', { date: date(order.createdAt) })} ·{' '}
        <Link to={`/s/${shop.slug}`} className="inline-flex min-h-11 items-center text-brand-700 underline" dir="auto">
          {shop.name}
        </Link>
      </p>
      <OrderReadyOn readyOn={order.readyOn} status={order.status} language={language} />
      {delivery.parcel?.tracking ? <ParcelTracking parcel={delivery.parcel} steps={delivery.steps} language={language} /> : null}
      {order.status === 'shipped' && !delivery.parcel && (order.carrier || order.trackingNumber) ? (
        <p className="rounded-xl bg-indigo-50 p-3 text-indigo-900">
          {t('orders.tracking', { carrier: order.carrier ?? '—', tracking: order.trackingNumber ?? '—' })}
        </p>
      ) : null}
      {order.status === 'cancelled' && order.cancelReason ? (
        <p className="rounded-xl bg-red-50 p-3 text-red-900" dir="auto">
          {t('orders.cancelReason', { reason: order.cancelReason })}
        </p>
      ) : null}

      {returnRequest ? (
        <section className="flex flex-col gap-1 rounded-2xl border border-amber-300 bg-amber-50 p-4" aria-labelledby="return">
          <h2 id="return" className="font-semibold">
            {t('delivery.returns.title')}
          </h2>
          <p>{t(`delivery.returns.reasons.${returnRequest.reason}`)}</p>
          <p className="font-medium">{t(`delivery.returns.status.${returnRequest.status}`)}</p>
          <ReturnPhotos photos={returnRequest.photos} />
          {returnRequest.refundStatus ? <p className="text-sm">{t(`delivery.returns.refund.${returnRequest.refundStatus}`)}</p> : null}
          {returnRequest.producerNote ? (
            <p className="text-sm" dir="auto">
              {t('delivery.returns.producerSays', { note: returnRequest.producerNote })}
            </p>
          ) : null}
          {returnRequest.decisionNote ? (
            <p className="text-sm" dir="auto">
              {t('delivery.returns.moderatorSays', { note: returnRequest.decisionNote })}
            </p>
          ) : null}
        </section>
      ) : returnWindow?.open ? (
        <details className="rounded-2xl border border-stone-200 bg-white p-4" open={returnError ? true : undefined}>
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('delivery.returns.ask')}</summary>
          <Form method="post" encType="multipart/form-data" className="mt-2 flex flex-col gap-3">
            <input type="hidden" name="intent" value="return" />
            <p className="text-sm text-stone-700">{t('delivery.returns.until', { date: date(returnWindow.deadline) })}</p>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium">{t('delivery.returns.reason')}</legend>
              {(['late', 'not_as_described'] as const).map((reason) => (
                <label key={reason} className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 px-3 has-[:checked]:border-brand-600">
                  <input type="radio" name="reason" value={reason} required className="size-5" />
                  <span>{t(`delivery.returns.reasons.${reason}`)}</span>
                </label>
              ))}
            </fieldset>
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('delivery.returns.note')}
              <textarea name="note" maxLength={1000} rows={3} dir="auto" className="rounded-xl border border-stone-300 p-3 text-base" />
              <span className="text-xs font-normal text-stone-600">{t('delivery.returns.noteHint')}</span>
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('delivery.returns.photos')}
              <input
                name="photos"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                aria-describedby="return-photos-hint"
                aria-invalid={returnError ? true : undefined}
                className="min-h-11 text-sm"
              />
              <span id="return-photos-hint" className="text-xs font-normal text-stone-600">
                {t('delivery.returns.photosHint')}
              </span>
            </label>
            {returnError ? (
              <p role="alert" className="rounded-xl bg-red-50 p-3 text-sm text-red-900" dir="auto">
                {returnError}
              </p>
            ) : null}
            <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700">
              {t('delivery.returns.send')}
            </button>
          </Form>
        </details>
      ) : null}

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="lines">
        <h2 id="lines" className="mb-2 font-semibold">
          {t('orders.lines')}
        </h2>
        <OrderLines items={items} subtotal={order.subtotal} shippingFee={order.shippingFee} total={order.total} language={language} />
        <p className="mt-2 text-sm text-stone-700">{t(`orders.payment.${order.paymentMethod}`)}</p>
      </section>

      {order.status === 'delivered' ? (
        <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="reviews">
          <h2 id="reviews" className="font-semibold">
            {t('reviews.yourReviews')}
          </h2>
          {items.map((item) => {
            const review = reviews.find((r) => r.orderItemId === item.id)
            return review ? (
              <div key={item.id} className="flex flex-col gap-1 border-t border-stone-100 pt-2">
                <p className="font-medium" dir="auto">
                  {item.title}
                </p>
                <Stars rating={review.rating} />
                {review.body ? (
                  <p className="text-sm" dir="auto">
                    {review.body}
                  </p>
                ) : null}
              </div>
            ) : (
              <Form key={item.id} method="post" className="flex flex-col gap-2 border-t border-stone-100 pt-2">
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="orderItemId" value={item.id} />
                <fieldset>
                  <legend className="font-medium" dir="auto">
                    {t('reviews.rate', { title: item.title })}
                  </legend>
                  <div className="mt-1 flex gap-1">
                    {[1, 2, 3, 4, 5].map((n) => (
                      <label
                        key={n}
                        className="flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-stone-300 has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50"
                      >
                        <input type="radio" name="rating" value={n} className="sr-only" />
                        <span aria-hidden="true">{n} ★</span>
                        <span className="sr-only">{t('reviews.stars', { count: n })}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
                <label className="flex flex-col gap-1 text-sm">
                  {t('reviews.body')}
                  <textarea name="body" rows={2} maxLength={2000} dir="auto" className="rounded-xl border border-stone-300 p-3 text-base" />
                </label>
                <button type="submit" className="min-h-11 self-start rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
                  {t('reviews.send')}
                </button>
              </Form>
            )
          })}
        </section>
      ) : null}

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="address">
        <h2 id="address" className="mb-2 font-semibold">
          {t('checkout.deliverTo')}
        </h2>
        <p dir="auto">{order.shipName}</p>
        <p dir="auto">{order.shipStreet}</p>
        <p>{detail.shipPlace}</p>
        <p className="text-sm text-stone-600">{t(`cart.modes.${order.deliveryMode}`)}</p>
        {order.stopDeskName ? <p className="text-sm text-stone-600">{t('delivery.stopDeskChosen', { desk: order.stopDeskName })}</p> : null}
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="history">
        <h2 id="history" className="mb-2 font-semibold">
          {t('orders.history')}
        </h2>
        <OrderHistory events={events} language={language} />
      </section>

      <div className="flex flex-col gap-2 sm:flex-row">
        <Link
          to={`/account/orders/${order.id}/invoice`}
          className="flex min-h-12 flex-1 items-center justify-center rounded-full border border-stone-300 bg-white px-6 font-semibold hover:bg-stone-50"
        >
          {t('orders.invoice')}
        </Link>
        {canCancel ? (
          <Form method="post" className="flex flex-1">
            <button
              type="submit"
              name="intent"
              value="cancel"
              className="min-h-12 flex-1 rounded-full bg-red-700 px-6 font-semibold text-white hover:bg-red-800"
            >
              {t('orders.cancel')}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  )
}
