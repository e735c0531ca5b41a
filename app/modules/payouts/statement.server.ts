import { and, asc, eq, gte, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { ledgerEntries, orders, payouts } from '#db/schema'
import { csvDinars, toCsv } from '~/utils/csv'
import { algeriaDayStart, algeriaTimestamp } from '~/utils/dates'
import { entryKindOrder, ledgerEntryColumns, type LedgerEntryRow } from './ledger.server'

// A shop's monthly statement, read from the ledger alone: opening balance (every entry before the
// month), the month's entries by kind, closing balance (every entry before the next month). So
// opening + movements = closing by construction, and closing = next month's opening.

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/

/** [start, end) of a month in Algeria; null for anything but YYYY-MM. */
export function monthBounds(month: string) {
  const match = monthPattern.exec(month)
  if (!match) return null
  const year = Number(match[1])
  const m = Number(match[2])
  const start = algeriaDayStart(`${month}-01`)!
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
  return { start, end: algeriaDayStart(`${next}-01`)!, next, previous: m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}` }
}

export type Statement = {
  month: string
  opening: number
  sales: number
  /** Net commission (negative: taken; a return gives it back). */
  commission: number
  refunds: number
  payouts: number
  adjustments: number
  closing: number
  entries: (LedgerEntryRow & { balance: number })[]
}

export async function getStatement(db: DbOrTx, shopId: string, month: string): Promise<Statement | null> {
  const bounds = monthBounds(month)
  if (!bounds) return null
  const [opening] = await db
    .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.shopId, shopId), lt(ledgerEntries.createdAt, bounds.start)))
  const rows = await db
    .select(ledgerEntryColumns)
    .from(ledgerEntries)
    .leftJoin(orders, eq(orders.id, ledgerEntries.orderId))
    .leftJoin(payouts, eq(payouts.id, ledgerEntries.payoutId))
    .where(and(eq(ledgerEntries.shopId, shopId), gte(ledgerEntries.createdAt, bounds.start), lt(ledgerEntries.createdAt, bounds.end)))
    .orderBy(asc(ledgerEntries.createdAt), entryKindOrder, asc(ledgerEntries.id))
  const by = (kind: LedgerEntryRow['kind']) => rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + r.amount, 0)
  let running = Number(opening?.total ?? 0)
  const entries = rows.map((row) => ({ ...row, balance: (running += row.amount) }))
  return {
    month,
    opening: Number(opening?.total ?? 0),
    sales: by('sale'),
    commission: by('commission'),
    refunds: by('refund'),
    payouts: by('payout'),
    adjustments: by('adjustment'),
    closing: running,
    entries,
  }
}

export type StatementCsvLabels = Record<'date' | 'kind' | 'order' | 'reference' | 'note' | 'amount' | 'balance' | 'opening' | 'closing', string> & {
  kinds: Record<LedgerEntryRow['kind'], string>
}

/** The statement as a spreadsheet: an opening line, one line per entry with the running balance, a closing line. */
export function statementToCsv(statement: Statement, labels: StatementCsvLabels) {
  return toCsv(
    [labels.date, labels.kind, labels.order, labels.reference, labels.note, labels.amount, labels.balance],
    [
      ['', labels.opening, '', '', '', '', csvDinars(statement.opening)],
      ...statement.entries.map((e) => [
        algeriaTimestamp(e.createdAt),
        labels.kinds[e.kind],
        e.orderNumber ?? '',
        e.payoutReference ?? '',
        e.note ?? '',
        csvDinars(e.amount),
        csvDinars(e.balance),
      ]),
      ['', labels.closing, '', '', '', '', csvDinars(statement.closing)],
    ]
  )
}
