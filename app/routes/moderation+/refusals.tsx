import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { refusalRates } from '~/modules/delivery/refusals.server'
import { getDb } from '~/utils/db.server'
import { requireRole } from '~/utils/permissions.server'
import { useTranslation } from '~/utils/translate'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['moderator', 'admin'])
  return refusalRates(await getDb())
}

const percent = (bps: number) => `${(bps / 100).toFixed(0)}%`

/** Parcels refused or returned over 90 days, per buyer and per shop (the COD risk the platform carries). */
export default function RefusalsPage() {
  const { buyers, shops } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const table = (rows: { id: string; name: string; email?: string | null; parcels: number; returned: number; rateBps: number }[], caption: string) => (
    <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
      <table className="w-full text-start text-sm">
        <caption className="p-3 text-start font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-200 text-stone-600">
            <th className="p-2 text-start">{t('delivery.refusals.who')}</th>
            <th className="p-2 text-end">{t('delivery.refusals.parcels')}</th>
            <th className="p-2 text-end">{t('delivery.refusals.returned')}</th>
            <th className="p-2 text-end">{t('delivery.refusals.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100">
              <td className="p-2">
                <bdi dir="auto">{r.name}</bdi>
                {r.email ? <bdi className="block text-xs text-stone-600">{r.email}</bdi> : null}
              </td>
              <td className="p-2 text-end tabular-nums">{r.parcels}</td>
              <td className="p-2 text-end tabular-nums">{r.returned}</td>
              <td className={`p-2 text-end font-semibold tabular-nums ${r.rateBps >= 3000 ? 'text-red-700' : ''}`}>{percent(r.rateBps)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="p-3 text-stone-600">
                {t('delivery.refusals.none')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('delivery.refusals.title')}</h1>
      <p className="text-stone-700">{t('delivery.refusals.intro')}</p>
      {table(buyers, t('delivery.refusals.buyers'))}
      {table(shops, t('delivery.refusals.shops'))}
    </div>
  )
}
