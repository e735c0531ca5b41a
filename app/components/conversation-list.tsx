import { Link } from '@remix-run/react'
import { formatAlgeriaDate } from '~/utils/dates'
import { useTranslation } from '~/utils/translate'
import { useLanguage } from '~/utils/use-language'

type Row = { id: string; otherName: string; productTitle: string | null; lastMessageAt: string; unread: number; lastBody: string | null }

/** A list of conversations (buyer's messages, producer's inbox), unread ones marked. */
export function ConversationList({ conversations, base }: { conversations: Row[]; base: string }) {
  const { t } = useTranslation()
  const language = useLanguage()
  if (!conversations.length) return <p className="text-stone-600">{t('messaging.none')}</p>
  return (
    <ul className="flex flex-col divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
      {conversations.map((c) => (
        <li key={c.id}>
          <Link to={`${base}/${c.id}`} className="flex min-h-16 flex-col gap-0.5 px-4 py-3 hover:bg-stone-50">
            <span className="flex items-center gap-2">
              <span dir="auto" className={c.unread ? 'font-bold' : 'font-medium'}>
                {c.otherName}
              </span>
              {c.unread ? (
                <span className="rounded-full bg-clay-600 px-2 text-xs leading-5 font-bold text-white">{t('messaging.unread', { count: c.unread })}</span>
              ) : null}
              <time dateTime={c.lastMessageAt} className="ms-auto text-xs text-stone-500">
                {formatAlgeriaDate(c.lastMessageAt, language, 'date')}
              </time>
            </span>
            {c.productTitle ? (
              <span dir="auto" className="text-start text-xs text-stone-600">
                {c.productTitle}
              </span>
            ) : null}
            {c.lastBody ? (
              <span dir="auto" className="truncate text-start text-sm text-stone-700">
                {c.lastBody}
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  )
}
