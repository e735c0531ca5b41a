import { Form } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { useOrderDates } from '~/components/orders'
import type { Language } from '~/utils/i18n'
import type { ResponsiveImage } from '~/modules/media/responsive-image'

const primary = 'min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700'
const secondary = 'flex min-h-12 items-center justify-center rounded-full border border-stone-300 bg-white px-6 font-semibold hover:bg-stone-50'

export type ParcelView = {
  carrier: string
  tracking: string | null
  state: string | null
  status: string
  lastError: string | null
  nextAttemptAt: string | Date | null
  hasLabel: boolean
}
export type ParcelStepView = { id: string; carrierStatus: string; state: string | null; reason: string | null; place: string | null; occurredAt: string | Date }

const TRACK = ['created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'] as const

/** The parcel's way: a step bar (where it is) and the carrier's own lines, newest first. */
export function ParcelTracking({ parcel, steps, language }: { parcel: ParcelView; steps: ParcelStepView[]; language: Language }) {
  const { t } = useTranslation()
  const date = useOrderDates(language)
  const reached = parcel.state === 'returned' ? -1 : TRACK.indexOf((parcel.state ?? 'created') as (typeof TRACK)[number])
  return (
    <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="parcel">
      <h2 id="parcel" className="font-semibold">
        {t('delivery.parcel.title')}
      </h2>
      {parcel.tracking ? (
        <p className="text-sm">
          {t('delivery.parcel.trackingWith', { carrier: parcel.carrier })}{' '}
          <bdi dir="ltr" className="font-mono font-semibold">
            {parcel.tracking}
          </bdi>
        </p>
      ) : null}
      {parcel.state === 'returned' ? (
        <p className="rounded-xl bg-red-50 p-3 text-red-900">{t('delivery.steps.returned')}</p>
      ) : (
        <ol className="grid grid-cols-5 gap-1 text-center text-xs" aria-label={t('delivery.parcel.progress')}>
          {TRACK.map((state, i) => (
            <li key={state} className="flex flex-col items-center gap-1" aria-current={i === reached ? 'step' : undefined}>
              <span className={`h-2 w-full rounded-full ${i <= reached ? 'bg-brand-600' : 'bg-stone-200'}`} />
              <span className={i === reached ? 'font-semibold text-stone-900' : 'text-stone-600'}>{t(`delivery.steps.${state}`)}</span>
            </li>
          ))}
        </ol>
      )}
      {steps.length ? (
        <ol className="flex flex-col gap-2 border-s-2 border-stone-200 ps-4">
          {[...steps].reverse().map((step) => (
            <li key={step.id} className="flex flex-col">
              <span className="font-medium">{step.state ? t(`delivery.steps.${step.state}`) : <bdi dir="auto">{step.carrierStatus}</bdi>}</span>
              <span className="text-xs text-stone-600">
                <time dateTime={new Date(step.occurredAt).toISOString()}>{date(step.occurredAt)}</time>
                {step.place ? <bdi dir="auto"> · {step.place}</bdi> : null}
              </span>
              {step.reason ? (
                <span className="text-sm text-stone-700" dir="auto">
                  {step.reason}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}

/** The producer's side of the parcel: the label to print, or the failure and what to do. */
export function ParcelActions({ parcel, orderId }: { parcel: ParcelView; orderId: string }) {
  const { t } = useTranslation()
  if (parcel.status === 'created')
    return (
      <a href={`/dashboard/orders/${orderId}/label`} target="_blank" rel="noreferrer" className={`${primary} flex items-center justify-center`}>
        {t('delivery.parcel.printLabel')}
      </a>
    )
  return (
    <div className="flex flex-col gap-2 rounded-2xl border border-amber-300 bg-amber-50 p-4 text-amber-950" role="status">
      <p className="font-semibold">{t(parcel.status === 'needs_check' ? 'delivery.parcel.needsCheck' : 'delivery.parcel.failed', { carrier: parcel.carrier })}</p>
      {parcel.lastError ? (
        <p className="text-sm break-words" dir="ltr">
          {parcel.lastError}
        </p>
      ) : null}
      {parcel.nextAttemptAt ? <p className="text-sm">{t('delivery.parcel.willRetry')}</p> : null}
      <Form method="post" className="flex flex-col gap-2">
        <input type="hidden" name="intent" value="retry-parcel" />
        {parcel.status === 'needs_check' ? (
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="noneAtCarrier" value="yes" className="size-5" required />
            {t('delivery.parcel.noneAtCarrier', { carrier: parcel.carrier })}
          </label>
        ) : null}
        <button type="submit" className={primary}>
          {t('delivery.parcel.retry')}
        </button>
      </Form>
    </div>
  )
}

/** "To confirm": the buyer's phone one tap away, and the call's outcome in one tap. */
export function CodCallPanel({ phone, whatsapp, noAnswer, limit }: { phone: string; whatsapp: string; noAnswer: number; limit: number }) {
  const { t } = useTranslation()
  return (
    <section className="flex flex-col gap-3 rounded-2xl border-2 border-amber-400 bg-amber-50 p-4" aria-labelledby="to-confirm">
      <h2 id="to-confirm" className="font-semibold text-amber-950">
        {t('delivery.cod.title')}
      </h2>
      <p className="text-sm text-amber-950">{t('delivery.cod.why')}</p>
      <div className="grid grid-cols-2 gap-2">
        <a href={`tel:${phone}`} className={`${primary} flex items-center justify-center`}>
          {t('delivery.cod.call')}
        </a>
        <a href={whatsapp} target="_blank" rel="noreferrer" className={secondary}>
          {t('delivery.cod.whatsapp')}
        </a>
      </div>
      {noAnswer ? <p className="text-sm text-amber-950">{t('delivery.cod.noAnswerSoFar', { count: noAnswer, limit })}</p> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="cod-call" />
        <button type="submit" name="outcome" value="confirmed" className={`${primary} w-full`}>
          {t('delivery.cod.confirmed')}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="cod-call" />
        <button type="submit" name="outcome" value="no_answer" className={`${secondary} w-full`}>
          {t('delivery.cod.noAnswer')}
        </button>
      </Form>
      <Form method="post" className="flex flex-col gap-2 border-t border-amber-200 pt-3">
        <input type="hidden" name="intent" value="cod-call" />
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('delivery.cod.reason')}
          <textarea name="note" rows={2} maxLength={500} required dir="auto" className="rounded-xl border border-stone-300 bg-white p-3 text-base" />
        </label>
        <button type="submit" name="outcome" value="cancelled" className="min-h-12 rounded-full border border-red-700 bg-white px-6 font-semibold text-red-700 hover:bg-red-50">
          {t('delivery.cod.cancelled')}
        </button>
      </Form>
    </section>
  )
}

/** A return request's photos (up to 3), as thumbnails opening the full photo: buyer, producer and moderator see the same. */
export function ReturnPhotos({ photos }: { photos: ResponsiveImage[] }) {
  const { t } = useTranslation()
  if (!photos.length) return null
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm font-medium">{t('delivery.returns.photosSent')}</p>
      <ul className="flex flex-wrap gap-2">
        {photos.map((photo, index) => (
          <li key={photo.src}>
            <a href={photo.src} target="_blank" rel="noreferrer" className="block size-24 overflow-hidden rounded-xl border border-stone-200">
              <img
                src={photo.src}
                srcSet={photo.srcSet}
                sizes="96px"
                width={96}
                height={96}
                loading="lazy"
                alt={t('delivery.returns.photoAlt', { n: index + 1 })}
                className="size-full object-cover"
              />
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
