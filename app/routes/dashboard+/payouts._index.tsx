import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { useOrderDates } from '~/components/orders'
import { LedgerEntries as Entries } from '~/components/ledger-entries'
import { FormAlert } from '~/components/ui/form'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getBalances, listEntries } from '~/modules/payouts/ledger.server'
import { BalanceTooLowError, listShopPayouts, NoPayoutAccountError, PayoutAlreadyRequestedError, requestPayout } from '~/modules/payouts/payouts.server'
import { RequestPayoutSchema } from '~/modules/payouts/schemas'
import { algeriaMonth } from '~/utils/dates'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  // The producer's money and payout account: hers alone, a facilitator acting for her gets 403 (decision 021).
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const now = new Date()
  const [balances, held, released, history] = await Promise.all([
    getBalances(db, shop.id, now),
    listEntries(db, shop.id, { held: true, now, limit: 100 }),
    listEntries(db, shop.id, { held: false, now, limit: 30 }),
    listShopPayouts(db, shop.id, 20),
  ])
  const env = getEnv()
  return {
    language,
    balances,
    held,
    released,
    history,
    minimum: env.PAYOUT_MINIMUM_DZD * 100,
    holdDays: env.PAYOUT_HOLD_DAYS,
    account: shop.payoutMethod && shop.payoutAccount ? { method: shop.payoutMethod, account: shop.payoutAccount, holder: shop.payoutHolderName } : null,
    month: algeriaMonth(now),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  // The producer's money: a facilitator acting for her cannot request it (403).
  const { user, shop } = await requireProducerShop(request, { ownerOnly: true })
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: RequestPayoutSchema })
  if (submission.status !== 'success') return { message: t('validation.invalid') }
  const env = getEnv()
  const language = await getLanguage(request)
  try {
    await requestPayout(await getDb(), { shopId: shop.id, userId: user.id, minimum: env.PAYOUT_MINIMUM_DZD * 100, siteUrl: env.APP_URL })
    kickOutbox()
  } catch (error) {
    if (error instanceof NoPayoutAccountError) return { message: t('payouts.errors.noAccount') }
    if (error instanceof PayoutAlreadyRequestedError) return { message: t('payouts.errors.alreadyRequested') }
    if (error instanceof BalanceTooLowError) return { message: t('payouts.errors.tooLow', { minimum: formatDzd(error.minimum, language) }) }
    throw error
  }
  throw redirect('/dashboard/payouts', { headers: { 'Set-Cookie': await createToastHeader({ key: 'payouts.requested', type: 'success' }) } })
}

const card = 'rounded-2xl border border-stone-200 bg-white p-4'

