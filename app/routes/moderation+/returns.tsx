import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/ui/form'
import { ReturnPhotos } from '~/components/delivery'
import { decideReturn, listDisputedReturns, ReturnNotAllowedError, returnPhotosView } from '~/modules/delivery/returns.server'
import { ReturnDecisionSchema } from '~/modules/delivery/schemas'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['moderator', 'admin'])
  return { disputes: (await listDisputedReturns(await getDb())).map((d) => returnPhotosView(d)!) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, ['moderator', 'admin'])
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: ReturnDecisionSchema })
  if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error) }
  const { returnId, decision, note } = submission.value
  try {
    await decideReturn(await getDb(), { returnId, moderatorId: staff.id, uphold: decision === 'uphold', note, ip: context.clientIp ?? null })
  } catch (error) {
    // Unknown, or decided by another moderator meanwhile.
    if (error instanceof ReturnNotAllowedError) return { message: t('delivery.returns.errors.notAllowed') }
    throw error
  }
  throw redirect('/moderation/returns', { headers: { 'Set-Cookie': await createToastHeader({ key: `delivery.returns.done.${decision}`, type: 'success' }) } })
}

/** Returns a producer disputed: the buyer's reason, the producer's, and the moderator's decision. */
export default function ReturnDisputesPage() {
  const { disputes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('delivery.returns.disputes')}</h1>
      <FormAlert message={actionData?.message ?? null} />
      {disputes.length === 0 ? <p className="text-stone-600">{t('delivery.returns.noDisputes')}</p> : null}
      <ul className="flex flex-col gap-3">
        {disputes.map((d) => (
          <li key={d.id} className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
            <Link to={`/moderation/orders/${d.orderId}`} className="inline-flex min-h-11 items-center self-start font-mono font-semibold text-brand-700 underline">
              {d.number}
            </Link>
            <p className="text-sm">
              <bdi dir="auto">{d.buyerName}</bdi> → <bdi dir="auto">{d.shopName}</bdi>
            </p>
            <p>{t(`delivery.returns.reasons.${d.reason}`)}</p>
            {d.note ? (
              <p className="text-sm" dir="auto">
                {t('delivery.returns.buyerSays', { note: d.note })}
              </p>
            ) : null}
            <ReturnPhotos photos={d.photos} />
            {d.producerNote ? (
              <p className="text-sm" dir="auto">
                {t('delivery.returns.producerSays', { note: d.producerNote })}
              </p>
            ) : null}
            <Form method="post" className="flex flex-col gap-2">
              <input type="hidden" name="returnId" value={d.id} />
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t('delivery.returns.decisionNote')}
                <textarea name="note" required maxLength={500} rows={2} dir="auto" className="rounded-xl border border-stone-300 p-3 text-base" />
              </label>
              <div className="flex flex-wrap gap-2">
                <button type="submit" name="decision" value="uphold" className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white">
                  {t('delivery.returns.uphold')}
                </button>
                <button type="submit" name="decision" value="refuse" className="min-h-12 rounded-full border border-stone-400 px-6 font-semibold">
                  {t('delivery.returns.refuse')}
                </button>
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  )
}
