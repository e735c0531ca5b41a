import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { useOrderDates } from '~/components/orders'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'

/** Ledger entries in words: what each one is, the order or transfer behind it, and its signed amount. */
type EntryView = {
  id: string
  kind: 'sale' | 'commission' | 'refund' | 'payout' | 'adjustment'
  amount: number
  availableAt: Date | string
  createdAt: Date | string
  orderId: string | null
  orderNumber: string | null
  payoutReference: string | null
  note: string | null
}

export function LedgerEntries({
  title,
  entries,
  language,
  showRelease = false,
}: {
  title: string
  entries: EntryView[]
  language: Language
  showRelease?: boolean
}) {
  const { t } = useTranslation()
  const date = useOrderDates(language)
  return (
    <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-label={title}>
      <h2 className="mb-2 font-semibold">{title}</h2>
      {entries.length === 0 ? (
        <p className="text-stone-600">{t('ledger.empty')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100">
          {entries.map((e) => (
            <li key={e.id} className="flex items-start justify-between gap-3 py-2" data-entry-kind={e.kind}>
              <div className="flex min-w-0 flex-col gap-0.5">
                <span className="font-medium">{t(`ledger.kinds.${e.kind}`)}</span>
                <span className="text-xs text-stone-600">
                  {e.orderNumber && e.orderId ? (
                    <Link to={`/dashboard/orders/${e.orderId}`} className="inline-flex min-h-11 min-w-11 items-center justify-center px-1 text-brand-700 underline" dir="ltr">
                      {e.orderNumber}
                    </Link>
                  ) : null}
                  {e.orderNumber ? ' · ' : ''}
                  {date(e.createdAt)}
                </span>
                {showRelease ? <span className="text-xs text-amber-900">{t('ledger.availableOn', { date: date(e.availableAt) })}</span> : null}
                {e.payoutReference ? (
                  <span className="text-xs text-stone-600">
                    {t('payouts.reference')} <bdi dir="ltr">{e.payoutReference}</bdi>
                  </span>
                ) : null}
                {e.note ? (
                  <span className="text-xs text-stone-700" dir="auto">
                    {e.note}
                  </span>
                ) : null}
              </div>
              <span className={`shrink-0 font-semibold whitespace-nowrap tabular-nums ${e.amount < 0 ? 'text-red-800' : 'text-brand-800'}`}>
                <bdi>
                  {e.amount > 0 ? '+' : ''}
                  {formatDzd(e.amount, language)}
                </bdi>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
