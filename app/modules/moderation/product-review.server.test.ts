import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, notices, outbox, productImages, products, reports } from '#db/schema'
import fr from '~/locales/emails/fr.json'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { listAudit } from '~/modules/audit/audit.server'
import {
  allowedProductDecisions,
  decideOnProduct,
  getProductForReview,
  listPendingProducts,
  NotAllowedError,
  ProductAlreadyDecidedError,
  ProductNotFoundError,
  ReasonRequiredError,
  ShopNotApprovedError,
  type ProductStatus,
} from './product-review.server'

let t: TestDatabase
let moderator: { id: string; role: 'moderator' }
let admin: { id: string; role: 'admin' }
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  moderator = { id: (await createUser(t.db, { role: 'moderator', name: 'Mod Samia' })).id, role: 'moderator' }
  admin = { id: (await createUser(t.db, { role: 'admin', name: 'Admin Yacine' })).id, role: 'admin' }
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const DAY = 24 * 60 * 60 * 1000
const siteUrl = 'https://taswiq.test'

async function productOf(
  status: ProductStatus,
  { shopStatus = 'approved', locale = 'fr', submittedDaysAgo = 1, publishedAt = null }: { shopStatus?: 'approved' | 'pending' | 'suspended'; locale?: 'ar' | 'fr' | 'en'; submittedDaysAgo?: number; publishedAt?: Date | null } = {},
) {
  const owner = await createUser(t.db, { role: 'producer', locale, name: 'Ouardia' })
  const shop = await createShop(t.db, { ownerId: owner.id, status: shopStatus, name: 'Poterie Tasga' })
  const product = await createProduct(t.db, {
    shopId: shop.id,
    categoryId,
    title: 'Cruche kabyle',
    status,
    submittedAt: new Date(Date.now() - submittedDaysAgo * DAY),
    publishedAt: status === 'active' ? new Date(Date.now() - 10 * DAY) : publishedAt,
  })
  return { owner, shop, product }
}

const tableCount = async (table: typeof auditLog | typeof outbox | typeof notices) => (await t.db.select({ n: count() }).from(table))[0]!.n
const totals = async () => ({ audit: await tableCount(auditLog), outbox: await tableCount(outbox), notices: await tableCount(notices) })
const productRow = async (id: string) => (await t.db.select().from(products).where(eq(products.id, id)))[0]!

async function trail(productId: string, owner: { id: string; email: string }) {
  return {
    audit: await t.db.select().from(auditLog).where(eq(auditLog.targetId, productId)).orderBy(auditLog.createdAt),
    emails: await t.db.select().from(outbox).where(eq(outbox.toAddress, owner.email)).orderBy(outbox.createdAt),
    notices: await t.db.select().from(notices).where(eq(notices.userId, owner.id)).orderBy(notices.createdAt),
  }
}

