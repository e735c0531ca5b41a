import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { getCheckoutSummary } from '~/modules/orders/checkout.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireUser } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const checkoutId = new URL(request.url).searchParams.get('checkout') ?? ''
  const summary = await getCheckoutSummary(await getDb(), checkoutId, user.id)
  // Someone else's checkout id reads as not found.
  invariantResponse(summary, 'Not found', { status: 404 })
  return { summary, language: await getLanguage(request) }
}

export default function CheckoutDonePage() {
  const { summary, language } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('checkout.done.title')}</h1>
      <p>
        {summary.paymentMethod === 'cod'
          ? t('checkout.done.cod')
          : summary.orders.some((o) => o.status === 'awaiting_payment')
          ? t('checkout.done.cardPending')
          : t('checkout.done.card')}
      </p>
      <ul className="flex flex-col gap-2">
        {summary.orders.map((order) => (
          <li key={order.id}>
            <Link
              to={`/account/orders/${order.id}`}
              className="flex min-h-12 flex-wrap items-center justify-between gap-2 rounded-2xl border border-stone-200 bg-white p-4 hover:border-brand-600"
            >
              <span className="font-semibold" dir="ltr">
                {order.number}
              </span>
              <span dir="auto">{order.shopName}</span>
              <span className="font-semibold">{formatDzd(order.total, language)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-lg font-bold">{t('checkout.done.total', { total: formatDzd(summary.total, language) })}</p>
      <Link
        to="/account/orders"
        className="flex min-h-12 items-center justify-center rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700"
      >
        {t('checkout.done.myOrders')}
      </Link>
    </div>
  )
}
