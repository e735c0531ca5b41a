import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Conversation } from '~/components/conversation'
import { ConversationNotFoundError, getConversation } from '~/modules/messages/messages.server'
import { conversationAction, toThread } from '~/modules/messages/view.server'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'
import { useTranslation } from '~/utils/translate'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const conversation = await getConversation(await getDb(), { conversationId: params.conversationId ?? '', userId: user.id }).catch((error) => {
    if (error instanceof ConversationNotFoundError) throw new Response('Not found', { status: 404 })
    throw error
  })
  // The buyer's page shows the buyer's side; a producer reaching her own shop's conversation here is sent to her inbox's page.
  if (conversation.side !== 'buyer') throw new Response('Not found', { status: 404 })
  const { messages, ...rest } = conversation
  return { ...rest, thread: toThread(messages, 'buyer') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const id = params.conversationId ?? ''
  return conversationAction(request, { userId: user.id, conversationId: id, back: `/account/messages/${id}` })
}

export default function BuyerConversationPage() {
  const c = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-3">
      <Link to="/account/messages" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('messaging.back')}
      </Link>
      <h1 dir="auto" className="text-start text-xl font-bold">
        <Link to={`/s/${c.shopSlug}`} className="underline-offset-2 hover:underline">
          {c.shopName}
        </Link>
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
      <Conversation messages={c.thread} pollUrl={`/resources/messages/${c.id}`} error={actionData?.error} masking={c.masking} reported={c.reported} otherName={c.shopName} />
    </div>
  )
}
