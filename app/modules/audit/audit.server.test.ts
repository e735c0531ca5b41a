import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '#db/schema'
import ar from '~/locales/ar.json'
import fr from '~/locales/fr.json'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createUser } from '../../../tests/support/factories'
import { algeriaDay, algeriaDayStart } from '~/utils/dates'
import {
  auditFilterQuery,
  auditToCsv,
  csvCell,
  listAudit,
  parseAuditFilters,
  writeAudit,
  type AuditRow,
} from './audit.server'

let t: TestDatabase
let samia: { id: string }
let yacine: { id: string }
beforeAll(async () => {
  t = await createTestDatabase()
  samia = await createUser(t.db, { role: 'moderator', name: 'سامية', email: 'samia@taswiq.dz' })
  yacine = await createUser(t.db, { role: 'admin', name: 'Yacine', email: 'yacine@taswiq.dz' })
  // A small log at known times (Algeria is UTC+1): three days of decisions on two shops.
  const at = (iso: string) => new Date(iso)
  await t.db.insert(auditLog).values([
    { actorId: samia.id, action: 'shop.reject', targetType: 'shop', targetId: 'shop-a', reasonCode: 'incomplete_documents', createdAt: at('2025-03-01T09:00:00Z') },
    { actorId: samia.id, action: 'shop.approve', targetType: 'shop', targetId: 'shop-a', createdAt: at('2025-03-02T09:00:00Z') },
    { actorId: yacine.id, action: 'shop.approve', targetType: 'shop', targetId: 'shop-b', createdAt: at('2025-03-02T23:30:00Z') }, // 3 March, 00:30 in Algiers
    { actorId: yacine.id, action: 'shop.suspend', targetType: 'shop', targetId: 'shop-a', reasonCode: 'complaints', createdAt: at('2025-03-03T10:00:00Z') },
  ])
})
afterAll(async () => {
  await t?.close()
})

const actions = (rows: AuditRow[]) => rows.map((r) => `${r.action}:${r.targetId}`)

describe('writeAudit and listAudit', () => {
  it('writes one row and reads it back newest first with the actor’s name and email', async () => {
    const own = await createTestDatabase()
    try {
      const actor = await createUser(own.db, { role: 'moderator', name: 'Nadia', email: 'nadia@taswiq.dz' })
      const id = await writeAudit(own.db, {
        actorId: actor.id,
        action: 'shop.reject',
        targetType: 'shop',
        targetId: 'shop-x',
        reasonCode: 'other',
        reason: 'سبب',
        ip: '2001:db8::1',
        details: { from: 'pending', to: 'rejected', shopName: 'Zarbia' },
      })
      await writeAudit(own.db, { actorId: actor.id, action: 'shop.approve', targetType: 'shop', targetId: 'shop-y' })
      const { rows, nextCursor } = await listAudit(own.db)
      expect(nextCursor).toBeNull()
      expect(rows.map((r) => r.targetId)).toEqual(['shop-y', 'shop-x'])
      expect(rows[1]).toMatchObject({
        id,
        actorName: 'Nadia',
        actorEmail: 'nadia@taswiq.dz',
        reasonCode: 'other',
        reason: 'سبب',
        ip: '2001:db8::1',
        details: { from: 'pending', to: 'rejected', shopName: 'Zarbia' },
      })
      expect(rows[0]).toMatchObject({ reasonCode: null, reason: null, ip: null, details: {} })
      expect(rows[0]!.createdAt).toBeInstanceOf(Date)
    } finally {
      await own.close()
    }
  })

  it('filters compose: action, actor, target and a date window, together', async () => {
    expect(actions((await listAudit(t.db)).rows)).toEqual(['shop.suspend:shop-a', 'shop.approve:shop-b', 'shop.approve:shop-a', 'shop.reject:shop-a'])
    expect(actions((await listAudit(t.db, { action: 'shop.approve' })).rows)).toEqual(['shop.approve:shop-b', 'shop.approve:shop-a'])
    expect(actions((await listAudit(t.db, { action: 'shop.approve', actorId: yacine.id })).rows)).toEqual(['shop.approve:shop-b'])
    expect(actions((await listAudit(t.db, { targetType: 'shop', targetId: 'shop-a', actorId: samia.id })).rows)).toEqual([
      'shop.approve:shop-a',
      'shop.reject:shop-a',
    ])
    const window = { from: new Date('2025-03-02T00:00:00Z'), to: new Date('2025-03-03T00:00:00Z') }
    expect(actions((await listAudit(t.db, window)).rows)).toEqual(['shop.approve:shop-b', 'shop.approve:shop-a'])
    expect(actions((await listAudit(t.db, { ...window, targetId: 'shop-a' })).rows)).toEqual(['shop.approve:shop-a'])
    expect(actions((await listAudit(t.db, { ...window, action: 'shop.suspend' })).rows)).toEqual([])
  })

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const first = await listAudit(t.db, { limit: 3 })
    expect(first.rows).toHaveLength(3)
    expect(first.nextCursor).toBe(first.rows[2]!.id)
    const second = await listAudit(t.db, { limit: 3, before: first.nextCursor! })
    expect(actions(second.rows)).toEqual(['shop.reject:shop-a'])
    expect(second.nextCursor).toBeNull()
    // The cursor composes with the filters too.
    const approvals = await listAudit(t.db, { action: 'shop.approve', limit: 1 })
    expect(actions((await listAudit(t.db, { action: 'shop.approve', before: approvals.nextCursor! })).rows)).toEqual(['shop.approve:shop-a'])
    // A tampered cursor gives an empty page, not an error.
    expect((await listAudit(t.db, { before: 'nonexistent' })).rows).toEqual([])
  })

  it('reads the page’s query string: days in Algeria time, the "to" day included, junk dropped', async () => {
    const { values, filters } = parseAuditFilters(new URLSearchParams('action=shop.approve&targetId=%20shop-b%20&from=2025-03-03&to=2025-03-03&before=abc123'))
    expect(values).toEqual({ action: 'shop.approve', targetId: 'shop-b', from: '2025-03-03', to: '2025-03-03' })
    expect(filters.from?.toISOString()).toBe('2025-03-02T23:00:00.000Z')
    expect(filters.to?.toISOString()).toBe('2025-03-03T23:00:00.000Z')
    expect(filters.before).toBe('abc123')
    // The approval at 00:30 on 3 March in Algiers (23:30 UTC on the 2nd) belongs to the 3rd.
    expect(actions((await listAudit(t.db, { ...filters, before: undefined })).rows)).toEqual(['shop.approve:shop-b'])

    const junk = parseAuditFilters(new URLSearchParams('action=drop.tables&from=yesterday&to=2025-13-45&before=%27;--'))
    expect(junk.values).toEqual({ action: '', targetId: '', from: '', to: '' })
    expect(junk.filters).toEqual({ action: undefined, targetId: undefined, from: undefined, to: undefined, before: undefined })
    expect(algeriaDayStart('2025-02-30')).toBeNull()
    expect(auditFilterQuery({ action: 'shop.approve', targetId: '', from: '2025-03-01', to: '' })).toBe('action=shop.approve&from=2025-03-01')
    expect(algeriaDay(new Date('2025-03-02T23:30:00Z'))).toBe('2025-03-03')
  })
})

