import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { OrderList, OrderStatusTabs } from '~/components/orders'
import { isOrderStatus, listOrders } from '~/modules/orders/orders.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

const TABS = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'all'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const url = new URL(request.url)
  const requested = url.searchParams.get('status')
  // New orders, the ones waiting for the producer, come first.
  const status = requested === 'all' ? null : isOrderStatus(requested) ? requested : 'pending'
  const [list, language] = await Promise.all([
    listOrders(await getDb(), { kind: 'shop', shopId: shop.id }, { status, before: url.searchParams.get('before') }),
    getLanguage(request),
  ])
  return { ...list, language, tab: status ?? 'all' }
}

export default function ShopOrdersPage() {
  const { orders, nextCursor, language, tab } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('orders.shopTitle')}</h1>
      <OrderStatusTabs tabs={TABS} current={tab} hrefFor={(name) => `?status=${name}`} />
      {orders.length === 0 ? (
        <p className="text-stone-600">{t('orders.noneHere')}</p>
      ) : (
        <OrderList orders={orders} language={language} hrefBase="/dashboard/orders" show="buyer" />
      )}
      {nextCursor ? (
        <Link to={`?status=${tab}&before=${nextCursor}`} className="inline-flex min-h-11 items-center self-center text-brand-700 underline">
          {t('orders.older')}
        </Link>
      ) : null}
    </div>
  )
}
