import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { auditLog, users } from '#db/schema'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { csvCell, toCsv } from '~/utils/csv'
import { algeriaDayStart, algeriaTimestamp } from '~/utils/dates'
import type { Language } from '~/utils/i18n'
import { lookup, type Messages } from '~/utils/translate'

export { csvCell }

// The audit log: every moderator and admin decision, written in the decision's own transaction
// (so a decision without its audit row cannot exist), read by staff and exported for inspectors.
// Its own module because moderation, payouts and stats all write or read it; none of them owns it.
// The table itself (`audit_log`) is declared in db/schema/moderation.ts with the other staff tables.

/** Actions staff can filter on; a new kind of decision adds its action here and under `audit.actions` in the locales. */
export const auditActions = [
  'shop.approve',
  'shop.reject',
  'shop.request_changes',
  'shop.suspend',
  'shop.reinstate',
  'product.approve',
  'product.reject',
  'product.take_down',
  'report.dismiss',
  'payout.export',
  'payout.paid',
  'payout.failed',
  'ledger.adjustment',
  'commission.update',
  'assist.application_start',
  'assist.consent',
  'assist.consent_code_sent',
  'assist.application_submit',
  'assist.act',
  'assist.end',
  'facilitator.create',
  'partner.key_create',
  'partner.key_revoke',
  'local_cell.add',
  'local_cell.remove',
  'conversation.read',
  'messaging.block',
  'messaging.unblock',
  'return.decide',
] as const
export type AuditAction = (typeof auditActions)[number]

export type AuditEntry = {
  actorId: string
  action: string
  targetType: string
  targetId: string
  reasonCode?: string | null
  reason?: string | null
  ip?: string | null
  details?: Record<string, unknown>
  /** A facilitator acting for a producer: the row reads "by actor on behalf of this user". */
  onBehalfOfId?: string | null
}

/** Writes one audit row in the caller's transaction; returns its id. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry) {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reasonCode: entry.reasonCode ?? null,
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
      onBehalfOfId: entry.onBehalfOfId ?? null,
    })
    .returning({ id: auditLog.id })
  if (!row) throw new Error('audit insert returned no row')
  return row.id
}

export type AuditFilters = {
  action?: string
  actorId?: string
  targetType?: string
  targetId?: string
  /** Rows at or after this instant. */
  from?: Date
  /** Rows strictly before this instant (an end-of-day filter passes the next day's start). */
  to?: Date
  limit?: number
  /** The id of the last row of the previous page: the page continues after it. */
  before?: string
}

export type AuditRow = {
  id: string
  createdAt: Date
  actorId: string
  actorName: string
  actorEmail: string
  action: string
  targetType: string
  targetId: string
  reasonCode: string | null
  reason: string | null
  ip: string | null
  details: Record<string, unknown>
}

/** The CSV export's ceiling: enough for years of decisions, small enough to build in memory. */
export const AUDIT_EXPORT_LIMIT = 10_000

