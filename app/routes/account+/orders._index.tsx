import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { OrderList } from '~/components/orders'
import { listOrders } from '~/modules/orders/orders.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const before = new URL(request.url).searchParams.get('before')
  const [list, language] = await Promise.all([listOrders(await getDb(), { kind: 'buyer', userId: user.id }, { before }), getLanguage(request)])
  return { ...list, language }
}

export default function BuyerOrdersPage() {
  const { orders, nextCursor, language } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('orders.mine')}</h1>
      {orders.length === 0 ? (
        <p className="text-stone-600">{t('orders.noneYet')}</p>
      ) : (
        <OrderList orders={orders} language={language} hrefBase="/account/orders" show="shop" />
      )}
      {nextCursor ? (
        <Link to={`?before=${nextCursor}`} className="inline-flex min-h-11 items-center self-center text-brand-700 underline">
          {t('orders.older')}
        </Link>
      ) : null}
    </div>
  )
}