describe('decideOnProduct: the state machine', () => {
  it('pending_review → active: published, reviewer recorded; one audit row, one notice, one email', async () => {
    const { owner, product } = await productOf('pending_review')
    const before = await totals()
    expect(await decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'approve', ip: '197.200.1.2', siteUrl })).toBe('active')

    const after = await productRow(product.id)
    expect(after).toMatchObject({ status: 'active', reviewedBy: moderator.id, reviewReasonCode: null, reviewReason: null })
    expect(after.reviewedAt).toBeInstanceOf(Date)
    expect(after.publishedAt).toBeInstanceOf(Date)

    expect(await totals()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1, notices: before.notices + 1 })
    const { audit, emails, notices: ownerNotices } = await trail(product.id, owner)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actorId: moderator.id,
      action: 'product.approve',
      targetType: 'product',
      targetId: product.id,
      reasonCode: null,
      ip: '197.200.1.2',
      details: { from: 'pending_review', to: 'active', productTitle: 'Cruche kabyle' },
    })
    expect(emails).toHaveLength(1)
    expect(emails[0]).toMatchObject({ kind: 'listing_decision', subject: fr.listingDecision.subject.approve.replace('{{productTitle}}', 'Cruche kabyle') })
    expect(emails[0]!.html).toContain(`href="https://taswiq.test/p/${product.slug}"`)
    expect(ownerNotices).toHaveLength(1)
    expect(ownerNotices[0]).toMatchObject({ kind: 'product_approve', data: { productTitle: 'Cruche kabyle', reasonCode: null, reason: null } })
  })

  it('a re-review after an edit keeps the first publication date, and is shown as such', async () => {
    const firstPublished = new Date(Date.now() - 30 * DAY)
    const { product } = await productOf('pending_review', { publishedAt: firstPublished })
    const review = await getProductForReview(t.db, product.id, { language: 'fr' })
    expect(review?.wasActive).toBe(true)
    const queue = await listPendingProducts(t.db, { language: 'fr' })
    expect(queue.find((row) => row.id === product.id)?.wasActive).toBe(true)
    await decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'approve', siteUrl })
    expect((await productRow(product.id)).publishedAt?.getTime()).toBe(firstPublished.getTime())
  })

  it('the review shows the versions in other languages that buyers will see, and only those written', async () => {
    const { product } = await productOf('pending_review')
    expect((await getProductForReview(t.db, product.id, { language: 'fr' }))?.versions).toEqual([])

    await t.db
      .update(products)
      .set({ titleFr: 'Cruche kabyle peinte', descriptionFr: 'Terre cuite de Tasga,\npeinte à la main.', titleEn: 'Painted Kabyle jug', descriptionAr: 'فخار تاسقة' })
      .where(eq(products.id, product.id))
    const review = await getProductForReview(t.db, product.id, { language: 'ar' })
    expect(review?.versions).toEqual([
      { language: 'ar', title: null, description: 'فخار تاسقة' },
      { language: 'fr', title: 'Cruche kabyle peinte', description: 'Terre cuite de Tasga,\npeinte à la main.' },
      { language: 'en', title: 'Painted Kabyle jug', description: null },
    ])
  })

  it('pending_review → rejected with a reason the producer reads in their language; then resubmitted and approved, the reason is cleared', async () => {
    const { owner, product } = await productOf('pending_review', { locale: 'ar' })
    expect(
      await decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'reject', reasonCode: 'poor_photos', reason: '  الصور مظلمة.  ', siteUrl }),
    ).toBe('rejected')
    expect(await productRow(product.id)).toMatchObject({ status: 'rejected', reviewReasonCode: 'poor_photos', reviewReason: 'الصور مظلمة.', publishedAt: null })
    const [email] = (await trail(product.id, owner)).emails
    expect(email!.text).toContain('الصور غير واضحة أو غير مناسبة')
    expect(email!.text).toContain('الصور مظلمة.')

    await t.db.update(products).set({ status: 'pending_review', submittedAt: new Date() }).where(eq(products.id, product.id))
    await decideOnProduct(t.db, { productId: product.id, actor: admin, decision: 'approve', siteUrl })
    expect(await productRow(product.id)).toMatchObject({ status: 'active', reviewReasonCode: null, reviewReason: null, reviewedBy: admin.id })
    const { audit, notices: ownerNotices } = await trail(product.id, owner)
    expect(audit.map((row) => row.action)).toEqual(['product.reject', 'product.approve'])
    expect(ownerNotices.map((n) => n.kind)).toEqual(['product_reject', 'product_approve'])
    expect(ownerNotices[0]!.data).toMatchObject({ reasonCode: 'poor_photos', reason: 'الصور مظلمة.' })
  })

  it('active → rejected by a take-down, which closes all the open reports of that product (and only those)', async () => {
    const { owner, product } = await productOf('active')
    const other = await productOf('active')
    const buyer = await createUser(t.db)
    await t.db.insert(reports).values([
      { targetType: 'product', targetId: product.id, reasonCode: 'counterfeit', reporterId: buyer.id },
      { targetType: 'product', targetId: product.id, reasonCode: 'other', note: 'faux', reporterIp: '10.0.0.1' },
      { targetType: 'product', targetId: product.id, reasonCode: 'offensive', status: 'dismissed' },
      { targetType: 'product', targetId: other.product.id, reasonCode: 'misleading' },
    ])
    const before = await totals()
    expect(
      await decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'take_down', reasonCode: 'reported_violation', reason: 'Contrefaçon avérée', siteUrl }),
    ).toBe('rejected')
    expect(await productRow(product.id)).toMatchObject({ status: 'rejected', reviewReasonCode: 'reported_violation', reviewReason: 'Contrefaçon avérée' })
    const rows = await t.db.select().from(reports).where(eq(reports.targetId, product.id))
    expect(rows.map((r) => r.status).sort()).toEqual(['actioned', 'actioned', 'dismissed'])
    expect(rows.filter((r) => r.status === 'actioned').every((r) => r.handledBy === moderator.id && r.handledAt)).toBe(true)
    expect((await t.db.select().from(reports).where(eq(reports.targetId, other.product.id)))[0]!.status).toBe('open')

    expect(await totals()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1, notices: before.notices + 1 })
    const { audit, emails, notices: ownerNotices } = await trail(product.id, owner)
    expect(audit[0]).toMatchObject({ action: 'product.take_down', reasonCode: 'reported_violation', details: { from: 'active', to: 'rejected', reportsClosed: 2 } })
    expect(emails[0]!.subject).toBe(fr.listingDecision.subject.take_down.replace('{{productTitle}}', 'Cruche kabyle'))
    expect(ownerNotices[0]!.kind).toBe('product_take_down')
  })

  it('the allowed transitions are exactly the documented ones; every other one throws and writes nothing', async () => {
    const statuses: ProductStatus[] = ['draft', 'pending_review', 'active', 'rejected', 'archived']
    expect(Object.fromEntries(statuses.map((s) => [s, allowedProductDecisions(s)]))).toEqual({
      draft: [],
      pending_review: ['approve', 'reject'],
      active: ['take_down'],
      rejected: [],
      archived: [],
    })
    for (const status of statuses) {
      for (const decision of ['approve', 'reject', 'take_down'] as const) {
        if (allowedProductDecisions(status).includes(decision)) continue
        const { product } = await productOf(status)
        const rowBefore = await productRow(product.id)
        const before = await totals()
        await expect(decideOnProduct(t.db, { productId: product.id, actor: moderator, decision, reasonCode: 'other', reason: 'x', siteUrl })).rejects.toBeInstanceOf(
          ProductAlreadyDecidedError,
        )
        expect(await productRow(product.id)).toEqual(rowBefore)
        expect(await totals()).toEqual(before)
      }
    }
  })

  it('a product of a shop that is not approved cannot be approved (but can be rejected)', async () => {
    for (const shopStatus of ['pending', 'suspended'] as const) {
      const { product } = await productOf('pending_review', { shopStatus })
      const before = await totals()
      await expect(decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(ShopNotApprovedError)
      expect((await productRow(product.id)).status).toBe('pending_review')
      expect(await totals()).toEqual(before)
      expect(await decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'reject', reasonCode: 'other', reason: 'Boutique fermée', siteUrl })).toBe(
        'rejected',
      )
    }
  })

  it('two moderators deciding at once: one wins, the other is told it was already decided', async () => {
    const { owner, product } = await productOf('pending_review')
    const results = await Promise.allSettled([
      decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'approve', siteUrl }),
      decideOnProduct(t.db, { productId: product.id, actor: admin, decision: 'reject', reasonCode: 'wrong_category', siteUrl }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(failures).toHaveLength(1)
    expect(failures[0]!.reason).toBeInstanceOf(ProductAlreadyDecidedError)
    const { audit, emails, notices: ownerNotices } = await trail(product.id, owner)
    expect([audit.length, emails.length, ownerNotices.length]).toEqual([1, 1, 1])
    // And a second approval afterwards is refused too.
    await expect(decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(ProductAlreadyDecidedError)
  })
})

