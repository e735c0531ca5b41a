import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, notices, outbox, reports } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { countAwaitingReview } from './queues.server'
import { decideOnProduct } from './product-review.server'
import {
  countOpenReports,
  createReport,
  dismissReport,
  listOpenReports,
  ProductNotPublicError,
  ReportAlreadyHandledError,
  reportLimits,
  type CreateReportInput,
} from './reports.server'
import { NotAllowedError } from './shop-review.server'

let t: TestDatabase
let moderator: { id: string; role: 'moderator' }
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  moderator = { id: (await createUser(t.db, { role: 'moderator' })).id, role: 'moderator' }
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

let ipCounter = 0
/** A fresh IP per call, so the per-IP limit only bites where a test means it to. */
const freshIp = () => `192.0.2.${++ipCounter}`

async function publicProduct(overrides: { status?: 'active' | 'pending_review' | 'rejected' | 'draft' | 'archived'; shopStatus?: 'approved' | 'suspended' | 'pending' } = {}) {
  const shop = await createShop(t.db, { status: overrides.shopStatus ?? 'approved' })
  return createProduct(t.db, { shopId: shop.id, categoryId, title: 'Miel de jujubier', status: overrides.status ?? 'active' })
}

const report = (input: Partial<CreateReportInput> & { slug: string }) => createReport(t.db, { reasonCode: 'counterfeit', ip: freshIp(), ...input })
const reportsOf = (productId: string) => t.db.select().from(reports).where(eq(reports.targetId, productId)).orderBy(reports.createdAt)

describe('createReport', () => {
  it('a logged-in buyer and a visitor can report a public product; the row holds reason, note, reporter and IP', async () => {
    const product = await publicProduct()
    const buyer = await createUser(t.db)
    expect(await report({ slug: product.slug, reasonCode: 'misleading', note: '  Ce n’est pas du miel pur.  ', reporterId: buyer.id, ip: '10.1.1.1' })).toMatchObject({
      status: 'created',
    })
    expect(await report({ slug: product.slug, reasonCode: 'other', ip: '10.1.1.2' })).toMatchObject({ status: 'created' })
    const rows = await reportsOf(product.id)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ targetType: 'product', reasonCode: 'misleading', note: 'Ce n’est pas du miel pur.', reporterId: buyer.id, reporterIp: '10.1.1.1', status: 'open' })
    expect(rows[1]).toMatchObject({ reporterId: null, reporterIp: '10.1.1.2', note: '' })
  })

  it('only public products can be reported: not pending, rejected, draft or archived ones, nor any in a shop that is not approved', async () => {
    const hidden = [
      await publicProduct({ status: 'pending_review' }),
      await publicProduct({ status: 'rejected' }),
      await publicProduct({ status: 'draft' }),
      await publicProduct({ status: 'archived' }),
      await publicProduct({ shopStatus: 'suspended' }),
      await publicProduct({ shopStatus: 'pending' }),
    ]
    for (const product of hidden) {
      await expect(report({ slug: product.slug })).rejects.toBeInstanceOf(ProductNotPublicError)
      expect(await reportsOf(product.id)).toHaveLength(0)
    }
    await expect(report({ slug: 'no-such-product' })).rejects.toBeInstanceOf(ProductNotPublicError)
  })

  it('one open report per user per product: a repeat writes nothing; after it is handled, a new one is accepted', async () => {
    const product = await publicProduct()
    const buyer = await createUser(t.db)
    expect((await report({ slug: product.slug, reporterId: buyer.id })).status).toBe('created')
    expect(await report({ slug: product.slug, reporterId: buyer.id, reasonCode: 'offensive', note: 'encore' })).toEqual({ status: 'duplicate' })
    // Same person, two tabs at once: still one report.
    await Promise.all([report({ slug: product.slug, reporterId: buyer.id }), report({ slug: product.slug, reporterId: buyer.id })])
    const rows = await reportsOf(product.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.reasonCode).toBe('counterfeit')

    // A visitor repeating from the same address is one report too.
    expect((await report({ slug: product.slug, ip: '10.9.9.9' })).status).toBe('created')
    expect((await report({ slug: product.slug, ip: '10.9.9.9' })).status).toBe('duplicate')
    expect(await reportsOf(product.id)).toHaveLength(2)

    await dismissReport(t.db, { reportId: rows[0]!.id, actor: moderator })
    expect((await report({ slug: product.slug, reporterId: buyer.id })).status).toBe('created')
  })

  it('is rate-limited per IP and per user; a refused attempt writes nothing', async () => {
    const products = await Promise.all(Array.from({ length: reportLimits.perIp.points + 1 }, () => publicProduct()))
    const ip = freshIp()
    for (const product of products.slice(0, reportLimits.perIp.points)) expect((await report({ slug: product.slug, ip })).status).toBe('created')
    const refused = await report({ slug: products.at(-1)!.slug, ip })
    expect(refused.status).toBe('limited')
    expect(refused.status === 'limited' && refused.retryAfterSeconds).toBeGreaterThan(0)
    expect(await reportsOf(products.at(-1)!.id)).toHaveLength(0)
    // Another address is not affected…
    expect((await report({ slug: products.at(-1)!.slug, ip: freshIp() })).status).toBe('created')

    // …but one account changing address is.
    const buyer = await createUser(t.db)
    for (const product of products.slice(0, reportLimits.perUser.points)) {
      expect((await report({ slug: product.slug, reporterId: buyer.id, ip: freshIp() })).status).toBe('created')
    }
    expect((await report({ slug: products.at(-1)!.slug, reporterId: buyer.id, ip: freshIp() })).status).toBe('limited')
  })
})

