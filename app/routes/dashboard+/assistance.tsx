import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { ArrangementNotFoundError, endArrangement, getAssistanceForProducer } from '~/modules/assistance/assistance.server'
import { getDb } from '~/utils/db.server'
import { algeriaDateFormat } from '~/utils/dates'
import { getLanguage } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// The producer's page about assisted selling (decision 021): who helps her, every step taken on her
// behalf ("by X"), and the button that ends an arrangement at once. Hers alone: a facilitator
// acting for her does not reach it (it reads the signed-in user's own rows).

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  if (user.role === 'facilitator') throw redirect('/assist')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const { arrangements, actions } = await getAssistanceForProducer(db, user.id)
  return {
    language,
    arrangements: arrangements.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), consentedAt: a.consentedAt?.toISOString() ?? null })),
    actions: actions.map((a) => ({ id: a.id, createdAt: a.createdAt.toISOString(), action: a.action, actorName: a.actorName, what: typeof a.details.what === 'string' ? a.details.what : null })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (user.role === 'facilitator') throw new Response('Forbidden', { status: 403 })
  const form = await readForm(request)
  if (form.get('intent') !== 'end') throw new Response('Unknown intent', { status: 400 })
  try {
    await endArrangement(await getDb(), { userId: user.id, arrangementId: String(form.get('arrangementId') ?? ''), ip: (context.clientIp as string | undefined) ?? null })
  } catch (error) {
    if (error instanceof ArrangementNotFoundError) throw new Response('Not found', { status: 404 })
    throw error
  }
  throw redirect('/dashboard/assistance', { headers: { 'Set-Cookie': await createToastHeader({ key: 'assistance.ended', type: 'success' }) } })
}

export default function AssistancePage() {
  const { arrangements, actions, language } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const dateFormat = algeriaDateFormat(language, 'dateTime')
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('assistance.producerTitle')}</h1>
      <p className="text-stone-700">{t('assistance.producerIntro')}</p>
      {arrangements.length === 0 ? <p className="text-stone-600">{t('assistance.producerNone')}</p> : null}
      {arrangements.map((a) => (
        <section key={a.id} className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
          <p className="font-semibold">{t('assistance.helpedBy', { name: a.facilitatorName })}</p>
          <p className="text-sm text-stone-700">{t(`assistance.status.${a.status}`)}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="end" />
            <input type="hidden" name="arrangementId" value={a.id} />
            <button type="submit" className="min-h-12 rounded-full bg-red-700 px-5 font-semibold text-white hover:bg-red-800">
              {t('assistance.end')}
            </button>
          </Form>
        </section>
      ))}
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="on-behalf">
        <h2 id="on-behalf" className="mb-2 text-lg font-semibold">{t('assistance.onBehalfTitle')}</h2>
        {actions.length === 0 ? <p className="text-stone-600">{t('assistance.noActions')}</p> : null}
        <ol className="flex flex-col divide-y divide-stone-100">
          {actions.map((a) => (
            <li key={a.id} className="flex flex-col py-2">
              <span>{t('assistance.byOnBehalf', { name: a.actorName, what: a.what ? t(a.what) : t(`audit.actions.${a.action}`) })}</span>
              <time className="text-sm text-stone-600" dateTime={a.createdAt}>
                {dateFormat.format(new Date(a.createdAt))}
              </time>
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
