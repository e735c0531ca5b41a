import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { getCheckoutSummary } from '~/modules/orders/checkout.server'
import { cancelUnpaidOrders } from '~/modules/payments/card-checkout.server'
import { getOpenPaymentUrl } from '~/modules/payments/payments.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { requireUser } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'
import { createToastHeader } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

// Where the payment provider (Stripe, Chargily) sends a buyer who left the payment page. Nothing changes on a GET: the orders
// stay reserved until the buyer cancels here, pays after all, or the session expires.
async function load(request: Request) {
  const user = await requireUser(request)
  const checkoutId = new URL(request.url).searchParams.get('checkout') ?? ''
  const db = await getDb()
  const summary = await getCheckoutSummary(db, checkoutId, user.id)
  invariantResponse(summary, 'Not found', { status: 404 })
  return { user, db, summary }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, summary } = await load(request)
  const waiting = summary.orders.some((o) => o.status === 'awaiting_payment')
  return { checkoutId: summary.id, waiting, payUrl: waiting ? await getOpenPaymentUrl(db, summary.id) : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db, summary } = await load(request)
  await cancelUnpaidOrders(db, {
    orderIds: summary.orders.filter((o) => o.status === 'awaiting_payment').map((o) => o.id),
    actor: { kind: 'buyer', userId: user.id },
    buyerId: user.id,
    siteUrl: getEnv().APP_URL,
  })
  throw redirect('/cart', { headers: { 'Set-Cookie': await createToastHeader({ key: 'checkout.cancelled.done', type: 'info' }) } })
}

export default function PaymentCancelledPage() {
  const { waiting, payUrl } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('checkout.cancelled.title')}</h1>
      {waiting ? (
        <>
          <p>{t('checkout.cancelled.intro')}</p>
          {payUrl ? (
            <a href={payUrl} className="flex min-h-12 items-center justify-center rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700">
              {t('checkout.cancelled.payAgain')}
            </a>
          ) : null}
          <Form method="post">
            <button type="submit" className="min-h-12 w-full rounded-full border border-stone-300 bg-white px-6 font-semibold hover:bg-stone-50">
              {t('checkout.cancelled.cancelOrders')}
            </button>
          </Form>
        </>
      ) : (
        <p>{t('checkout.cancelled.nothingWaiting')}</p>
      )}
      <Link to="/account/orders" className="inline-flex min-h-11 items-center self-center text-brand-700 underline">
        {t('checkout.done.myOrders')}
      </Link>
    </div>
  )
}