describe('the reports queue', () => {
  it('groups open reports by listing, most reported first, with reasons and notes; counted on the moderation home', async () => {
    const once = await publicProduct()
    const thrice = await publicProduct()
    await report({ slug: once.slug, reasonCode: 'offensive', note: 'photo choquante' })
    for (const reasonCode of ['counterfeit', 'misleading', 'other'] as const) await report({ slug: thrice.slug, reasonCode, note: reasonCode === 'other' ? 'Vendu ailleurs 3 fois moins cher' : '' })
    const queue = await listOpenReports(t.db)
    const ids = queue.map((group) => group.productId)
    expect(ids.indexOf(thrice.id)).toBeLessThan(ids.indexOf(once.id))
    const group = queue.find((g) => g.productId === thrice.id)!
    expect(group).toMatchObject({ title: 'Miel de jujubier', status: 'active', shopStatus: 'approved', reportCount: 3 })
    expect(group.reports.map((r) => r.reasonCode)).toEqual(['counterfeit', 'misleading', 'other'])
    expect(group.reports[2]!.note).toBe('Vendu ailleurs 3 fois moins cher')
    // Sorted by count overall.
    const counts = queue.map((g) => g.reportCount)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)

    const open = await countOpenReports(t.db)
    expect((await countAwaitingReview(t.db)).reports).toBe(open)
  })

  it('dismissing closes one report with exactly one audit row and no email or notice; a second dismissal is refused', async () => {
    const product = await publicProduct()
    await report({ slug: product.slug })
    await report({ slug: product.slug, reasonCode: 'other' })
    const [first, second] = await reportsOf(product.id)
    const tally = async () => ({
      audit: (await t.db.select({ n: count() }).from(auditLog))[0]!.n,
      outbox: (await t.db.select({ n: count() }).from(outbox))[0]!.n,
      notices: (await t.db.select({ n: count() }).from(notices))[0]!.n,
    })
    const before = await tally()
    await dismissReport(t.db, { reportId: first!.id, actor: moderator, ip: '197.0.0.1' })
    expect(await tally()).toEqual({ ...before, audit: before.audit + 1 })
    const rows = await reportsOf(product.id)
    expect(rows.map((r) => r.status)).toEqual(['dismissed', 'open'])
    expect(rows[0]).toMatchObject({ handledBy: moderator.id })
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, first!.id))
    expect(audit).toMatchObject({ action: 'report.dismiss', targetType: 'report', ip: '197.0.0.1', details: { productId: product.id, reportReasonCode: 'counterfeit' } })

    await expect(dismissReport(t.db, { reportId: first!.id, actor: moderator })).rejects.toBeInstanceOf(ReportAlreadyHandledError)
    const buyer = await createUser(t.db)
    await expect(dismissReport(t.db, { reportId: second!.id, actor: { id: buyer.id, role: 'buyer' } })).rejects.toBeInstanceOf(NotAllowedError)
    await expect(dismissReport(t.db, { reportId: second!.id, actor: { id: buyer.id, role: 'moderator' } })).rejects.toBeInstanceOf(NotAllowedError)
    expect(await tally()).toEqual({ ...before, audit: before.audit + 1 })
  })

  it('a take-down closes every open report of the listing, which then leaves the queue and can no longer be reported', async () => {
    const product = await publicProduct()
    for (let i = 0; i < 3; i++) await report({ slug: product.slug })
    await decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'take_down', reasonCode: 'reported_violation', siteUrl: 'https://taswiq.test' })
    expect((await reportsOf(product.id)).map((r) => r.status)).toEqual(['actioned', 'actioned', 'actioned'])
    expect((await listOpenReports(t.db)).map((g) => g.productId)).not.toContain(product.id)
    await expect(report({ slug: product.slug })).rejects.toBeInstanceOf(ProductNotPublicError)
  })
})
