import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { listFoodFlags, setCategoryFood } from '~/modules/catalog/food-categories.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const rows = await listFoodFlags(db)
  return { categories: rows.map((c) => ({ id: c.id, food: c.food, name: language === 'ar' ? c.nameAr : language === 'en' ? c.nameEn : c.nameFr })) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const form = await readForm(request)
  const categoryId = String(form.get('categoryId') ?? '').slice(0, 40)
  const food = form.get('food') === 'on'
  const ok = categoryId ? await setCategoryFood(await getDb(), { categoryId, food, actorId: admin.id, ip: context.clientIp ?? null }) : false
  if (!ok) throw new Response('Not found', { status: 404 })
  throw redirect('/admin/food-categories', { headers: { 'Set-Cookie': await createToastHeader({ key: 'food.saved', type: 'success' }) } })
}

/** One plain form per category (no JavaScript needed): tick "food" and save. */
export default function FoodCategoriesPage() {
  const { categories } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('food.categoriesTitle')}</h1>
      <p className="text-sm text-stone-600">{t('food.help')}</p>
      <ul className="flex flex-col divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white">
        {categories.map((c) => (
          <li key={c.id} className="p-3">
            <Form method="post" className="flex flex-wrap items-center justify-between gap-2">
              <input type="hidden" name="categoryId" value={c.id} />
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="food" defaultChecked={c.food} className="size-5 accent-brand-600" />
                <span dir="auto">{c.name}</span>
              </label>
              <button type="submit" className="min-h-11 rounded-lg border border-stone-300 px-3 text-sm font-medium hover:bg-stone-50">
                {t('food.save')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  )
}