/** A small RFC 4180 reader, to check the file parses back into the same cells. */
function parseCsv(text: string) {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        cell += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      cell += c
    }
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

const row = (overrides: Partial<AuditRow>): AuditRow => ({
  id: 'a1',
  createdAt: new Date('2025-03-02T23:30:00Z'),
  actorId: 'u1',
  actorName: 'سامية بن علي',
  actorEmail: 'samia@taswiq.dz',
  action: 'shop.reject',
  targetType: 'shop',
  targetId: 'shop-a',
  reasonCode: 'incomplete_documents',
  reason: 'الوثائق ناقصة: بطاقة الحرفي',
  ip: '197.200.1.2',
  details: { from: 'pending', to: 'rejected', shopName: 'فخار تاسقة' },
  ...overrides,
})

describe('auditToCsv', () => {
  it('starts with a BOM, ends lines with CRLF, and keeps Arabic intact in the reader’s language', () => {
    const csv = auditToCsv([row({})], 'ar')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    // Once UTF-8 encoded and decoded, as a browser download would be.
    const bytes = new TextEncoder().encode(csv)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, line] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1))
    expect(header![0]).toBe(ar.audit.csv.when)
    expect(header).toHaveLength(12)
    expect(line).toEqual([
      '2025-03-03 00:30:00',
      'سامية بن علي',
      'samia@taswiq.dz',
      ar.audit.actions.shop.reject,
      'shop.reject',
      ar.audit.targetTypes.shop,
      'shop-a',
      'فخار تاسقة',
      'incomplete_documents',
      ar.reasons.incomplete_documents,
      // The reason holds a colon and Arabic only: no quoting needed, nothing altered.
      'الوثائق ناقصة: بطاقة الحرفي',
      '197.200.1.2',
    ])
  })

  it('labels in French for a French reader; unknown codes are shown as they are', () => {
    const csv = auditToCsv([row({ action: 'shop.merge', reasonCode: 'new_code' })], 'fr')
    const [header, line] = parseCsv(csv.slice(1))
    expect(header![0]).toBe(fr.audit.csv.when)
    expect(line![3]).toBe('shop.merge')
    expect(line![9]).toBe('new_code')
  })

  it('quotes commas, quotes and line breaks (RFC 4180) and reads back the same', () => {
    const reason = 'Pièces floues, "carte" illisible\r\nmerci de renvoyer\nune photo'
    const csv = auditToCsv([row({ reason, actorName: 'Benali, Samia' })], 'fr')
    expect(csv).toContain('"Pièces floues, ""carte"" illisible\r\nmerci de renvoyer\nune photo"')
    expect(csv).toContain('"Benali, Samia"')
    const [, line] = parseCsv(csv.slice(1))
    expect(line![1]).toBe('Benali, Samia')
    expect(line![10]).toBe(reason)
  })

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const dangerous of ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(dangerous).replace(/^"/, '').startsWith(`'`)).toBe(true)
    }
    expect(csvCell('=1+1')).toBe(`'=1+1`)
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`)
    expect(csvCell('safe = text')).toBe('safe = text')
    expect(csvCell(null)).toBe('')

    const csv = auditToCsv([row({ reason: '=cmd|\' /C calc\'!A0', details: { shopName: '@SUM(1+1)*cmd' }, actorName: '-evil' })], 'en')
    const [, line] = parseCsv(csv.slice(1))
    expect(line![1]).toBe('\'-evil')
    expect(line![7]).toBe("'@SUM(1+1)*cmd")
    expect(line![10]).toBe("'=cmd|' /C calc'!A0")
    // No cell of the data row starts with a formula trigger once read back.
    for (const cell of line!) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('an empty log is a header line only', () => {
    const csv = auditToCsv([], 'en')
    expect(parseCsv(csv.slice(1))).toHaveLength(1)
  })
})
