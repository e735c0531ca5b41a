import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Invoice } from '~/components/invoice'
import { PrintButton } from '~/components/print-button'
import { getOrder } from '~/modules/orders/orders.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { invariantResponse } from '~/utils/responses'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const language = await getLanguage(request)
  const order = await getOrder(await getDb(), { kind: 'shop', shopId: shop.id }, params.orderId ?? '', language)
  invariantResponse(order, 'Not found', { status: 404 })
  return { order, language }
}

export default function PackingSlipPage() {
  const { order, language } = useLoaderData<typeof loader>()
  return (
    <div className="flex flex-col gap-3">
      <PrintButton />
      <Invoice order={order.order} shop={order.shop} shopPlace={order.shopPlace} shipPlace={order.shipPlace} items={order.items} language={language} slip />
    </div>
  )
}
