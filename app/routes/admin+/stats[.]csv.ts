import type { LoaderFunctionArgs } from '@remix-run/node'
import { STATS_TABLES, type StatsTable } from '~/modules/stats/filters'
import { getDashboardStats, listStatsCategories, parseStatsFilters, statsTable } from '~/modules/stats/stats.server'
import { toCsv } from '~/utils/csv'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'

// /admin/stats.csv?table=wilaya&… — one table of the dashboard (same filters) as a spreadsheet file.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['moderator', 'admin'])
  const params = new URL(request.url).searchParams
  const table: StatsTable = (STATS_TABLES as readonly string[]).includes(params.get('table') ?? '') ? (params.get('table') as StatsTable) : 'summary'
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const categories = await listStatsCategories(db, language)
  const filters = parseStatsFilters(params, { categoryIds: categories.map((c) => c.id) })
  const stats = await getDashboardStats(db, filters, language)
  const { header, rows } = statsTable(stats, table, language)
  return new Response(toCsv(header, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-stats-${table}-${filters.fromDay}-${filters.toDay}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
