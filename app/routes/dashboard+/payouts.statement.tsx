import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { useOrderDates } from '~/components/orders'
import { PrintButton } from '~/components/print-button'
import { requireProducerShop } from '~/modules/shops/access.server'
import { monthParam } from '~/modules/payouts/schemas'
import { getStatement, monthBounds } from '~/modules/payouts/statement.server'
import { algeriaMonth, formatAlgeriaDay } from '~/utils/dates'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { invariantResponse } from '~/utils/responses'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  // The producer's money and payout account: hers alone, a facilitator acting for her gets 403 (decision 021).
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const month = monthParam(new URL(request.url).searchParams.get('month')) ?? algeriaMonth(new Date())
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const statement = await getStatement(db, shop.id, month)
  invariantResponse(statement, 'Not found', { status: 404 })
  const bounds = monthBounds(month)!
  return {
    statement,
    language,
    shop: { name: shop.name, nif: shop.nif, payoutMethod: shop.payoutMethod, payoutAccount: shop.payoutAccount },
    previous: bounds.previous,
    next: bounds.next <= algeriaMonth(new Date()) ? bounds.next : null,
  }
}

export default function StatementPage() {
  const { statement, language, shop, previous, next } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const date = useOrderDates(language)
  const dzd = (c: number) => formatDzd(c, language)
  const monthName = formatAlgeriaDay(statement.month, language, 'monthYear')
  const lines = [
    ['opening', statement.opening],
    ['sales', statement.sales],
    ['commission', statement.commission],
    ['refunds', statement.refunds],
    ['adjustments', statement.adjustments],
    ['payouts', statement.payouts],
  ] as const
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4 print:max-w-none">
      <nav className="flex flex-wrap items-center gap-3 print:hidden">
        <Link to="/dashboard/payouts" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          {t('payouts.back')}
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">{t('payouts.statement.title', { month: monthName })}</h1>
      <p className="text-sm text-stone-700">
        {shop.name}
        {shop.nif ? (
          <>
            {' · '}
            {t('payouts.statement.nif')} <bdi dir="ltr">{shop.nif}</bdi>
          </>
        ) : null}
      </p>
      <div className="flex flex-wrap gap-2 print:hidden">
        <Link to={`?month=${previous}`} className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm">
          {t('payouts.statement.previous')}
        </Link>
        {next ? (
          <Link to={`?month=${next}`} className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm">
            {t('payouts.statement.next')}
          </Link>
        ) : null}
        <PrintButton />
        <a
          href={`/dashboard/payouts/statement.csv?month=${statement.month}`}
          className="inline-flex min-h-11 items-center rounded-full border border-brand-600 px-4 text-sm font-medium text-brand-700"
          download
        >
          {t('payouts.statement.csv')}
        </a>
      </div>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="summary">
        <h2 id="summary" className="mb-2 font-semibold">
          {t('payouts.statement.summary')}
        </h2>
        <dl className="flex flex-col divide-y divide-stone-100" data-testid="statement-summary">
          {lines.map(([key, amount]) => (
            <div key={key} className="flex items-center justify-between gap-3 py-2" data-line={key}>
              <dt>{t(`payouts.statement.lines.${key}`)}</dt>
              <dd className="font-medium whitespace-nowrap tabular-nums">
                <bdi>{dzd(amount)}</bdi>
              </dd>
            </div>
          ))}
          <div className="flex items-center justify-between gap-3 py-2 text-lg font-bold" data-line="closing">
            <dt>{t('payouts.statement.lines.closing')}</dt>
            <dd className="whitespace-nowrap tabular-nums">
              <bdi>{dzd(statement.closing)}</bdi>
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-stone-600">{t('payouts.statement.explain')}</p>
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="movements">
        <h2 id="movements" className="mb-2 font-semibold">
          {t('payouts.statement.movements')}
        </h2>
        {statement.entries.length === 0 ? (
          <p className="text-stone-600">{t('ledger.empty')}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-stone-200 text-start text-stone-600">
                <th className="py-1 text-start font-medium">{t('payouts.statement.columns.what')}</th>
                <th className="py-1 ps-3 text-end font-medium">{t('payouts.statement.columns.amount')}</th>
                <th className="py-1 ps-3 text-end font-medium">{t('payouts.statement.columns.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {statement.entries.map((e) => (
                <tr key={e.id} className="border-b border-stone-100 align-top">
                  <td className="py-1.5">
                    <div>{t(`ledger.kinds.${e.kind}`)}</div>
                    <div className="text-xs text-stone-600">
                      {e.orderNumber ? (
                        <>
                          <bdi dir="ltr">{e.orderNumber}</bdi>
                          {' · '}
                        </>
                      ) : null}
                      {e.payoutReference ? (
                        <>
                          <bdi dir="ltr">{e.payoutReference}</bdi>
                          {' · '}
                        </>
                      ) : null}
                      {date(e.createdAt)}
                    </div>
                  </td>
                  <td className="py-1.5 ps-3 text-end whitespace-nowrap tabular-nums">
                    <bdi>{dzd(e.amount)}</bdi>
                  </td>
                  <td className="py-1.5 ps-3 text-end whitespace-nowrap tabular-nums">
                    <bdi>{dzd(e.balance)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
