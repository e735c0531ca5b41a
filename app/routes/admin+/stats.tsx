import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { WilayaTileMap } from '~/components/wilaya-tile-map'
import { useTranslation } from '~/utils/translate'
import { PRODUCER_CATEGORIES, STATS_GRANULARITIES, STATS_PERIODS, statsFilterQuery, type StatsTable } from '~/modules/stats/filters'
import { placeName, wilayas } from '~/modules/geo/geo.server'
import { getDashboardStats, listStatsCategories, parseStatsFilters } from '~/modules/stats/stats.server'
import { getImpactOverview } from '~/modules/stats/impact.server'
import { getDb } from '~/utils/db.server'
import { formatAlgeriaDay } from '~/utils/dates'
import { intlLocale, textDirection, type Language } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireRole } from '~/utils/permissions.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

// /admin/stats — the ministry's figures for a period, filtered by wilaya, category and producer
// category; every table downloads as CSV. Definitions: app/modules/stats/stats.server.ts.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['moderator', 'admin'])
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const categories = await listStatsCategories(db, language)
  const filters = parseStatsFilters(new URL(request.url).searchParams, { categoryIds: categories.map((c) => c.id) })
  const [stats, impact] = await Promise.all([getDashboardStats(db, filters, language), getImpactOverview(db)])
  return {
    impact,
    values: filters.values,
    granularity: filters.granularity,
    categories,
    wilayas: wilayas.map((w) => ({ code: w.code, name: placeName(w, language) })),
    stats,
  }
}

type Data = Awaited<ReturnType<typeof loader>>

