import type { LoaderFunctionArgs } from '@remix-run/node'
import { getShopInsights, weeksParam } from '~/modules/insights/insights.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { toCsv, csvDinars } from '~/utils/csv'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'

// /dashboard/insights.csv?weeks=12 — the per-product figures, then the per-week figures, as a spreadsheet.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const weeks = weeksParam(new URL(request.url).searchParams.get('weeks'))
  const [db, t] = await Promise.all([getDb(), i18nServer.getFixedT(request)])
  const insights = await getShopInsights(db, shop.id, { weeks })
  const rate = (bps: number | null) => (bps === null ? '' : (bps / 100).toFixed(2))
  const header = [
    t('insights.week'),
    t('insights.product'),
    t('insights.views'),
    t('insights.favourites'),
    t('insights.orders'),
    t('insights.sales'),
    `${t('insights.conversion')} %`,
    `${t('insights.refusal')} %`,
  ]
  const rows = [
    ...insights.products.map((p) => [insights.since, p.title, p.views, p.favourites, p.orders, csvDinars(p.sales), rate(p.conversionBps), rate(p.refusalBps)]),
    ...insights.byWeek.map((w) => [w.week, '', w.views, w.favourites, w.orders, csvDinars(w.sales), '', '']),
  ]
  return new Response(toCsv(header, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-${shop.slug}-insights-${insights.since}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
