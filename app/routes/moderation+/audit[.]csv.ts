import type { LoaderFunctionArgs } from '@remix-run/node'
import { AUDIT_EXPORT_LIMIT, auditToCsv, listAudit, parseAuditFilters } from '~/modules/audit/audit.server'
import { algeriaDay } from '~/utils/dates'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'

// /moderation/audit.csv — the audit page's rows (same filters, every page) as a spreadsheet file.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const { filters } = parseAuditFilters(new URL(request.url).searchParams)
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  // The whole filtered log, not the page the moderator was on.
  const { rows } = await listAudit(db, { ...filters, before: undefined, limit: AUDIT_EXPORT_LIMIT })
  return new Response(auditToCsv(rows, language), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-audit-${algeriaDay(new Date())}.csv"`,
      // Names, emails and IPs: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  })
}
