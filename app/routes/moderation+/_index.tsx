import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { countAwaitingReview } from '~/modules/moderation/queues.server'
import { getDb } from '~/utils/db.server'
import { requireRole } from '~/utils/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  return countAwaitingReview(await getDb())
}

// The moderators' home: what waits for a decision. The queues themselves come with the sellers
// and catalog issues.
export default function ModerationHome() {
  const { shops, products } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('moderation.title')}</h1>
      <dl className="grid grid-cols-2 gap-3">
        <div className="rounded-2xl border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-600">{t('moderation.pendingShops')}</dt>
          <dd className="text-3xl font-bold text-brand-700">{shops}</dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-600">{t('moderation.pendingProducts')}</dt>
          <dd className="text-3xl font-bold text-brand-700">{products}</dd>
        </div>
      </dl>
    </div>
  )
}
