import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { useOrderDates } from '~/components/orders'
import { FormAlert } from '~/components/ui/form'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { addAdjustment } from '~/modules/payouts/ledger.server'
import { listPayouts, markPayoutFailed, markPayoutPaid, PayoutNotOpenError, platformTotals } from '~/modules/payouts/payouts.server'
import { AdminPayoutSchema } from '~/modules/payouts/schemas'
import { findShopIdBySlug } from '~/modules/shops/shops.server'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { getEnv } from '~/utils/env.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const [open, recentAll, totals] = await Promise.all([listPayouts(db, { status: 'requested' }), listPayouts(db, { limit: 40 }), platformTotals(db)])
  return { language, open, recent: recentAll.filter((p) => p.status !== 'requested'), totals }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: AdminPayoutSchema })
  if (submission.status !== 'success') {
    return { message: firstErrorMessage(t, submission.error), payoutId: String(submission.payload.payoutId ?? '') }
  }
  const db = await getDb()
  const value = submission.value
  const common = { adminId: admin.id, ip: context.clientIp ?? null, siteUrl: getEnv().APP_URL }
  try {
    if (value.intent === 'paid') await markPayoutPaid(db, { ...common, payoutId: value.payoutId, reference: value.reference })
    else if (value.intent === 'failed') await markPayoutFailed(db, { ...common, payoutId: value.payoutId, reason: value.reason })
    else {
      const shopId = await findShopIdBySlug(db, value.shopSlug)
      if (!shopId) return { message: t('admin.errors.unknownShop'), payoutId: '' }
      await addAdjustment(db, { shopId, amount: value.amount, reason: value.reason, actor: admin, ip: common.ip })
    }
  } catch (error) {
    if (error instanceof PayoutNotOpenError) return { message: t('admin.errors.notOpen'), payoutId: '' }
    throw error
  }
  // A paid or failed payout emailed its producer: delivered now rather than at the outbox's next tick.
  kickOutbox()
  throw redirect('/admin/payouts', { headers: { 'Set-Cookie': await createToastHeader({ key: `admin.done.${value.intent}`, type: 'success' }) } })
}

