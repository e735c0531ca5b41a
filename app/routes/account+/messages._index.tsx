import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ConversationList } from '~/components/conversation-list'
import { listConversations } from '~/modules/messages/messages.server'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'
import { useTranslation } from '~/utils/translate'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const list = await listConversations(await getDb(), { buyerId: user.id })
  return { conversations: list.map((c) => ({ ...c, lastMessageAt: c.lastMessageAt.toISOString() })), isProducer: user.role === 'producer' }
}

export default function BuyerMessagesPage() {
  const { conversations, isProducer } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('messaging.title')}</h1>
      {isProducer ? (
        <Link to="/dashboard/messages" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
          {t('messaging.shopInbox')}
        </Link>
      ) : null}
      <ConversationList conversations={conversations} base="/account/messages" />
    </div>
  )
}
