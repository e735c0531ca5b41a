import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert } from '~/components/ui/form'
import { getCommissionRates, listCategoryRates, setCommissionRate, UnknownCategoryError } from '~/modules/payouts/commission.server'
import { CommissionSchema } from '~/modules/payouts/schemas'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const [rates, categories] = await Promise.all([getCommissionRates(db, getEnv().COMMISSION_BPS), listCategoryRates(db)])
  return { language, defaultBps: rates.defaultBps, categories }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: CommissionSchema })
  if (submission.status !== 'success') {
    return { message: firstErrorMessage(t, submission.error), categoryId: String(submission.payload.categoryId ?? '') }
  }
  const categoryId = submission.value.categoryId || null
  const bps = submission.value.percent ?? null
  if (!categoryId && bps === null) return { message: t('validation.percent'), categoryId: '' }
  try {
    await setCommissionRate(await getDb(), { categoryId, bps, actorId: admin.id, ip: context.clientIp ?? null, fallbackBps: getEnv().COMMISSION_BPS })
  } catch (error) {
    if (error instanceof UnknownCategoryError) return { message: t('validation.invalid'), categoryId: '' }
    throw error
  }
  throw redirect('/admin/commission', { headers: { 'Set-Cookie': await createToastHeader({ key: 'commission.saved', type: 'success' }) } })
}

const input = 'min-h-11 w-24 rounded-xl border border-stone-300 bg-white px-3 text-base'
const percent = (bps: number) => String(bps / 100)

export default function CommissionPage() {
  const { language, defaultBps, categories } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const name = (c: (typeof categories)[number]) => (language === 'ar' ? c.nameAr : language === 'fr' ? c.nameFr : c.nameEn)
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <Link to="/admin/payouts" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('admin.payoutsLink')}
      </Link>
      <h1 className="text-2xl font-bold">{t('commission.title')}</h1>
      <p className="text-stone-700">{t('commission.intro')}</p>
      <FormAlert message={actionData && !actionData.categoryId ? actionData.message : null} />
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="platform">
        <h2 id="platform" className="mb-2 font-semibold">
          {t('commission.platform')}
        </h2>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('commission.percent')}
            <span className="flex items-center gap-1">
              <input name="percent" defaultValue={percent(defaultBps)} inputMode="decimal" dir="ltr" className={input} required />
              <span aria-hidden="true">%</span>
            </span>
          </label>
          <button type="submit" className="min-h-11 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
            {t('commission.save')}
          </button>
        </Form>
      </section>
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="categories">
        <h2 id="categories" className="mb-1 font-semibold">
          {t('commission.categories')}
        </h2>
        <p className="mb-2 text-sm text-stone-700">{t('commission.categoriesIntro')}</p>
        <ul className="flex flex-col divide-y divide-stone-100">
          {categories.map((c) => (
            <li key={c.id} className="flex flex-col gap-2 py-2">
              <Form method="post" className="flex flex-wrap items-end justify-between gap-2">
                <input type="hidden" name="categoryId" value={c.id} />
                <label className="flex flex-col gap-1 text-sm font-medium">
                  <span>
                    {c.parentId ? '↳ ' : ''}
                    {name(c)}
                  </span>
                  <span className="flex items-center gap-1">
                    <input
                      name="percent"
                      defaultValue={c.bps === null ? '' : percent(c.bps)}
                      placeholder={percent(defaultBps)}
                      inputMode="decimal"
                      dir="ltr"
                      className={input}
                    />
                    <span aria-hidden="true">%</span>
                  </span>
                </label>
                <button type="submit" className="min-h-11 rounded-full border border-brand-600 px-4 font-medium text-brand-700">
                  {t('commission.save')}
                </button>
              </Form>
              {actionData?.categoryId === c.id ? <FormAlert message={actionData.message} /> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
