import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { OrderList, OrderStatusTabs } from '~/components/orders'
import { listOrders } from '~/modules/orders/orders.server'
import { isOrderStatus, ORDER_STATUSES } from '~/modules/orders/statuses'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

// Every order of the platform, read-only: moderators follow disputes, they do not move orders.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['moderator', 'admin'])
  const url = new URL(request.url)
  const requested = url.searchParams.get('status')
  const status = isOrderStatus(requested) ? requested : null
  const [list, language] = await Promise.all([
    listOrders(await getDb(), { kind: 'staff' }, { status, before: url.searchParams.get('before') }),
    getLanguage(request),
  ])
  return { ...list, language, tab: status ?? 'all' }
}

export default function AllOrdersPage() {
  const { orders, nextCursor, language, tab } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('orders.allTitle')}</h1>
      <OrderStatusTabs tabs={['all', ...ORDER_STATUSES] as const} current={tab} hrefFor={(name) => (name === 'all' ? '?' : `?status=${name}`)} />
      {orders.length === 0 ? (
        <p className="text-stone-600">{t('orders.noneHere')}</p>
      ) : (
        <OrderList orders={orders} language={language} hrefBase="/moderation/orders" show="shop" />
      )}
      {nextCursor ? (
        <Link
          to={`?${tab === 'all' ? '' : `status=${tab}&`}before=${nextCursor}`}
          className="inline-flex min-h-11 items-center self-center text-brand-700 underline"
        >
          {t('orders.older')}
        </Link>
      ) : null}
    </div>
  )
}