export default function PayoutsPage() {
  const { language, balances, held, released, history, minimum, holdDays, account, month } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const date = useOrderDates(language)
  const dzd = (c: number) => formatDzd(c, language)
  const canRequest = !!account && balances.requested === 0 && balances.available > 0 && balances.available >= minimum
  const figures = [
    { key: 'inProgress', amount: balances.inProgress, hint: t('payouts.hints.inProgress', { count: balances.inProgressOrders }) },
    {
      key: 'onHold',
      amount: balances.onHold,
      hint: balances.nextRelease ? t('payouts.hints.onHoldUntil', { date: date(balances.nextRelease) }) : t('payouts.hints.onHold', { count: holdDays }),
    },
    { key: 'available', amount: balances.available, hint: t('payouts.hints.available') },
    { key: 'paidOut', amount: balances.paidOut, hint: t('payouts.hints.paidOut') },
  ] as const
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to="/dashboard" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('payouts.back')}
      </Link>
      <h1 className="text-2xl font-bold">{t('payouts.title')}</h1>
      <p className="text-stone-700">{t('payouts.intro', { count: holdDays })}</p>
      <FormAlert message={actionData?.message} />

      <dl className="grid grid-cols-2 gap-3" data-testid="balances">
        {figures.map((f) => (
          <div key={f.key} className={`${card} flex flex-col gap-1 ${f.key === 'available' ? 'border-brand-300 bg-brand-50' : ''}`} data-figure={f.key}>
            <dt className="text-sm font-medium text-stone-700">{t(`payouts.figures.${f.key}`)}</dt>
            <dd className="text-lg font-bold tabular-nums">
              <bdi>{dzd(f.amount)}</bdi>
            </dd>
            <dd className="text-xs text-stone-600">{f.hint}</dd>
          </div>
        ))}
      </dl>

      <section className={`${card} flex flex-col gap-3`} aria-labelledby="request">
        <h2 id="request" className="font-semibold">
          {t('payouts.requestTitle')}
        </h2>
        {balances.requested ? <p className="text-amber-900">{t('payouts.pendingRequest', { amount: dzd(balances.requested) })}</p> : null}
        {account ? (
          <p className="text-sm text-stone-700">
            {t('payouts.toAccount', { method: account.method.toUpperCase(), holder: account.holder ?? '' })}{' '}
            <bdi dir="ltr" className="font-mono">
              {account.account}
            </bdi>
          </p>
        ) : (
          <p className="text-sm text-amber-900">
            {t('payouts.errors.noAccount')}{' '}
            <Link to="/dashboard/settings" className="inline-flex min-h-11 items-center px-1 text-brand-700 underline">
              {t('payouts.settingsLink')}
            </Link>
          </p>
        )}
        {!balances.requested && balances.available < minimum ? (
          <p className="text-sm text-stone-600">{t('payouts.minimum', { minimum: dzd(minimum) })}</p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="request" />
          <button
            type="submit"
            disabled={!canRequest}
            className="min-h-12 w-full rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700 disabled:bg-stone-300 disabled:text-stone-600"
          >
            {t('payouts.requestButton', { amount: dzd(Math.max(0, balances.available)) })}
          </button>
        </Form>
      </section>

      {history.length ? (
        <section className={card} aria-labelledby="history">
          <h2 id="history" className="mb-2 font-semibold">
            {t('payouts.historyTitle')}
          </h2>
          <ul className="flex flex-col divide-y divide-stone-100">
            {history.map((p) => (
              <li key={p.id} className="flex flex-col gap-0.5 py-2" data-payout-status={p.status}>
                <div className="flex items-center justify-between gap-2">
                  <span className="font-semibold tabular-nums">
                    <bdi>{dzd(p.amount)}</bdi>
                  </span>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusTone[p.status]}`}>{t(`payouts.status.${p.status}`)}</span>
                </div>
                <span className="text-xs text-stone-600">
                  {t('payouts.requestedOn', { date: date(p.createdAt) })}
                  {p.processedAt ? ` · ${t(`payouts.processedOn.${p.status}`, { date: date(p.processedAt) })}` : ''}
                </span>
                {p.reference ? (
                  <span className="text-xs text-stone-700">
                    {t('payouts.reference')} <bdi dir="ltr">{p.reference}</bdi>
                  </span>
                ) : null}
                {p.failureReason ? (
                  <span className="text-xs text-red-800" dir="auto">
                    {p.failureReason}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {held.length ? <Entries title={t('payouts.heldTitle')} entries={held} language={language} showRelease /> : null}
      <Entries title={t('payouts.entriesTitle')} entries={released} language={language} />

      <section className={`${card} flex flex-col gap-2`} aria-labelledby="statements">
        <h2 id="statements" className="font-semibold">
          {t('payouts.statementsTitle')}
        </h2>
        <p className="text-sm text-stone-700">{t('payouts.statementsIntro')}</p>
        <div className="flex flex-wrap gap-2">
          <Link
            to={`/dashboard/payouts/statement?month=${month}`}
            className="inline-flex min-h-11 items-center rounded-full border border-brand-600 px-4 font-medium text-brand-700"
          >
            {t('payouts.statementLink')}
          </Link>
        </div>
      </section>
    </div>
  )
}

const statusTone = { requested: 'bg-amber-100 text-amber-900', paid: 'bg-brand-100 text-brand-800', failed: 'bg-red-100 text-red-800' } as const