const inputClass = 'min-h-12 w-full min-w-0 rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function StatsPage() {
  const { values, granularity, categories, wilayas, stats, impact } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  const number = new Intl.NumberFormat(intlLocale(language))
  const percent = new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 1 })
  const money = (centimes: number) => formatDzd(centimes, language)
  const f = stats.figures
  const query = statsFilterQuery(values)
  const csvHref = (table: StatsTable) => `/admin/stats.csv?${statsFilterQuery({ ...values, table })}`
  const range = `${formatAlgeriaDay(values.from, language)} – ${formatAlgeriaDay(values.to, language)}`
  const filtered = [
    values.wilaya ? wilayas.find((w) => String(w.code) === values.wilaya)?.name : null,
    values.category ? categories.find((c) => c.id === values.category)?.name : null,
    values.producer ? t(`producerCategory.${values.producer}`) : null,
  ].filter(Boolean)

  return (
    <div className="flex min-w-0 flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">{t('stats.title')}</h1>
        <p className="text-sm text-stone-600" data-testid="stats-range">
          <bdi>{range}</bdi>
          {filtered.length ? ` · ${filtered.join(' · ')}` : ''}
        </p>
      </div>

      <Form
        method="get"
        className="grid gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label={t('stats.filters.legend')}
      >
        <Field id="stats-period" label={t('stats.filters.period')}>
          <select id="stats-period" name="period" defaultValue={values.period} className={inputClass}>
            {STATS_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`stats.periods.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="stats-from" label={t('stats.filters.from')}>
          <input id="stats-from" name="from" type="date" defaultValue={values.period === 'custom' ? values.from : ''} className={inputClass} />
        </Field>
        <Field id="stats-to" label={t('stats.filters.to')}>
          <input id="stats-to" name="to" type="date" defaultValue={values.period === 'custom' ? values.to : ''} className={inputClass} />
        </Field>
        <Field id="stats-by" label={t('stats.filters.by')}>
          <select id="stats-by" name="by" defaultValue={values.by} className={inputClass}>
            {STATS_GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`stats.granularities.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="stats-wilaya" label={t('stats.filters.wilaya')}>
          <select id="stats-wilaya" name="wilaya" defaultValue={values.wilaya} className={inputClass}>
            <option value="">{t('stats.filters.allWilayas')}</option>
            {wilayas.map((w) => (
              <option key={w.code} value={w.code}>
                {String(w.code).padStart(2, '0')} — {w.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="stats-category" label={t('stats.filters.category')}>
          <select id="stats-category" name="category" defaultValue={values.category} className={inputClass}>
            <option value="">{t('stats.filters.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="stats-producer" label={t('stats.filters.producer')}>
          <select id="stats-producer" name="producer" defaultValue={values.producer} className={inputClass}>
            <option value="">{t('stats.filters.allProducers')}</option>
            {PRODUCER_CATEGORIES.map((p) => (
              <option key={p} value={p}>
                {t(`producerCategory.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700">
            {t('stats.filters.apply')}
          </button>
          {query !== statsFilterQuery({ period: 'last30', by: 'auto' }) ? (
            <Link to="/admin/stats" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
              {t('stats.filters.reset')}
            </Link>
          ) : null}
        </div>
      </Form>

      <section aria-labelledby="stats-figures" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="stats-figures" className="text-lg font-bold">
            {t('stats.sections.figures')}
          </h2>
          <CsvLink href={csvHref('summary')} />
        </div>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="stats-figures">
          <Figure
            name="sales"
            label={t('stats.figures.sales')}
            value={money(f.sales)}
            hint={t('stats.figures.salesHint', { count: f.saleOrders, formatted: number.format(f.saleOrders) })}
          />
          <Figure name="placedOrders" label={t('stats.figures.placedOrders')} value={number.format(f.placedOrders)} />
          <Figure name="sellers" label={t('stats.figures.sellers')} value={number.format(f.sellers)} />
          <Figure name="activeShops" label={t('stats.figures.activeShops')} value={number.format(f.activeShops)} />
          <Figure name="deliveredShare" label={t('stats.figures.deliveredShare')} value={f.deliveredShare === null ? '—' : percent.format(f.deliveredShare)} />
          <Figure
            name="cancellationRate"
            label={t('stats.figures.cancellationRate')}
            value={f.cancellationRate === null ? '—' : percent.format(f.cancellationRate)}
          />
          <Figure name="commission" label={t('stats.figures.commission')} value={money(f.commission)} />
          <Figure
            name="payouts"
            label={t('stats.figures.payouts')}
            value={f.payoutsPaid === null ? t('stats.notAvailable') : money(f.payoutsPaid)}
            hint={t('stats.payoutsHint')}
            muted={f.payoutsPaid === null}
          />
          <Figure name="activeProducts" label={t('stats.figures.activeProducts')} value={number.format(f.activeProducts)} />
          <Figure name="newApplications" label={t('stats.figures.newApplications')} value={number.format(f.newApplications)} />
          <Figure
            name="averageDecision"
            label={t('stats.figures.averageDecisionHours')}
            value={f.averageDecisionHours === null ? '—' : t('stats.hours', { value: number.format(Math.round(f.averageDecisionHours * 10) / 10) })}
            hint={t('stats.figures.decidedHint', { formatted: number.format(f.decidedApplications) })}
          />
          <Figure name="returned" label={t('stats.figures.returnedOrders')} value={number.format(f.returnedOrders)} />
        </dl>
        <details className="rounded-2xl border border-stone-200 bg-white p-4 text-sm text-stone-700">
          <summary className="min-h-11 cursor-pointer py-2 font-medium">{t('stats.help.title')}</summary>
          <ul className="list-disc ps-5">
            {(['period', 'sales', 'orders', 'rates', 'commission', 'category', 'shops'] as const).map((key) => (
              <li key={key}>{t(`stats.help.${key}`)}</li>
            ))}
          </ul>
        </details>
      </section>

      <Section id="time" title={t('stats.sections.time')} csv={csvHref('time')}>
        <p className="text-sm text-stone-600">{t(`stats.granularities.${granularity}`)}</p>
        <TimeChart rows={stats.overTime} granularity={granularity} language={language} />
        <DataTable
          caption={t('stats.sections.time')}
          columns={[t('stats.columns.period'), t('stats.columns.orders'), t('stats.columns.sales')]}
          rows={stats.overTime
            .filter((r) => r.orders || r.sales)
            .map((r) => [bucketLabel(r.bucket, granularity, language), number.format(r.orders), money(r.sales)])}
          collapsed
        />
      </Section>

      <Section id="producer" title={t('stats.sections.producer')} csv={csvHref('producer')}>
        <BarList
          rows={stats.byProducer.map((r) => ({ key: r.category, label: t(`producerCategory.${r.category}`), value: r.sales, display: money(r.sales) }))}
        />
        <DataTable
          caption={t('stats.sections.producer')}
          testId="table-producer"
          columns={[
            t('stats.columns.producerCategory'),
            t('stats.columns.activeShops'),
            t('stats.columns.sellers'),
            t('stats.columns.orders'),
            t('stats.columns.sales'),
          ]}
          rows={stats.byProducer.map((r) => [
            t(`producerCategory.${r.category}`),
            number.format(r.shops),
            number.format(r.sellers),
            number.format(r.orders),
            money(r.sales),
          ])}
        />
      </Section>

      <Section id="wilaya" title={t('stats.sections.wilaya')} csv={csvHref('wilaya')}>
        <WilayaTileMap
          label={t('stats.map.label')}
          rows={stats.byWilaya.map((r) => ({ code: r.code, name: r.name, value: r.sales, display: money(r.sales) }))}
          formatLegend={money}
        />
        <BarList rows={stats.byWilaya.slice(0, 15).map((r) => ({ key: String(r.code), label: r.name, value: r.sales, display: money(r.sales) }))} />
        <DataTable
          caption={t('stats.sections.wilaya')}
          testId="table-wilaya"
          columns={[t('stats.columns.wilaya'), t('stats.columns.activeShops'), t('stats.columns.sellers'), t('stats.columns.orders'), t('stats.columns.sales')]}
          rows={stats.byWilaya.map((r) => [r.name, number.format(r.shops), number.format(r.sellers), number.format(r.orders), money(r.sales)])}
          collapsed={stats.byWilaya.length > 8}
        />
      </Section>

      <Section id="category" title={t('stats.sections.category')} csv={csvHref('category')}>
        <BarList rows={stats.byCategory.map((r) => ({ key: r.id, label: r.name, value: r.sales, display: money(r.sales) }))} />
        <DataTable
          caption={t('stats.sections.category')}
          columns={[t('stats.columns.category'), t('stats.columns.orders'), t('stats.columns.sales')]}
          rows={stats.byCategory.map((r) => [r.name, number.format(r.orders), money(r.sales)])}
          collapsed
        />
      </Section>

      <Section id="status" title={t('stats.sections.status')} csv={csvHref('status')}>
        <DataTable
          caption={t('stats.sections.status')}
          testId="table-status"
          columns={[t('stats.columns.status'), t('stats.columns.orders'), t('stats.columns.amount')]}
          rows={stats.byStatus.map((r) => [t(`orders.status.${r.status}`), number.format(r.orders), money(r.amount)])}
        />
      </Section>

      {/* Issue 22: what the ministry reports — the last 12 months, whatever the filters above. */}
      <section aria-labelledby="impact-heading" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="impact-heading" className="text-lg font-bold">{t('impactStats.title')}</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {[
            [t('impactStats.firstSale'), number.format(impact.producersWithFirstSale)],
            [t('impactStats.daysToFirstSale'), impact.medianDaysToFirstSale === null ? '—' : number.format(impact.medianDaysToFirstSale)],
            [t('impactStats.payoutHours'), impact.medianPayoutHours === null ? '—' : number.format(impact.medianPayoutHours)],
            [t('impactStats.assisted'), number.format(impact.assisted)],
            [t('impactStats.independent'), number.format(impact.independent)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-xl bg-stone-50 p-3">
              <dt className="text-sm text-stone-600">{label}</dt>
              <dd className="text-xl font-bold">{value}</dd>
            </div>
          ))}
        </dl>
        <DataTable
          caption={t('impactStats.womenIncome')}
          columns={[t('impactStats.month'), t('stats.columns.wilaya'), t('impactStats.paid')]}
          rows={impact.womenIncome.map((r) => [r.month, wilayas.find((w) => w.code === r.wilayaCode)?.name ?? String(r.wilayaCode), money(r.paid)])}
        />
      </section>
    </div>
  )
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  )
}

function CsvLink({ href }: { href: string }) {
  const { t } = useTranslation()
  // A plain <a>: the CSV is a file from a resource route, not a page for the client router.
  return (
    <a
      href={href}
      download
      className="inline-flex min-h-11 items-center rounded-full border border-brand-600 px-4 text-sm font-semibold text-brand-700 hover:bg-brand-50"
    >
      {t('stats.downloadCsv')}
    </a>
  )
}

function Figure({ name, label, value, hint, muted }: { name: string; label: string; value: string; hint?: string; muted?: boolean }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-3" data-testid={`figure-${name}`}>
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className={`text-xl font-bold break-words ${muted ? 'text-stone-500' : 'text-brand-700'}`}>{value}</dd>
      {hint ? <dd className="text-xs text-stone-500">{hint}</dd> : null}
    </div>
  )
}

function Section({ id, title, csv, children }: { id: string; title: string; csv: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`stats-${id}`} className="flex min-w-0 flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`stats-${id}`} className="text-lg font-bold">
          {title}
        </h2>
        <CsvLink href={csv} />
      </div>
      {children}
    </section>
  )
}

/** Horizontal bars in HTML: they grow from the inline-start side, so from the right in Arabic. */
function BarList({ rows }: { rows: { key: string; label: string; value: number; display: string }[] }) {
  const { t } = useTranslation()
  const max = Math.max(0, ...rows.map((r) => r.value))
  if (!rows.length || max === 0) return <p className="text-sm text-stone-600">{t('stats.noSales')}</p>
  return (
    <ul className="flex flex-col gap-2" aria-hidden="true">
      {rows.map((r) => (
        <li key={r.key} className="flex min-w-0 flex-col gap-0.5 text-sm">
          <span className="flex justify-between gap-2">
            <span className="truncate">{r.label}</span>
            <span className="shrink-0 font-medium tabular-nums">{r.display}</span>
          </span>
          <span className="block h-3 rounded-full bg-stone-100">
            <span className="block h-3 rounded-full bg-brand-600" style={{ inlineSize: `${Math.max(1, (r.value / max) * 100)}%` }} />
          </span>
        </li>
      ))}
    </ul>
  )
}

function bucketLabel(bucket: string, granularity: string, language: Language) {
  return formatAlgeriaDay(bucket, language, granularity === 'month' ? 'shortMonthYear' : 'dayMonth')
}

/**
 * Sales per day/week/month as SVG columns, with the number of orders as a line. Time runs from the
 * inline-start side: right to left in Arabic.
 */
function TimeChart({ rows, granularity, language }: { rows: Data['stats']['overTime']; granularity: string; language: Language }) {
  const { t } = useTranslation()
  const rtl = textDirection(language) === 'rtl'
  const width = 600
  const height = 180
  const top = 10
  const bottom = 4
  const plot = height - top - bottom
  const maxSales = Math.max(0, ...rows.map((r) => r.sales))
  const maxOrders = Math.max(0, ...rows.map((r) => r.orders))
  if (!rows.length || (maxSales === 0 && maxOrders === 0)) return <p className="text-sm text-stone-600">{t('stats.noSales')}</p>
  const step = width / rows.length
  const x = (i: number) => (rtl ? width - (i + 1) * step : i * step)
  const number = new Intl.NumberFormat(intlLocale(language))
  const points = rows.map((r, i) => `${(x(i) + step / 2).toFixed(1)},${(top + plot - (maxOrders ? (r.orders / maxOrders) * plot : 0)).toFixed(1)}`).join(' ')
  const labelled = [0, Math.floor((rows.length - 1) / 2), rows.length - 1].filter((v, i, a) => a.indexOf(v) === i)
  return (
    <figure className="flex w-full max-w-3xl flex-col gap-2">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={t('stats.sections.time')}>
        <line x1="0" x2={width} y1={top + plot} y2={top + plot} className="stroke-stone-300" />
        {rows.map((r, i) => {
          const h = maxSales ? (r.sales / maxSales) * plot : 0
          return (
            <rect key={r.bucket} x={x(i) + step * 0.15} width={Math.max(1, step * 0.7)} y={top + plot - h} height={h} rx="2" className="fill-brand-600">
              <title>{`${bucketLabel(r.bucket, granularity, language)}: ${formatDzd(r.sales, language)} · ${number.format(r.orders)}`}</title>
            </rect>
          )
        })}
        <polyline points={points} fill="none" strokeWidth="2" className="stroke-amber-500" />
      </svg>
      {/* Axis labels in HTML: readable at any width; in RTL the first period sits on the right, under its column. */}
      <div className="flex justify-between gap-2 text-xs text-stone-600" aria-hidden="true">
        {labelled.map((i) => (
          <span key={i}>{bucketLabel(rows[i]!.bucket, granularity, language)}</span>
        ))}
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-stone-600">
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm bg-brand-600" /> {t('stats.columns.sales')} ({t('stats.max')} {formatDzd(maxSales, language)})
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-0.5 w-4 bg-amber-500" /> {t('stats.columns.orders')} ({t('stats.max')} {number.format(maxOrders)})
        </span>
      </figcaption>
    </figure>
  )
}

function DataTable({
  caption,
  columns,
  rows,
  collapsed,
  testId,
}: {
  caption: string
  columns: string[]
  rows: string[][]
  collapsed?: boolean
  testId?: string
}) {
  const { t } = useTranslation()
  const table = (
    <div className="overflow-x-auto">
      <table className="w-full text-xs sm:text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-50 text-stone-700">
          <tr>
            {columns.map((c, i) => (
              <th key={c} scope="col" className={`px-1 py-2 font-semibold sm:px-2 ${i === 0 ? 'text-start' : 'text-end'}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-2 text-stone-600">
                {t('stats.empty')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row" className="px-1 py-2 text-start font-medium sm:px-2">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="px-1 py-2 text-end whitespace-nowrap tabular-nums sm:px-2">
                      {cell}
                    </td>
                  )
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
  if (!collapsed) return table
  return (
    <details className="text-sm">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">{t('stats.showTable')}</summary>
      {table}
    </details>
  )
}
