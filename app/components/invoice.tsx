import { useTranslation } from '~/utils/translate'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'
import { localPhone } from '~/modules/accounts/schemas'
import { OrderLines, useOrderDates } from './orders'

type InvoiceOrder = {
  number: string
  createdAt: string | Date
  paymentMethod: string
  deliveryMode: string
  shipName: string
  shipPhone: string
  shipStreet: string
  subtotal: number
  shippingFee: number
  total: number
}
type InvoiceShop = { name: string; phone: string | null; artisanCardNumber: string | null; tradeRegisterNumber: string | null; nif: string | null }
type InvoiceItem = { id: string; title: string; variantLabel?: string | null; unitPrice: number; quantity: number; lineTotal: number }

/**
 * The invoice law 18-05 asks for: number, date, the seller's registration numbers and NIF, the
 * lines, shipping and total, the payment method. Also the producer's packing slip (`slip`), which
 * adds the buyer's phone for the courier.
 */
export function Invoice({
  order,
  shop,
  shopPlace,
  shipPlace,
  items,
  language,
  slip = false,
}: {
  order: InvoiceOrder
  shop: InvoiceShop
  shopPlace: string | null
  shipPlace: string
  items: InvoiceItem[]
  language: Language
  slip?: boolean
}) {
  const { t } = useTranslation()
  const date = useOrderDates(language)
  return (
    <article className="mx-auto flex max-w-2xl flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-5 print:border-0 print:p-0">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-200 pb-3">
        <div>
          <p className="text-xl font-bold text-brand-800">{t('brand.name')}</p>
          <h1 className="text-lg font-semibold">{t(slip ? 'orders.slipTitle' : 'orders.invoiceTitle')}</h1>
        </div>
        <dl className="text-sm">
          <dt className="inline text-stone-600">{t('orders.number')}: </dt>
          <dd className="inline font-semibold" dir="ltr">
            {order.number}
          </dd>
          <br />
          <dt className="inline text-stone-600">{t('orders.date')}: </dt>
          <dd className="inline">{date(order.createdAt)}</dd>
        </dl>
      </header>
      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="seller">
          <h2 id="seller" className="mb-1 text-sm font-semibold text-stone-600">
            {t('orders.seller')}
          </h2>
          <p className="font-semibold" dir="auto">
            {shop.name}
          </p>
          {shopPlace ? <p>{shopPlace}</p> : null}
          {shop.artisanCardNumber ? <p className="text-sm">{t('orders.artisanCard', { value: shop.artisanCardNumber })}</p> : null}
          {shop.tradeRegisterNumber ? <p className="text-sm">{t('orders.tradeRegister', { value: shop.tradeRegisterNumber })}</p> : null}
          <p className="text-sm">{t('orders.nif', { value: shop.nif ?? '—' })}</p>
        </section>
        <section aria-labelledby="buyer">
          <h2 id="buyer" className="mb-1 text-sm font-semibold text-stone-600">
            {t('orders.buyer')}
          </h2>
          <p className="font-semibold" dir="auto">
            {order.shipName}
          </p>
          <p dir="auto">{order.shipStreet}</p>
          <p>{shipPlace}</p>
          {slip ? (
            <p dir="ltr" className="text-start font-semibold">
              {localPhone(order.shipPhone)}
            </p>
          ) : null}
          <p className="text-sm text-stone-600">{t(`cart.modes.${order.deliveryMode}`)}</p>
        </section>
      </div>
      <OrderLines items={items} subtotal={order.subtotal} shippingFee={order.shippingFee} total={order.total} language={language} />
      <p className="text-sm">
        {t(`orders.payment.${order.paymentMethod}`)}
        {slip && order.paymentMethod === 'cod' ? ` — ${t('orders.collect', { total: formatDzd(order.total, language) })}` : null}
      </p>
      <p className="text-xs text-stone-500">{t('orders.invoiceFooter')}</p>
    </article>
  )
}