const input = 'min-h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function AdminPayoutsPage() {
  const { language, open, recent, totals } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const date = useOrderDates(language)
  const dzd = (c: number) => formatDzd(c, language)
  const batchTotal = open.reduce((sum, p) => sum + p.amount, 0)
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t('admin.payouts.title')}</h1>
        <span className="flex flex-wrap gap-4">
          <Link to="/admin/payments" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('payments.admin.title')}
          </Link>
          <Link to="/admin/commission" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('admin.commissionLink')}
          </Link>
          {/* Every other admin page (facilitators, partners, local cells…): the header's banknote lands here. */}
          <Link to="/admin" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('header.admin')}
          </Link>
        </span>
      </div>
      <p className="text-stone-700">{t('admin.payouts.intro')}</p>
      <dl className="grid gap-3 sm:grid-cols-3">
        {(
          [
            ['open', t('admin.payouts.openTotal', { count: open.length }), batchTotal],
            ['owed', t('admin.payouts.owed'), totals.owed],
            ['commission', t('admin.payouts.commission'), totals.commission],
          ] as const
        ).map(([key, label, amount]) => (
          <div key={key} className="rounded-2xl border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-700">{label}</dt>
            <dd className="text-lg font-bold whitespace-nowrap tabular-nums">
              <bdi>{dzd(amount)}</bdi>
            </dd>
          </div>
        ))}
      </dl>
      <FormAlert message={actionData?.message} />

      <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="open">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="open" className="font-semibold">
            {t('admin.payouts.openTitle')}
          </h2>
          {open.length ? (
            // A plain document POST: the response is a file, and exporting stamps the rows.
            <form method="post" action="/admin/payouts.csv">
              <button type="submit" className="min-h-11 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
                {t('admin.payouts.exportCsv')}
              </button>
            </form>
          ) : null}
        </div>
        {open.length === 0 ? (
          <p className="text-stone-600">{t('admin.payouts.none')}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {open.map((p) => (
              <li key={p.id} className="flex flex-col gap-3 rounded-xl border border-stone-200 p-3" data-payout={p.shopSlug}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <div className="flex flex-col">
                    <span className="font-semibold">
                      <bdi>{p.shopName}</bdi>
                    </span>
                    <span className="text-sm text-stone-700">
                      <bdi>{p.holderName}</bdi> · {p.method.toUpperCase()}{' '}
                      <bdi dir="ltr" className="font-mono">
                        {p.account}
                      </bdi>
                    </span>
                    <span className="text-xs text-stone-600">
                      {t('payouts.requestedOn', { date: date(p.createdAt) })}
                      {p.exportedAt ? ` · ${t('admin.payouts.exportedOn', { date: date(p.exportedAt) })}` : ''}
                    </span>
                  </div>
                  <span className="text-xl font-bold whitespace-nowrap tabular-nums">
                    <bdi>{dzd(p.amount)}</bdi>
                  </span>
                </div>
                {actionData?.payoutId === p.id ? <FormAlert message={actionData.message} /> : null}
                <div className="grid gap-3 md:grid-cols-2">
                  <Form method="post" className="flex flex-col gap-2">
                    <input type="hidden" name="intent" value="paid" />
                    <input type="hidden" name="payoutId" value={p.id} />
                    <label className="flex flex-col gap-1 text-sm font-medium">
                      {t('admin.payouts.reference')}
                      <input name="reference" maxLength={100} dir="ltr" className={input} required />
                    </label>
                    <button type="submit" className="min-h-11 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
                      {t('admin.payouts.markPaid')}
                    </button>
                  </Form>
                  <Form method="post" className="flex flex-col gap-2">
                    <input type="hidden" name="intent" value="failed" />
                    <input type="hidden" name="payoutId" value={p.id} />
                    <label className="flex flex-col gap-1 text-sm font-medium">
                      {t('admin.payouts.failureReason')}
                      <input name="reason" maxLength={1000} dir="auto" className={input} required />
                    </label>
                    <button type="submit" className="min-h-11 rounded-full border border-red-700 px-5 font-semibold text-red-700 hover:bg-red-50">
                      {t('admin.payouts.markFailed')}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {recent.length ? (
        <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="recent">
          <h2 id="recent" className="mb-2 font-semibold">
            {t('admin.payouts.recentTitle')}
          </h2>
          <ul className="flex flex-col divide-y divide-stone-100">
            {recent.map((p) => (
              <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm" data-payout-status={p.status}>
                <bdi>{p.shopName}</bdi>
                <span className="text-stone-600">
                  {t(`payouts.status.${p.status}`)}
                  {p.reference ? (
                    <>
                      {' · '}
                      <bdi dir="ltr">{p.reference}</bdi>
                    </>
                  ) : null}
                  {p.failureReason ? ` · ${p.failureReason}` : ''}
                  {p.processedAt ? ` · ${date(p.processedAt)}` : ''}
                </span>
                <span className="font-semibold whitespace-nowrap tabular-nums">
                  <bdi>{dzd(p.amount)}</bdi>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="adjust">
        <h2 id="adjust" className="mb-1 font-semibold">
          {t('admin.adjust.title')}
        </h2>
        <p className="mb-2 text-sm text-stone-700">{t('admin.adjust.intro')}</p>
        <Form method="post" className="grid gap-2 md:grid-cols-3">
          <input type="hidden" name="intent" value="adjust" />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('admin.adjust.shopSlug')}
            <input name="shopSlug" dir="ltr" className={input} required />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('admin.adjust.amount')}
            <input name="amount" inputMode="decimal" dir="ltr" className={input} required />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('admin.adjust.reason')}
            <input name="reason" dir="auto" className={input} required />
          </label>
          <button type="submit" className="min-h-11 rounded-full border border-stone-400 px-5 font-semibold md:col-start-3">
            {t('admin.adjust.submit')}
          </button>
        </Form>
      </section>
    </div>
  )
}
