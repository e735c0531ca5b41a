import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { requireRole } from '~/utils/permissions.server'
import { useTranslation } from '~/utils/translate'

// The administrators' home: every admin page in one list, grouped. The ministry's tools (issue 22:
// facilitators, partner keys, local cells) had no way in but their address; the header's banknote
// still goes straight to payouts, the daily page, and this page is reached from the moderation home.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  return null
}

const groups = [
  {
    key: 'adminHome.money',
    links: [
      { to: '/admin/payouts', title: 'admin.payouts.title' },
      { to: '/admin/payments', title: 'payments.admin.title' },
      { to: '/admin/commission', title: 'commission.title' },
    ],
  },
  { key: 'adminHome.settings', links: [{ to: '/admin/food-categories', title: 'food.categoriesTitle' }] },
  {
    key: 'adminHome.ministry',
    links: [
      { to: '/admin/facilitators', title: 'assistance.facilitators', help: 'adminHome.facilitatorsHelp' },
      { to: '/admin/partners', title: 'partners.title', help: 'adminHome.partnersHelp' },
      { to: '/admin/local-cells', title: 'nearMe.cellsAdmin', help: 'adminHome.localCellsHelp' },
      { to: '/admin/stats', title: 'stats.title' },
    ],
  },
] as const

export default function AdminHome() {
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('adminHome.title')}</h1>
      <p className="text-stone-700">{t('adminHome.intro')}</p>
      {groups.map((group) => (
        <section key={group.key} className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby={group.key}>
          <h2 id={group.key} className="mb-2 text-lg font-semibold">
            {t(group.key)}
          </h2>
          <ul className="flex flex-col divide-y divide-stone-100">
            {group.links.map((link) => (
              <li key={link.to}>
                <Link to={link.to} className="flex min-h-12 flex-col justify-center py-2 hover:text-brand-700">
                  <span className="font-medium text-brand-700 underline">{t(link.title)}</span>
                  {'help' in link ? <span className="text-sm text-stone-600">{t(link.help)}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
