import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Conversation } from '~/components/conversation'
import { ConversationNotFoundError, getConversation, listQuickReplies } from '~/modules/messages/messages.server'
import { conversationAction, toThread } from '~/modules/messages/view.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { useTranslation } from '~/utils/translate'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, shop } = await requireProducerShop(request, { ownerOnly: true })
  const db = await getDb()
  const conversation = await getConversation(db, { conversationId: params.conversationId ?? '', userId: user.id }).catch((error) => {
    if (error instanceof ConversationNotFoundError) throw new Response('Not found', { status: 404 })
    throw error
  })
  if (conversation.side !== 'shop') throw new Response('Not found', { status: 404 })
  const { messages, ...rest } = conversation
  return { ...rest, thread: toThread(messages, 'shop'), quickReplies: await listQuickReplies(db, shop.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireProducerShop(request, { ownerOnly: true })
  const id = params.conversationId ?? ''
  return conversationAction(request, { userId: user.id, conversationId: id, shopId: shop.id, back: `/dashboard/messages/${id}` })
}

export default function ShopConversationPage() {
  const c = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-3">
      <Link to="/dashboard/messages" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('messaging.back')}
      </Link>
      <h1 dir="auto" className="text-start text-xl font-bold">
        {c.buyerName}
      </h1>
      {c.productTitle ? (
        <p className="text-sm text-stone-600">
          {t('messaging.about')}{' '}
          <Link to={`/p/${c.productSlug}`} dir="auto" className="text-brand-700 underline">
            {c.productTitle}
          </Link>
        </p>
      ) : null}
      {c.orderNumber ? <p className="text-sm text-stone-600">{t('messaging.aboutOrder', { number: c.orderNumber })}</p> : null}
      <Conversation
        messages={c.thread}
        pollUrl={`/resources/messages/${c.id}`}
        error={actionData?.error}
        masking={c.masking}
        reported={c.reported}
        quickReplies={c.quickReplies}
        otherName={c.buyerName}
      />
    </div>
  )
}
