import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ConversationNotFoundError, NotReportedError, readReportedConversation, setMessagingBlock } from '~/modules/messages/messages.server'
import { getDb } from '~/utils/db.server'
import { formatAlgeriaDate } from '~/utils/dates'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { useLanguage } from '~/utils/use-language'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

const notFound = (error: unknown): never => {
  if (error instanceof NotReportedError || error instanceof ConversationNotFoundError) throw new Response('Not found', { status: 404 })
  throw error
}

/** A reported conversation, read by a moderator: every load writes an audit row (`conversation.read`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const c = await readReportedConversation(await getDb(), { conversationId: params.conversationId ?? '', actor: { id: user.id, role: user.role }, ip: context.clientIp ?? null }).catch(notFound)
  return {
    ...c,
    reportedAt: c.reportedAt?.toISOString() ?? '',
    messages: c.messages.map((m) => ({ id: m.id, fromShop: m.fromShop, body: m.body, photos: m.images.length, at: m.createdAt.toISOString() })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const formData = await readForm(request)
  const id = params.conversationId ?? ''
  const intent = formData.get('intent')
  if (intent !== 'block' && intent !== 'unblock') throw new Response('Unknown intent', { status: 400 })
  await setMessagingBlock(await getDb(), {
    conversationId: id,
    userId: String(formData.get('userId') ?? ''),
    blocked: intent === 'block',
    reason: String(formData.get('reason') ?? '').slice(0, 1000),
    actor: { id: user.id, role: user.role },
    ip: context.clientIp ?? null,
  }).catch(notFound)
  throw redirect(`/moderation/conversations/${id}`, { headers: { 'Set-Cookie': await createToastHeader({ key: 'messaging.moderation.saved', type: 'success' }) } })
}

export default function ReportedConversationPage() {
  const c = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  const people = [
    { userId: c.buyerId, name: c.buyerName, blocked: c.buyerBlocked },
    { userId: c.ownerId, name: c.shopName, blocked: c.ownerBlocked },
  ]
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <Link to="/moderation/conversations" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('messaging.back')}
      </Link>
      <h1 className="text-xl font-bold">{t('messaging.moderation.between', { buyer: c.buyerName, shop: c.shopName })}</h1>
      <p className="text-sm text-stone-600">{t('messaging.moderation.audited')}</p>
      {c.reportNote ? (
        <p dir="auto" className="rounded-xl bg-amber-50 px-3 py-2 text-start text-sm">
          {c.reportNote}
        </p>
      ) : null}
      <ol className="flex flex-col gap-2" data-testid="thread">
        {c.messages.map((m) => (
          <li key={m.id} className="rounded-xl border border-stone-200 bg-white p-3">
            <p className="text-xs text-stone-500">
              {m.fromShop ? c.shopName : c.buyerName} · {formatAlgeriaDate(m.at, language)}
              {m.photos ? ` · ${t('messaging.moderation.photos', { count: m.photos })}` : ''}
            </p>
            <p dir="auto" className="whitespace-pre-line text-start">
              {m.body}
            </p>
          </li>
        ))}
      </ol>
      <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        {people.map((p) => (
          <Form key={p.userId} method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="userId" value={p.userId} />
            <input type="hidden" name="intent" value={p.blocked ? 'unblock' : 'block'} />
            {p.blocked ? null : (
              <label className="flex flex-1 flex-col gap-1 text-sm">
                {t('messaging.moderation.reason')}
                <input name="reason" maxLength={1000} className="min-h-11 rounded-xl border border-stone-300 px-3 text-base" />
              </label>
            )}
            <button type="submit" className="min-h-11 rounded-full border border-clay-600 px-4 text-sm font-medium text-clay-600">
              {p.blocked ? t('messaging.moderation.unblock', { name: p.name }) : t('messaging.moderation.block', { name: p.name })}
            </button>
          </Form>
        ))}
      </section>
    </div>
  )
}
