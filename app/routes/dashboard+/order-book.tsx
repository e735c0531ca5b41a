import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { getOrderBook } from '~/modules/orders/capacity.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { algeriaDay, formatAlgeriaDay } from '~/utils/dates'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

// The producer's order book for made-to-order pieces: per week from this one, the pieces promised
// and the orders they belong to (decision 031).
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  return { weeks: await getOrderBook(db, shop.id, algeriaDay(new Date())), language }
}

export default function OrderBookPage() {
  const { weeks, language } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('orderBook.title')}</h1>
      <p className="text-sm text-stone-600">{t('orderBook.intro')}</p>
      {weeks.length === 0 ? <p className="text-stone-600">{t('orderBook.empty')}</p> : null}
      <ul className="flex flex-col gap-3" data-testid="order-book">
        {weeks.map((week) => (
          <li key={week.weekStart} className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-semibold">{t('orderBook.week', { date: formatAlgeriaDay(week.weekStart, language) })}</h2>
              <p className="text-sm font-medium text-brand-800">{t('orderBook.pieces', { count: week.pieces })}</p>
            </div>
            <ul className="flex flex-col divide-y divide-stone-100 text-sm">
              {week.orders.map((order) => (
                <li key={order.id} className="flex flex-wrap items-center justify-between gap-2 py-1">
                  <Link to={`/dashboard/orders/${order.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline" dir="ltr">
                    {order.number}
                  </Link>
                  <span>{t('orderBook.pieces', { count: order.pieces })}</span>
                  {order.readyOn ? <span className="text-stone-600">{t('orderBook.readyOn', { date: formatAlgeriaDay(order.readyOn, language) })}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  )
}
