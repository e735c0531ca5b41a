import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormAlert } from '~/components/ui/form'
import { PhoneSchema } from '~/modules/accounts/schemas'
import { getCommune } from '~/modules/geo/geo.server'
import { addLocalCell, listLocalCells, removeLocalCell } from '~/modules/nearme/near-me.server'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// The ministry's local cells (issue 22), kept by admins and listed on /near-me.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

const text = (max: number) => z.string({ error: 'validation.required' }).trim().min(2, 'validation.required').max(max, 'validation.tooLong')
const CellSchema = z
  .object({
    wilayaCode: z.coerce.number({ error: 'validation.required' }).int().min(1, 'validation.invalid').max(58, 'validation.invalid'),
    communeCode: z.string().regex(/^\d{4,5}$/, 'validation.invalid').optional(),
    name: text(120),
    address: text(300),
    phone: z.string({ error: 'validation.required' }).trim().min(9, 'validation.phone').max(30, 'validation.tooLong').refine((v) => PhoneSchema.safeParse(v).success || /^0\d[\d\s]{7,12}$/.test(v), 'validation.phone'),
    hours: text(120),
  })
  .refine((v) => !v.communeCode || getCommune(v.communeCode)?.wilayaCode === v.wilayaCode, { path: ['communeCode'], message: 'validation.invalid' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  return { cells: await listLocalCells(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const t = await i18nServer.getFixedT(request)
  const form = await readForm(request)
  const db = await getDb()
  if (form.get('intent') === 'remove') {
    await removeLocalCell(db, { adminId: admin.id, cellId: String(form.get('cellId') ?? '') })
  } else {
    const submission = parseWithZod(form, { schema: CellSchema })
    if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error) }
    await addLocalCell(db, { adminId: admin.id, ...submission.value })
  }
  throw redirect('/admin/local-cells', { headers: { 'Set-Cookie': await createToastHeader({ key: 'nearMe.saved', type: 'success' }) } })
}

const input = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function LocalCellsPage() {
  const { cells } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('nearMe.cellsAdmin')}</h1>
      <ul className="flex flex-col divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white px-4">
        {cells.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <span className="flex flex-col">
              <span className="font-semibold" dir="auto">{c.name}</span>
              <span className="text-sm text-stone-600" dir="auto">{c.wilayaCode} · {c.address} · {c.phone} · {c.hours}</span>
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="cellId" value={c.id} />
              <button type="submit" className="min-h-11 rounded-full border border-red-700 px-4 font-medium text-red-700">{t('nearMe.remove')}</button>
            </Form>
          </li>
        ))}
      </ul>
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="new-cell">
        <h2 id="new-cell" className="mb-2 text-lg font-semibold">{t('nearMe.addCell')}</h2>
        <FormAlert message={actionData?.message} />
        <Form method="post" className="flex flex-col gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium">{t('nearMe.wilaya')}<input name="wilayaCode" inputMode="numeric" dir="ltr" required className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('nearMe.communeCode')}<input name="communeCode" inputMode="numeric" dir="ltr" className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('nearMe.name')}<input name="name" required className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('nearMe.address')}<input name="address" required className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('nearMe.phone')}<input name="phone" type="tel" dir="ltr" required className={input} /></label>
          <label className="flex flex-col gap-1 text-sm font-medium">{t('nearMe.hours')}<input name="hours" required className={input} /></label>
          <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">{t('nearMe.addCell')}</button>
        </Form>
      </section>
    </div>
  )
}
