import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireProducerShop } from '~/modules/shops/access.server'
import { monthParam } from '~/modules/payouts/schemas'
import { getStatement, statementToCsv, type StatementCsvLabels } from '~/modules/payouts/statement.server'
import { algeriaMonth } from '~/utils/dates'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'

// /dashboard/payouts/statement.csv?month=YYYY-MM — the same statement as a spreadsheet.
export async function loader({ request }: LoaderFunctionArgs) {
  // The producer's money and payout account: hers alone, a facilitator acting for her gets 403 (decision 021).
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const month = monthParam(new URL(request.url).searchParams.get('month')) ?? algeriaMonth(new Date())
  const [db, t] = await Promise.all([getDb(), i18nServer.getFixedT(request)])
  const statement = (await getStatement(db, shop.id, month))!
  const labels: StatementCsvLabels = {
    date: t('payouts.csv.date'),
    kind: t('payouts.csv.kind'),
    order: t('payouts.csv.order'),
    reference: t('payouts.csv.reference'),
    note: t('payouts.csv.note'),
    amount: t('payouts.csv.amount'),
    balance: t('payouts.csv.balance'),
    opening: t('payouts.statement.lines.opening'),
    closing: t('payouts.statement.lines.closing'),
    kinds: {
      sale: t('ledger.kinds.sale'),
      commission: t('ledger.kinds.commission'),
      refund: t('ledger.kinds.refund'),
      payout: t('ledger.kinds.payout'),
      adjustment: t('ledger.kinds.adjustment'),
    },
  }
  return new Response(statementToCsv(statement, labels), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-${shop.slug}-${month}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
