import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { formatAlgeriaDate, formatAlgeriaDay } from '~/utils/dates'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'

const statusTone: Record<string, string> = {
  awaiting_payment: 'bg-stone-100 text-stone-800',
  pending: 'bg-amber-100 text-amber-900',
  confirmed: 'bg-sky-100 text-sky-900',
  shipped: 'bg-indigo-100 text-indigo-900',
  delivered: 'bg-emerald-100 text-emerald-900',
  cancelled: 'bg-red-100 text-red-900',
  returned: 'bg-stone-200 text-stone-800',
}

export function OrderStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <span className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${statusTone[status] ?? ''}`}>{t(`orders.status.${status}`)}</span>
}

/** The top of an order's page, for buyer, producer and staff alike: the way back, the number and the status. */
export function OrderPageHeader({ backTo, backLabel, number, status }: { backTo: string; backLabel: string; number: string; status: string }) {
  return (
    <>
      <Link to={backTo} className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {backLabel}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" dir="ltr">
          {number}
        </h1>
        <OrderStatusBadge status={status} />
      </div>
    </>
  )
}

/** Order lists filtered by status, one pill per tab; `hrefFor` is each tab's link. */
export function OrderStatusTabs<Tab extends string>({ tabs, current, hrefFor }: { tabs: readonly Tab[]; current: Tab; hrefFor: (tab: Tab) => string }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('orders.filter')} className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1">
      {tabs.map((name) => (
        <Link
          key={name}
          to={hrefFor(name)}
          aria-current={current === name ? 'page' : undefined}
          className={`inline-flex min-h-11 shrink-0 items-center rounded-full border px-4 text-sm font-medium ${
            current === name ? 'border-brand-600 bg-brand-600 text-white' : 'border-stone-300 bg-white'
          }`}
        >
          {name === 'all' ? t('orders.all') : t(`orders.status.${name}`)}
        </Link>
      ))}
    </nav>
  )
}

/** The promised ready date of made-to-order pieces (decision 031), while the order is still on its way. */
export function OrderReadyOn({ readyOn, status, language }: { readyOn: string | null; status: string; language: Language }) {
  const { t } = useTranslation()
  if (!readyOn || ['cancelled', 'delivered', 'returned'].includes(status)) return null
  return (
    <p className="text-sm font-medium text-stone-800" data-testid="order-ready-on">
      {t('orders.readyOn', { date: formatAlgeriaDay(readyOn, language) })}
    </p>
  )
}

export function useOrderDates(language: Language) {
  return (value: string | Date) => formatAlgeriaDate(value, language)
}

type ListedOrder = {
  id: string
  number: string
  status: string
  total: number
  createdAt: string | Date
  shopName: string
  shipName: string
  itemCount: number
}

/** A list of orders as tappable cards; `hrefBase` is where each opens (`/account/orders`, `/dashboard/orders`). */
export function OrderList({ orders, language, hrefBase, show }: { orders: ListedOrder[]; language: Language; hrefBase: string; show: 'shop' | 'buyer' }) {
  const { t } = useTranslation()
  const date = useOrderDates(language)
  return (
    <ul className="flex flex-col gap-2">
      {orders.map((order) => (
        <li key={order.id}>
          <Link to={`${hrefBase}/${order.id}`} className="flex flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4 hover:border-brand-600">
            <span className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-semibold" dir="ltr">
                {order.number}
              </span>
              <OrderStatusBadge status={order.status} />
            </span>
            <span className="text-sm text-stone-700" dir="auto">
              {show === 'shop' ? order.shopName : order.shipName}
            </span>
            <span className="flex flex-wrap justify-between gap-2 text-sm text-stone-600">
              <span>
                {date(order.createdAt)} · {t('cart.items', { count: order.itemCount })}
              </span>
              <span className="font-semibold text-stone-900">{formatDzd(order.total, language)}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

type DetailItem = { id: string; title: string; variantLabel?: string | null; unitPrice: number; quantity: number; lineTotal: number }

export function OrderLines({
  items,
  subtotal,
  shippingFee,
  total,
  language,
}: {
  items: DetailItem[]
  subtotal: number
  shippingFee: number
  total: number
  language: Language
}) {
  const { t } = useTranslation()
  const money = (c: number) => formatDzd(c, language)
  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-col gap-1">
        {items.map((item) => (
          <li key={item.id} className="flex justify-between gap-3">
            <span className="min-w-0 break-words" dir="auto">
              {item.title}
              {item.variantLabel ? <span className="text-stone-700"> ({item.variantLabel})</span> : null} <span className="text-stone-600">× {item.quantity}</span>
            </span>
            <span className="shrink-0">{money(item.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 border-t border-stone-200 pt-2 text-sm">
        <dt>{t('cart.subtotal')}</dt>
        <dd className="text-end">{money(subtotal)}</dd>
        <dt>{t('cart.shipping')}</dt>
        <dd className="text-end">{money(shippingFee)}</dd>
        <dt className="text-base font-bold">{t('cart.total')}</dt>
        <dd className="text-end text-base font-bold">{money(total)}</dd>
      </dl>
    </div>
  )
}

type HistoryEvent = { id: string; fromStatus: string | null; toStatus: string; note: string | null; step?: string | null; createdAt: string | Date }

export function OrderHistory({ events, language }: { events: HistoryEvent[]; language: Language }) {
  const { t } = useTranslation()
  const date = useOrderDates(language)
  return (
    <ol className="flex flex-col gap-2 border-s-2 border-stone-200 ps-4">
      {events.map((event) => (
        <li key={event.id} className="flex flex-col">
          <span className="font-medium">{event.step ? t(`delivery.steps.${event.step}`) : t(`orders.status.${event.toStatus}`)}</span>
          <time className="text-xs text-stone-600" dateTime={new Date(event.createdAt).toISOString()}>
            {date(event.createdAt)}
          </time>
          {event.note ? (
            <span className="text-sm whitespace-pre-line text-stone-700" dir="auto">
              {event.note}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
