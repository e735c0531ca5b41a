import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ConversationList } from '~/components/conversation-list'
import { FormAlert } from '~/components/ui/form'
import { MAX_QUICK_REPLIES, MAX_QUICK_REPLY_LENGTH } from '~/modules/messages/limits'
import { addQuickReply, deleteQuickReply, EmptyMessageError, listConversations, listQuickReplies, QuickReplyLimitError } from '~/modules/messages/messages.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const db = await getDb()
  const [list, quickReplies] = await Promise.all([listConversations(db, { shopId: shop.id }), listQuickReplies(db, shop.id)])
  return { conversations: list.map((c) => ({ ...c, lastMessageAt: c.lastMessageAt.toISOString() })), quickReplies }
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const t = await i18nServer.getFixedT(request)
  const formData = await readForm(request)
  const db = await getDb()
  if (formData.get('intent') === 'delete-quick-reply') {
    await deleteQuickReply(db, shop.id, String(formData.get('id') ?? ''))
    throw redirect('/dashboard/messages')
  }
  if (formData.get('intent') !== 'add-quick-reply') throw new Response('Unknown intent', { status: 400 })
  const body = String(formData.get('body') ?? '')
  if (body.trim().length > MAX_QUICK_REPLY_LENGTH) return { error: t('messaging.errors.tooLong', { count: MAX_QUICK_REPLY_LENGTH }) }
  try {
    await addQuickReply(db, shop.id, body)
  } catch (error) {
    if (error instanceof EmptyMessageError) return { error: t('messaging.errors.empty') }
    if (error instanceof QuickReplyLimitError) return { error: t('messaging.errors.quickReplyLimit', { count: MAX_QUICK_REPLIES }) }
    throw error
  }
  throw redirect('/dashboard/messages')
}

export default function ShopInboxPage() {
  const { conversations, quickReplies } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to="/dashboard" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('messaging.backToDashboard')}
      </Link>
      <h1 className="text-2xl font-bold">{t('messaging.inboxTitle')}</h1>
      <ConversationList conversations={conversations} base="/dashboard/messages" />
      <section aria-labelledby="quick-heading" className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="quick-heading" className="font-semibold">
          {t('messaging.quickReplies')}
        </h2>
        <p className="text-sm text-stone-600">{t('messaging.quickRepliesHelp')}</p>
        <ul className="flex flex-col gap-2">
          {quickReplies.map((reply) => (
            <li key={reply.id} className="flex items-center gap-2">
              <span dir="auto" className="flex-1 text-start">
                {reply.body}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="delete-quick-reply" />
                <input type="hidden" name="id" value={reply.id} />
                <button type="submit" className="min-h-11 rounded-full px-3 text-sm text-clay-600 underline">
                  {t('messaging.delete')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <FormAlert message={actionData?.error} />
        <Form method="post" className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="add-quick-reply" />
          <label htmlFor="quick-body" className="text-sm font-medium">
            {t('messaging.newQuickReply')}
          </label>
          <textarea id="quick-body" name="body" rows={2} maxLength={MAX_QUICK_REPLY_LENGTH} dir="auto" className="rounded-xl border border-stone-300 px-3 py-2 text-base" />
          <button type="submit" className="min-h-11 self-start rounded-full bg-brand-600 px-5 text-white">
            {t('messaging.save')}
          </button>
        </Form>
      </section>
    </div>
  )
}
