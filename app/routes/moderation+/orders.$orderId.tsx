import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { OrderHistory, OrderLines, OrderPageHeader, useOrderDates } from '~/components/orders'
import { getOrder } from '~/modules/orders/orders.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['moderator', 'admin'])
  const language = await getLanguage(request)
  const order = await getOrder(await getDb(), { kind: 'staff' }, params.orderId ?? '', language)
  invariantResponse(order, 'Not found', { status: 404 })
  return { order, language }
}

export default function StaffOrderPage() {
  const { order: detail, language } = useLoaderData<typeof loader>()
  const { order, shop, buyer, items, events } = detail
  const { t } = useTranslation()
  const date = useOrderDates(language)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <OrderPageHeader backTo="/moderation/orders" backLabel={t('orders.backToAll')} number={order.number} status={order.status} />
      <p className="text-sm text-stone-600">{t('orders.placedOn', { date: date(order.createdAt) })}</p>
      <section className="grid gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-2">
        <div>
          <h2 className="text-sm font-semibold text-stone-600">{t('orders.seller')}</h2>
          <Link to={`/moderation/shops/${shop.id}`} className="text-brand-700 underline" dir="auto">
            {shop.name}
          </Link>
        </div>
        <div>
          <h2 className="text-sm font-semibold text-stone-600">{t('orders.buyer')}</h2>
          <p dir="auto">{buyer.name}</p>
          <p className="text-sm">
            <bdi>{buyer.email}</bdi>
          </p>
          <p className="text-sm">{detail.shipPlace}</p>
        </div>
      </section>
      <section className="rounded-2xl border border-stone-200 bg-white p-4">
        <OrderLines items={items} subtotal={order.subtotal} shippingFee={order.shippingFee} total={order.total} language={language} />
        <p className="mt-2 text-sm">
          {t(`orders.payment.${order.paymentMethod}`)} · {t('orders.commission', { bps: (order.commissionBps / 100).toFixed(1) })}
        </p>
      </section>
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="history">
        <h2 id="history" className="mb-2 font-semibold">
          {t('orders.history')}
        </h2>
        <OrderHistory events={events} language={language} />
      </section>
    </div>
  )
}
