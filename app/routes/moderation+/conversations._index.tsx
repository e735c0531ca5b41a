import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listReportedConversations } from '~/modules/messages/messages.server'
import { getDb } from '~/utils/db.server'
import { formatAlgeriaDate } from '~/utils/dates'
import { requireRole } from '~/utils/permissions.server'
import { useTranslation } from '~/utils/translate'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

/** Reported conversations only: the queue shows who and why, not the messages (opening one is audited). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const list = await listReportedConversations(await getDb(), { id: user.id, role: user.role })
  return { conversations: list.map((c) => ({ ...c, reportedAt: c.reportedAt?.toISOString() ?? '' })) }
}

export default function ReportedConversationsPage() {
  const { conversations } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('messaging.moderation.title')}</h1>
      <p className="text-sm text-stone-600">{t('messaging.moderation.help')}</p>
      {conversations.length === 0 ? <p>{t('messaging.moderation.none')}</p> : null}
      <ul className="flex flex-col gap-2">
        {conversations.map((c) => (
          <li key={c.id} className="rounded-2xl border border-stone-200 bg-white p-3">
            <Link to={`/moderation/conversations/${c.id}`} className="font-medium text-brand-700 underline">
              {t('messaging.moderation.between', { buyer: c.buyerName, shop: c.shopName })}
            </Link>
            <p className="text-sm text-stone-600">{formatAlgeriaDate(c.reportedAt, language)}</p>
            {c.reportNote ? (
              <p dir="auto" className="text-start text-sm">
                {c.reportNote}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
