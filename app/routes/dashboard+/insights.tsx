import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getShopInsights, type WeekFigures } from '~/modules/insights/insights.server'
import { INSIGHT_WEEKS, weeksParam } from '~/modules/insights/periods'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { intlLocale, type Language } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { useTranslation } from '~/utils/translate'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  // The shop's own figures: the producer, or a facilitator working for her (she already handles its orders; decision 021).
  const { shop } = await requireProducerShop(request)
  const weeks = weeksParam(new URL(request.url).searchParams.get('weeks'))
  const [insights, language] = await Promise.all([getShopInsights(await getDb(), shop.id, { weeks }), getLanguage(request)])
  return { insights, language, shopName: shop.name }
}

const percent = (bps: number | null, language: Language) =>
  bps === null ? '—' : new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 1 }).format(bps / 10_000)

export default function InsightsPage() {
  const { insights, language, shopName } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const number = new Intl.NumberFormat(intlLocale(language))
  const { totals } = insights
  const figures: [string, string][] = [
    [t('insights.views'), number.format(totals.views)],
    [t('insights.favourites'), number.format(totals.favourites)],
    [t('insights.orders'), number.format(totals.orders)],
    [t('insights.sales'), formatDzd(totals.sales, language)],
    [t('insights.conversion'), percent(totals.conversionBps, language)],
    [t('insights.refusal'), percent(totals.refusalBps, language)],
  ]
  const th = 'px-2 py-2 text-start font-semibold'
  const td = 'px-2 py-2 tabular-nums'
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t('insights.title')}</h1>
        <p className="text-stone-600" dir="auto">
          {shopName}
        </p>
      </div>
      <nav aria-label={t('insights.period')} className="flex flex-wrap items-center gap-2">
        {INSIGHT_WEEKS.map((w) => (
          <Link
            key={w}
            to={`?weeks=${w}`}
            aria-current={w === insights.weeks ? 'page' : undefined}
            className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm ${w === insights.weeks ? 'border-brand-700 bg-brand-700 text-white' : 'border-stone-300 bg-white'}`}
          >
            {t('insights.weeks', { count: w })}
          </Link>
        ))}
        <a href={`/dashboard/insights.csv?weeks=${insights.weeks}`} className="inline-flex min-h-11 items-center rounded-full px-3 text-sm font-medium text-brand-700 underline" download>
          {t('insights.csv')}
        </a>
      </nav>

      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="insight-totals">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-2xl border border-stone-200 bg-white p-3">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="text-xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-stone-600">{t('insights.howCounted')}</p>

      <section className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-3" aria-labelledby="chart-heading">
        <h2 id="chart-heading" className="text-lg font-semibold">
          {t('insights.perWeek')}
        </h2>
        <WeekChart weeks={insights.byWeek} viewsLabel={t('insights.views')} ordersLabel={t('insights.orders')} />
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-stone-200">
              <tr>
                <th className={th}>{t('insights.week')}</th>
                <th className={th}>{t('insights.views')}</th>
                <th className={th}>{t('insights.favourites')}</th>
                <th className={th}>{t('insights.orders')}</th>
                <th className={th}>{t('insights.sales')}</th>
              </tr>
            </thead>
            <tbody>
              {[...insights.byWeek].reverse().map((w) => (
                <tr key={w.week} className="border-b border-stone-100">
                  <td className={td}>{new Date(`${w.week}T12:00:00Z`).toLocaleDateString(intlLocale(language), { day: 'numeric', month: 'short', timeZone: 'UTC' })}</td>
                  <td className={td}>{number.format(w.views)}</td>
                  <td className={td}>{number.format(w.favourites)}</td>
                  <td className={td}>{number.format(w.orders)}</td>
                  <td className={td}>{formatDzd(w.sales, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-3" aria-labelledby="products-heading">
        <h2 id="products-heading" className="text-lg font-semibold">
          {t('insights.perProduct')}
        </h2>
        {insights.products.length === 0 ? (
          <p className="text-stone-600">{t('insights.noProducts')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="insight-products">
              <thead className="border-b border-stone-200">
                <tr>
                  <th className={th}>{t('insights.product')}</th>
                  <th className={th}>{t('insights.views')}</th>
                  <th className={th}>{t('insights.favourites')}</th>
                  <th className={th}>{t('insights.orders')}</th>
                  <th className={th}>{t('insights.sales')}</th>
                  <th className={th}>{t('insights.conversion')}</th>
                  <th className={th}>{t('insights.refusal')}</th>
                </tr>
              </thead>
              <tbody>
                {insights.products.map((p) => (
                  <tr key={p.productId} className="border-b border-stone-100">
                    <th scope="row" className="max-w-40 px-2 py-2 text-start font-medium" dir="auto">
                      {p.title}
                    </th>
                    <td className={td}>{number.format(p.views)}</td>
                    <td className={td}>{number.format(p.favourites)}</td>
                    <td className={td}>{number.format(p.orders)}</td>
                    <td className={td}>{formatDzd(p.sales, language)}</td>
                    <td className={td}>{percent(p.conversionBps, language)}</td>
                    <td className={td}>{percent(p.refusalBps, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-3" aria-labelledby="terms-heading">
        <h2 id="terms-heading" className="text-lg font-semibold">
          {t('insights.searchTerms')}
        </h2>
        {insights.searchTerms.length === 0 ? (
          <p className="text-stone-600">{t('insights.noSearchTerms')}</p>
        ) : (
          <ol className="flex flex-col gap-1" data-testid="insight-terms">
            {insights.searchTerms.map((s) => (
              <li key={s.term} className="flex justify-between gap-2">
                <span dir="auto">{s.term}</span>
                <span className="tabular-nums text-stone-600">{t('insights.termViews', { count: s.views })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

/**
 * Views (bars) and orders (dots on their own scale) per week, as a small server-rendered SVG: no
 * chart library, a few hundred bytes of markup. Time runs left to right in every language (as on
 * the calendar tables); the table above carries the same figures for screen readers.
 */
function WeekChart({ weeks, viewsLabel, ordersLabel }: { weeks: WeekFigures[]; viewsLabel: string; ordersLabel: string }) {
  const width = 320
  const height = 120
  const slot = width / Math.max(1, weeks.length)
  const maxViews = Math.max(1, ...weeks.map((w) => w.views))
  const maxOrders = Math.max(1, ...weeks.map((w) => w.orders))
  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${width} ${height + 4}`} className="h-auto w-full [direction:ltr]" aria-hidden="true" data-testid="insight-chart">
        <line x1="0" y1={height} x2={width} y2={height} stroke="#d6d3d1" />
        {weeks.map((w, i) => {
          const barHeight = (w.views / maxViews) * (height - 8)
          return <rect key={`v${w.week}`} x={i * slot + slot * 0.15} y={height - barHeight} width={slot * 0.7} height={barHeight} rx="2" fill="#a7f3d0" />
        })}
        {weeks.map((w, i) =>
          w.orders > 0 ? <circle key={`o${w.week}`} cx={i * slot + slot / 2} cy={height - (w.orders / maxOrders) * (height - 8)} r="4" fill="#047857" /> : null
        )}
      </svg>
      <figcaption className="flex gap-4 text-xs text-stone-600">
        <span className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm bg-emerald-200" aria-hidden="true" />
          {viewsLabel}
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-full bg-emerald-700" aria-hidden="true" />
          {ordersLabel}
        </span>
      </figcaption>
    </figure>
  )
}
