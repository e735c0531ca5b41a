import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/ui/form'
import { createFacilitator, listFacilitators, ProducerUnavailableError } from '~/modules/assistance/assistance.server'
import { FacilitatorSchema } from '~/modules/assistance/schemas'
import { placeName, wilayas } from '~/modules/geo/geo.server'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// Admins make facilitators (issue 22, decision 021): a name, an e-mail (she sets her password
// through "forgot password") and the wilayas she works in.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  return {
    facilitators: await listFacilitators(db),
    wilayas: wilayas.map((w) => ({ code: w.code, name: `${String(w.code).padStart(2, '0')} — ${placeName(w, language)}` })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const t = await i18nServer.getFixedT(request)
  const form = await readForm(request)
  const submission = parseWithZod(form, { schema: FacilitatorSchema })
  if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error) }
  try {
    await createFacilitator(await getDb(), { adminId: admin.id, ...submission.value })
  } catch (error) {
    if (error instanceof ProducerUnavailableError) return { message: t('assistance.errors.notBuyer') }
    throw error
  }
  throw redirect('/admin/facilitators', { headers: { 'Set-Cookie': await createToastHeader({ key: 'assistance.facilitatorSaved', type: 'success' }) } })
}

const input = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function FacilitatorsPage() {
  const { facilitators, wilayas } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('assistance.facilitators')}</h1>
      <ul className="flex flex-col divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white px-4">
        {facilitators.map((f) => (
          <li key={f.id} className="flex flex-col py-2">
            <span className="font-semibold">{f.name}</span>
            <span className="text-sm text-stone-600" dir="ltr">{f.email}</span>
            <span className="text-sm">{t('assistance.facilitatorLine', { wilayas: f.wilayaCodes.join(', '), count: f.active })}</span>
          </li>
        ))}
      </ul>
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="new-facilitator">
        <h2 id="new-facilitator" className="mb-2 text-lg font-semibold">{t('assistance.newFacilitator')}</h2>
        <FormAlert message={actionData?.message} />
        <Form method="post" className="flex flex-col gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('auth.fields.name')}
            <input name="name" required className={input} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('auth.fields.email')}
            <input name="email" type="email" dir="ltr" required className={input} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('assistance.wilayas')}
            <select name="wilayaCodes" multiple required size={8} className="w-full rounded-xl border border-stone-300 bg-white p-2 text-base">
              {wilayas.map((w) => (
                <option key={w.code} value={w.code}>{w.name}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">{t('assistance.createFacilitator')}</button>
        </Form>
      </section>
    </div>
  )
}
