import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useOrderDates } from '~/components/orders'
import { FormAlert } from '~/components/ui/form'
import { IssueNotOpenError, listPaymentIssues, listRecentPayments, PaymentIssueActionSchema, resolvePaymentIssue, retryRefund } from '~/modules/payments/admin-queue.server'
import { getPaymentProviders } from '~/modules/payments/providers.server'
import { previousAlgeriaDay, reconcilePayments } from '~/modules/payments/reconcile.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const [issues, recent] = await Promise.all([listPaymentIssues(db), listRecentPayments(db)])
  return { language, ...issues, recent, yesterday: previousAlgeriaDay() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: PaymentIssueActionSchema })
  if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error) }
  const db = await getDb()
  const value = submission.value
  let toast: string
  try {
    if (value.intent === 'refund') {
      toast = (await retryRefund(db, getPaymentProviders(), value.issueId)) === 'refunded' ? 'payments.admin.refunded' : 'payments.admin.refundQueued'
    } else if (value.intent === 'resolve') {
      await resolvePaymentIssue(db, { issueId: value.issueId, adminId: admin.id, note: value.note, ip: context.clientIp ?? null })
      toast = 'payments.admin.resolved'
    } else {
      const results = await reconcilePayments(db, getPaymentProviders(), { day: value.day, siteUrl: getEnv().APP_URL }).catch((error: unknown) => {
        console.error('Reconciliation failed', error)
        return null
      })
      if (!results) return { message: t('payments.admin.reconcileFailed') }
      const count = results.reduce((sum, r) => sum + r.mismatches.length, 0)
      return { message: t('payments.admin.reconciled', { count }) }
    }
  } catch (error) {
    if (error instanceof IssueNotOpenError) return { message: t('admin.errors.notOpen') }
    throw error
  }
  throw redirect('/admin/payments', { headers: { 'Set-Cookie': await createToastHeader({ key: toast, type: 'success' }) } })
}

const input = 'min-h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function AdminPaymentsPage() {
  const { language, open, handled, recent, yesterday } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const date = useOrderDates(language)
  const dzd = (c: number) => formatDzd(c, language)
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('payments.admin.title')}</h1>
      <p className="text-stone-700">{t('payments.admin.intro')}</p>
      <FormAlert message={actionData?.message} />
      <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="queue">
        <h2 id="queue" className="font-semibold">
          {t('payments.admin.statuses.open')} ({open.length})
        </h2>
        {open.length === 0 ? <p className="text-stone-600">{t('payments.admin.empty')}</p> : null}
        <ul className="flex flex-col gap-3">
          {open.map((issue) => (
            <li key={issue.id} className="flex flex-col gap-2 rounded-xl border border-stone-200 p-3" data-issue={issue.kind}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-semibold">{t(`payments.admin.kinds.${issue.kind}`)}</span>
                <span className="text-xl font-bold whitespace-nowrap tabular-nums">
                  <bdi>{dzd(issue.amount)}</bdi>
                </span>
              </div>
              <p className="text-sm text-stone-700">
                {issue.provider} ·{' '}
                <bdi dir="ltr" className="font-mono">
                  {issue.providerReference}
                </bdi>{' '}
                · {date(issue.createdAt)}
              </p>
              <div className="grid gap-3 md:grid-cols-2">
                {issue.kind === 'paid_after_cancel' || issue.kind === 'paid_twice' ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="refund" />
                    <input type="hidden" name="issueId" value={issue.id} />
                    <button type="submit" className="min-h-11 w-full rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
                      {t('payments.admin.refund')}
                    </button>
                  </Form>
                ) : null}
                <Form method="post" className="flex flex-col gap-2">
                  <input type="hidden" name="intent" value="resolve" />
                  <input type="hidden" name="issueId" value={issue.id} />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('payments.admin.note')}
                    <input name="note" maxLength={1000} dir="auto" className={input} placeholder={t('payments.admin.noteHint')} required minLength={3} />
                  </label>
                  <button type="submit" className="min-h-11 rounded-full border border-stone-400 px-5 font-semibold hover:bg-stone-50">
                    {t('payments.admin.resolve')}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="reconcile">
        <h2 id="reconcile" className="mb-2 font-semibold">
          {t('payments.admin.reconcile')}
        </h2>
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="reconcile" />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('payments.admin.day')}
            <input type="date" name="day" defaultValue={yesterday} className={input} required />
          </label>
          <button type="submit" className="min-h-11 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
            {t('payments.admin.reconcileNow')}
          </button>
        </Form>
      </section>

      {handled.length ? (
        <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="handled">
          <h2 id="handled" className="mb-2 font-semibold">
            {t('payments.admin.statuses.resolved')}
          </h2>
          <ul className="flex flex-col divide-y divide-stone-100 text-sm">
            {handled.map((issue) => (
              <li key={issue.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>{t(`payments.admin.kinds.${issue.kind}`)}</span>
                <span className="text-stone-600">{t(`payments.admin.statuses.${issue.status}`)}</span>
                <bdi className="font-semibold tabular-nums">{dzd(issue.amount)}</bdi>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="overflow-x-auto rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="recent">
        <h2 id="recent" className="mb-2 font-semibold">
          {t('payments.admin.recent')}
        </h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-start">
              <th className="text-start">{t('payments.admin.when')}</th>
              <th className="text-start">{t('payments.admin.method')}</th>
              <th className="text-start">{t('payments.admin.status')}</th>
              <th className="text-end">{t('payments.admin.amount')}</th>
              <th className="text-end">{t('payments.admin.fee')}</th>
              <th className="text-start">{t('payments.admin.settled')}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((p) => (
              <tr key={p.id} className="border-t border-stone-100">
                <td>{date(p.createdAt)}</td>
                <td>{t(`payments.methods.${p.method}`)}</td>
                <td>{p.status}</td>
                <td className="text-end tabular-nums">
                  <bdi>{dzd(p.amount)}</bdi>
                </td>
                <td className="text-end tabular-nums">
                  <bdi>{dzd(p.fee)}</bdi>
                </td>
                <td>{p.settledAt ? date(p.settledAt) : t('payments.admin.notSettled')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
