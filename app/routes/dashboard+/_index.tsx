import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { listNotices, markNoticesRead } from '~/modules/notifications/notices.server'
import { getProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { algeriaDateFormat } from '~/utils/dates'
import { getLanguage } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  // Everyone signed in has a dashboard (their notices); a producer's shop, if any, in whatever status.
  const { user, shop, assist } = await getProducerShop(request)
  const [notices, language] = await Promise.all([listNotices(await getDb(), user.id), getLanguage(request)])
  return {
    language,
    // A facilitator working on a producer's shop (decision 021), or the producer's own page of who helps her.
    assistedFor: assist?.producerName ?? null,
    isFacilitator: user.role === 'facilitator',
    shop: shop && {
      name: shop.name,
      slug: shop.slug,
      status: shop.status,
      reviewReasonCode: shop.reviewReasonCode,
      reviewReason: shop.reviewReason,
    },
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      data: n.data,
      unread: n.readAt === null,
      createdAt: n.createdAt.toISOString(),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readForm(request)
  if (formData.get('intent') !== 'mark-read') throw new Response('Unknown intent', { status: 400 })
  await markNoticesRead(await getDb(), user.id)
  return { ok: true }
}

const linkClass = 'flex min-h-12 items-center justify-center rounded-xl border border-stone-300 bg-white px-4 font-medium hover:bg-stone-50'

export default function DashboardPage() {
  const { shop, notices, language, assistedFor, isFacilitator } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const dateFormat = algeriaDateFormat(language, 'dateTime')
  const unread = notices.filter((n) => n.unread).length
  const isOpenShop = shop?.status === 'approved' || shop?.status === 'suspended'

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('dashboard.title')}</h1>
      {isFacilitator ? (
        <p className="rounded-xl bg-sky-50 p-3 text-sky-900" role="note">
          {assistedFor ? t('assistance.actingFor', { name: assistedFor }) : t('assistance.pickShop')}{' '}
          <Link to="/assist" className="inline-flex min-h-11 items-center font-semibold underline">
            {t('assistance.title')}
          </Link>
        </p>
      ) : shop ? (
        <Link to="/dashboard/assistance" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
          {t('assistance.producerLink')}
        </Link>
      ) : null}

      {shop ? (
        <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="shop-status">
          <h2 id="shop-status" className="text-lg font-semibold" dir="auto">
            {shop.name}
          </h2>
          <p>
            <span className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${statusTone[shop.status]}`}>
              {t(`dashboard.status.${shop.status}`)}
            </span>
          </p>
          <p className="text-stone-700">{t(`dashboard.statusHelp.${shop.status}`)}</p>
          {shop.reviewReasonCode && shop.status !== 'approved' ? (
            <div className="rounded-xl bg-amber-50 p-3 text-amber-900" role="note">
              <p>
                {t('notices.reason', {
                  reason: t(`reasons.${shop.reviewReasonCode}`),
                })}
              </p>
              {shop.reviewReason ? (
                <p className="mt-1 whitespace-pre-line" dir="auto">
                  {t('notices.note', { note: shop.reviewReason })}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="grid gap-2 sm:grid-cols-2">
            {isOpenShop ? (
              <>
                <Link to="/dashboard/products" className={linkClass}>
                  {t('dashboard.products')}
                </Link>
                <Link to="/dashboard/orders" className={linkClass}>
                  {t('dashboard.orders')}
                </Link>
                <Link to="/dashboard/order-book" className={linkClass}>
                  {t('orderBook.title')}
                </Link>
                <Link to="/dashboard/insights" className={linkClass}>
                  {t('insights.link')}
                </Link>
                <Link to="/dashboard/payouts" className={linkClass}>
                  {t('dashboard.payouts')}
                </Link>
                <Link to="/dashboard/messages" className={linkClass}>
                  {t('messaging.inboxTitle')}
                </Link>
                <Link to="/dashboard/reviews" className={linkClass}>
                  {t('dashboard.reviews')}
                </Link>
                <Link to="/dashboard/settings" className={linkClass}>
                  {t('dashboard.settings')}
                </Link>
                {shop.status === 'approved' ? (
                  <Link to={`/s/${shop.slug}`} className={linkClass}>
                    {t('dashboard.viewShop')}
                  </Link>
                ) : null}
              </>
            ) : null}
            {shop.status === 'draft' || shop.status === 'rejected' ? (
              <Link to="/sell?step=review" className={linkClass}>
                {t('dashboard.editApplication')}
              </Link>
            ) : null}
          </div>
        </section>
      ) : (
        <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
          <p>{t('dashboard.noShop')}</p>
          <Link to="/sell" className="flex min-h-12 items-center justify-center rounded-xl bg-emerald-700 px-4 font-semibold text-white">
            {t('dashboard.apply')}
          </Link>
        </section>
      )}

      <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="notices-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="notices-heading" className="text-lg font-semibold">
            {t('dashboard.notices')} <span className="text-sm font-normal text-stone-600">({t('notices.unread', { count: unread })})</span>
          </h2>
          {unread > 0 ? (
            <Form method="post">
              <button type="submit" name="intent" value="mark-read" className="min-h-11 rounded-lg px-3 text-sm font-medium text-emerald-800 underline">
                {t('notices.markRead')}
              </button>
            </Form>
          ) : null}
        </div>
        {notices.length === 0 ? (
          <p className="text-stone-600">{t('dashboard.noNotices')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {notices.map((notice) => (
              <li key={notice.id} className={`rounded-xl border p-3 ${notice.unread ? 'border-emerald-300 bg-emerald-50' : 'border-stone-200'}`}>
                <p dir="auto">{t(`notices.${notice.kind}`, notice.data as Record<string, string>)}</p>
                {typeof notice.data.reasonCode === 'string' ? (
                  <p className="text-sm">
                    {t('notices.reason', {
                      reason: t(`${reasonNamespace(notice.kind)}.${notice.data.reasonCode}`),
                    })}
                  </p>
                ) : null}
                {typeof notice.data.reason === 'string' && notice.data.reason ? (
                  <p className="text-sm whitespace-pre-line" dir="auto">
                    {t('notices.note', { note: notice.data.reason })}
                  </p>
                ) : null}
                <p className="mt-1 text-xs text-stone-500">
                  <time dateTime={notice.createdAt}>{dateFormat.format(new Date(notice.createdAt))}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

/** Shop decisions use the shop reasons list; listing decisions (`product_*`) their own. */
const reasonNamespace = (kind: string) => (kind.startsWith('product_') ? 'listingReasons' : 'reasons')

const statusTone: Record<string, string> = {
  draft: 'bg-stone-100 text-stone-800',
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  rejected: 'bg-red-100 text-red-900',
  suspended: 'bg-red-100 text-red-900',
}