describe('decideOnProduct: who may decide, and why', () => {
  it('a buyer or a producer may not decide, nor someone merely claiming a staff role; nothing is written', async () => {
    const { product } = await productOf('pending_review')
    const buyer = await createUser(t.db, { role: 'buyer' })
    const producer = await createUser(t.db, { role: 'producer' })
    const disabled = await createUser(t.db, { role: 'moderator', disabledAt: new Date() })
    const rowBefore = await productRow(product.id)
    const before = await totals()
    for (const actor of [
      { id: buyer.id, role: 'buyer' },
      { id: producer.id, role: 'producer' },
      { id: buyer.id, role: 'moderator' },
      { id: disabled.id, role: 'moderator' },
      { id: 'no-such-user', role: 'admin' },
    ]) {
      await expect(decideOnProduct(t.db, { productId: product.id, actor, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(NotAllowedError)
    }
    expect(await productRow(product.id)).toEqual(rowBefore)
    expect(await totals()).toEqual(before)
  })

  it('staff never decide on their own listings', async () => {
    const staffSeller = await createUser(t.db, { role: 'moderator' })
    const shop = await createShop(t.db, { ownerId: staffSeller.id })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, status: 'pending_review', publishedAt: null })
    await expect(decideOnProduct(t.db, { productId: product.id, actor: { id: staffSeller.id, role: 'moderator' }, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(
      NotAllowedError,
    )
  })

  it('a rejection needs a reason from its list, and "other" needs words', async () => {
    const { product } = await productOf('pending_review')
    const before = await totals()
    for (const [reasonCode, reason] of [
      [null, 'x'],
      ['complaints', 'x'],
      ['reported_violation', 'x'],
      ['other', '   '],
    ] as const) {
      await expect(decideOnProduct(t.db, { productId: product.id, actor: moderator, decision: 'reject', reasonCode, reason, siteUrl })).rejects.toBeInstanceOf(ReasonRequiredError)
    }
    expect(await totals()).toEqual(before)
    expect((await productRow(product.id)).status).toBe('pending_review')
  })

  it('an unknown product is reported as such', async () => {
    await expect(decideOnProduct(t.db, { productId: 'nope', actor: moderator, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(ProductNotFoundError)
  })
})

describe('the review queue', () => {
  it('lists pending listings oldest first, with age, shop, photos count and cover; decided ones leave it', async () => {
    const older = await productOf('pending_review', { submittedDaysAgo: 40 })
    const newer = await productOf('pending_review', { submittedDaysAgo: 39 })
    await t.db.insert(productImages).values([
      { productId: older.product.id, storageKey: `products/${older.product.id}/b`, width: 1280, height: 960, position: 1 },
      { productId: older.product.id, storageKey: `products/${older.product.id}/a`, width: 1280, height: 960, position: 0 },
    ])
    const now = new Date()
    const queue = await listPendingProducts(t.db, { language: 'fr', now })
    const ids = queue.map((row) => row.id)
    expect(ids.indexOf(older.product.id)).toBeLessThan(ids.indexOf(newer.product.id))
    expect(ids.indexOf(older.product.id)).toBe(0)
    const first = queue[0]!
    expect(first).toMatchObject({ shopName: 'Poterie Tasga', shopStatus: 'approved', imageCount: 2, wasActive: false })
    expect(Math.round(first.ageMs / DAY)).toBe(40)
    expect(first.image?.srcSet).toContain(`products/${older.product.id}/a-320.webp`)

    await decideOnProduct(t.db, { productId: older.product.id, actor: moderator, decision: 'approve', siteUrl })
    expect((await listPendingProducts(t.db, { language: 'fr' })).map((row) => row.id)).not.toContain(older.product.id)
    const { rows } = await listAudit(t.db, { action: 'product.approve', targetId: older.product.id })
    expect(rows).toHaveLength(1)
  })
})
