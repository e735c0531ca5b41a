import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { parseWithZod } from '@conform-to/zod/v4'
import { FormAlert } from '~/components/ui/form'
import { createPartnerKey, listPartnerKeys, revokePartnerKey } from '~/modules/partners/keys.server'
import { partnerDatasets } from '~/modules/partners/schemas'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// Partner API keys (issue 22, decision 021): an admin makes one (shown once, with its webhook
// secret), sees them all, revokes one at once.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

const KeySchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(2, 'validation.nameTooShort').max(120, 'validation.tooLong'),
  wilayaCodes: z
    .string({ error: 'validation.required' })
    .transform((v) => v.split(/[\s,]+/).filter(Boolean).map(Number))
    .pipe(z.array(z.number().int().min(1, 'validation.invalid').max(58, 'validation.invalid')).min(1, 'validation.required')),
  datasets: z.array(z.enum(partnerDatasets), { error: 'validation.required' }).min(1, 'validation.required'),
  ratePerMinute: z.coerce.number({ error: 'validation.number' }).int('validation.number').min(1, 'validation.number').max(10_000, 'validation.tooBig').default(60),
  webhookUrl: z.url({ protocol: /^https$/, error: 'validation.invalid' }).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const keys = await listPartnerKeys(await getDb())
  return { keys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null })) }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const t = await i18nServer.getFixedT(request)
  const form = await readForm(request)
  const db = await getDb()
  if (form.get('intent') === 'revoke') {
    await revokePartnerKey(db, { adminId: admin.id, keyId: String(form.get('keyId') ?? '') })
    throw redirect('/admin/partners', { headers: { 'Set-Cookie': await createToastHeader({ key: 'partners.revoked', type: 'success' }) } })
  }
  const submission = parseWithZod(form, { schema: KeySchema })
  if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error), created: null }
  const { key, webhookSecret } = await createPartnerKey(db, { adminId: admin.id, ...submission.value })
  // Shown once, in this answer only (never stored in clear, never in a redirect).
  return { message: null, created: { key, webhookSecret } }
}

const input = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function PartnersPage() {
  const { keys } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('partners.title')}</h1>
      <Link to="/api/docs" className="inline-flex min-h-11 items-center self-start text-brand-700 underline">{t('partners.docsTitle')}</Link>
      {actionData?.created ? (
        <div className="rounded-2xl border border-emerald-300 bg-emerald-50 p-4" role="status">
          <p className="font-semibold">{t('partners.shownOnce')}</p>
          <p className="mt-2 text-sm">{t('partners.key')}</p>
          <code dir="ltr" className="block break-all rounded bg-white p-2">{actionData.created.key}</code>
          {actionData.created.webhookSecret ? (
            <>
              <p className="mt-2 text-sm">{t('partners.webhookSecret')}</p>
              <code dir="ltr" className="block break-all rounded bg-white p-2">{actionData.created.webhookSecret}</code>
            </>
          ) : null}
        </div>
      ) : null}
      <ul className="flex flex-col divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white px-4">
        {keys.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <span className="flex flex-col">
              <span className="font-semibold">{k.name}</span>
              <span className="text-sm text-stone-600" dir="ltr">{k.keyPrefix}… · {k.wilayaCodes.join(', ')} · {k.datasets.join(', ')} · {k.ratePerMinute}/min</span>
              {k.revokedAt ? <span className="text-sm font-semibold text-red-700">{t('partners.revokedLabel')}</span> : null}
            </span>
            {k.revokedAt ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="keyId" value={k.id} />
                <button type="submit" className="min-h-11 rounded-full border border-red-700 px-4 font-medium text-red-700">{t('partners.revoke')}</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="new-key">
        <h2 id="new-key" className="mb-2 text-lg font-semibold">{t('partners.newKey')}</h2>
        <FormAlert message={actionData?.message} />
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="create" />
          <label className="flex flex-col gap-1 text-sm font-medium">{t('partners.name')}<input name="name" required className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('partners.wilayas')}<input name="wilayaCodes" required dir="ltr" placeholder="15, 16" className={input} /></label>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('partners.datasets')}</legend>
            {partnerDatasets.map((d) => (
              <label key={d} className="flex min-h-11 items-center gap-3"><input type="checkbox" name="datasets" value={d} defaultChecked className="size-5" /><span dir="ltr">{d}</span></label>
            ))}
          </fieldset>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('partners.rate')}<input name="ratePerMinute" defaultValue="60" inputMode="numeric" dir="ltr" className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('partners.webhookUrl')}<input name="webhookUrl" type="url" dir="ltr" className={input} /></label>
          <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">{t('partners.create')}</button>
        </Form>
      </section>
    </div>
  )
}
