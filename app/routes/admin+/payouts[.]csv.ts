import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { exportPayoutBatch } from '~/modules/payouts/payouts.server'
import { algeriaDay } from '~/utils/dates'
import { getDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'

// POST /admin/payouts.csv — every open payout request as the transfer file for the bank or
// Algérie Poste. A POST because exporting stamps the rows as sent; a GET here goes back to the page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  return redirect('/admin/payouts')
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'admin')
  const [db, language, t] = await Promise.all([getDb(), getLanguage(request), i18nServer.getFixedT(request)])
  const labels = {
    shop: t('admin.csv.shop'),
    holder: t('admin.csv.holder'),
    method: t('admin.csv.method'),
    account: t('admin.csv.account'),
    amount: t('admin.csv.amount'),
    amountCentimes: t('admin.csv.amountCentimes'),
    requestedAt: t('admin.csv.requestedAt'),
    id: t('admin.csv.id'),
  }
  const { csv } = await exportPayoutBatch(db, { adminId: admin.id, language, labels })
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-payouts-${algeriaDay(new Date())}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
