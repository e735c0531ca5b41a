import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { countAwaitingReview } from '~/modules/moderation/queues.server'
import { getDb } from '~/utils/db.server'
import { requireRole } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  return { ...(await countAwaitingReview(await getDb())), isAdmin: user.role === 'admin' }
}

// The moderators' home: what waits for a decision, each count leading to its queue.
export default function ModerationHome() {
  const counts = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const queues = [
    { key: 'pendingShops', count: counts.shops, to: '/moderation/shops' },
    { key: 'pendingProducts', count: counts.products, to: '/moderation/products' },
    { key: 'openReports', count: counts.reports, to: '/moderation/reports' },
  ] as const
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('moderation.title')}</h1>
      <ul className="grid gap-3 sm:grid-cols-3">
        {queues.map((queue) => (
          <li key={queue.key}>
            <Link
              to={queue.to}
              className="flex min-h-11 flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4 hover:border-brand-600"
              data-testid={`queue-${queue.key}`}
            >
              <span className="text-sm text-stone-600">{t(`moderation.${queue.key}`)}</span>
              <span className="text-3xl font-bold text-brand-700">{queue.count}</span>
              <span className="text-sm font-medium text-brand-700 underline">{t('moderation.openQueue')}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-x-6">
        <Link to="/moderation/audit" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('moderation.auditLink')}
        </Link>
        <Link to="/moderation/refusals" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('delivery.refusals.title')}
        </Link>
        <Link to="/moderation/returns" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('delivery.returns.disputes')}
        </Link>
        <Link to="/moderation/search-words" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('searchWords.link')}
        </Link>
        <Link to="/moderation/claim-terms" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('claimTerms.link')}
        </Link>
        <Link to="/moderation/conversations" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('messaging.moderation.title')}
        </Link>
        <Link to="/moderation/orders" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('orders.allTitle')}
        </Link>
        <Link to="/admin/stats" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
          {t('stats.link')}
        </Link>
        {counts.isAdmin ? (
          <Link to="/admin" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
            {t('adminHome.title')}
          </Link>
        ) : null}
      </div>
    </div>
  )
}