/** Audit rows newest first, with the actor's name and email; `nextCursor` is set when more rows follow. */
export async function listAudit(db: DbOrTx, filters: AuditFilters = {}): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const limit = Math.max(1, Math.min(filters.limit ?? 100, AUDIT_EXPORT_LIMIT))
  const conditions: (SQL | undefined)[] = [
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.targetType ? eq(auditLog.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(auditLog.targetId, filters.targetId) : undefined,
    // Column helpers type the Date for the driver (postgres.js refuses raw Date parameters).
    filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
    filters.to ? lt(auditLog.createdAt, filters.to) : undefined,
    // Keyset paging on (created_at, id) read from the cursor row itself: exact to the microsecond,
    // which a cursor carrying a JS Date (milliseconds) would not be. An unknown id gives no rows.
    filters.before ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (select c.created_at, c.id from ${auditLog} c where c.id = ${filters.before})` : undefined,
  ]
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
      // Staff have an email; a phone-only actor shows its number (decision 016).
      actorEmail: sql<string>`coalesce(${users.email}, ${users.phone}, '')`,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      reasonCode: auditLog.reasonCode,
      reason: auditLog.reason,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit).map((row) => ({ ...row, details: (row.details ?? {}) as Record<string, unknown> }))
  return { rows: page, nextCursor: rows.length > limit ? page.at(-1)?.id ?? null : null }
}

// ---------------------------------------------------------------------------------------------
// Filters from a query string, shared by the audit page and its CSV export so both show the same rows.

export type AuditFilterValues = { action: string; targetId: string; from: string; to: string }

/**
 * Reads the page's GET filters. Unknown or malformed values are dropped rather than refused: a
 * filter form should never end on an error page. `to` is inclusive of its whole day.
 */
export function parseAuditFilters(params: URLSearchParams): { values: AuditFilterValues; filters: AuditFilters } {
  const action = params.get('action') ?? ''
  const targetId = (params.get('targetId') ?? '').trim().slice(0, 64)
  const from = params.get('from') ?? ''
  const to = params.get('to') ?? ''
  const before = params.get('before') ?? ''
  const fromDate = algeriaDayStart(from)
  const toDayStart = algeriaDayStart(to)
  const values = {
    action: (auditActions as readonly string[]).includes(action) ? action : '',
    targetId,
    from: fromDate ? from : '',
    to: toDayStart ? to : '',
  }
  return {
    values,
    filters: {
      action: values.action || undefined,
      targetId: targetId || undefined,
      from: fromDate ?? undefined,
      to: toDayStart ? new Date(toDayStart.getTime() + 24 * 60 * 60 * 1000) : undefined,
      before: /^[a-z0-9]{1,64}$/i.test(before) ? before : undefined,
    },
  }
}

/** The same filters as a query string (empty values left out), for "next page" and CSV links. */
export function auditFilterQuery(values: Partial<AuditFilterValues> & { before?: string }) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value)
  return params.toString()
}

/** What a row is about, in words: the listing's title for product and report decisions, else the shop's name. */
export function auditTargetName(row: Pick<AuditRow, 'details'>): string | null {
  const { productTitle, shopName } = row.details
  if (typeof productTitle === 'string') return productTitle
  return typeof shopName === 'string' ? shopName : null
}

// ---------------------------------------------------------------------------------------------
// CSV export

const locales: Record<Language, Messages> = { ar, fr, en }

const csvColumns = [
  'when',
  'actorName',
  'actorEmail',
  'action',
  'actionCode',
  'targetType',
  'targetId',
  'targetName',
  'reasonCode',
  'reasonLabel',
  'reason',
  'ip',
] as const

/**
 * The audit rows as a CSV file in the reader's language: UTF-8 with a byte-order mark (without it
 * Excel reads UTF-8 as a legacy code page and Arabic becomes gibberish), comma-separated, CRLF
 * line ends. Codes are kept next to their translated labels so the file can also be filtered by code.
 */
export function auditToCsv(rows: AuditRow[], language: Language) {
  const label = (key: string, fallback: string) => lookup(locales[language], key) ?? fallback
  const header = csvColumns.map((column) => label(`audit.csv.${column}`, column))
  const lines = rows.map((row) => {
    const targetName = auditTargetName(row) ?? ''
    const cells: Record<(typeof csvColumns)[number], string | null> = {
      when: algeriaTimestamp(row.createdAt),
      actorName: row.actorName,
      actorEmail: row.actorEmail,
      action: label(`audit.actions.${row.action}`, row.action),
      actionCode: row.action,
      targetType: label(`audit.targetTypes.${row.targetType}`, row.targetType),
      targetId: row.targetId,
      targetName,
      reasonCode: row.reasonCode,
      reasonLabel: row.reasonCode ? label(`reasons.${row.reasonCode}`, label(`listingReasons.${row.reasonCode}`, row.reasonCode)) : '',
      reason: row.reason,
      ip: row.ip,
    }
    return csvColumns.map((column) => cells[column])
  })
  return toCsv(header, lines)
}
