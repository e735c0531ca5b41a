import { and, count, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, notices, outbox, shippingRates, shopDocuments, shops, users } from '#db/schema'
import ar from '~/locales/emails/ar.json'
import fr from '~/locales/emails/fr.json'
import { countUnreadNotices, listNotices, markNoticesRead } from '~/modules/notifications/notices.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createShop, createUser } from '../../../tests/support/factories'
import {
  allowedDecisions,
  decideOnShop,
  getShopForReview,
  InvalidTransitionError,
  listPendingApplications,
  listShopsByStatus,
  NotAllowedError,
  ReasonRequiredError,
  shopDecisions,
  ShopNotFoundError,
  type ShopDecision,
  type ShopStatus,
} from './shop-review.server'

let t: TestDatabase
let moderator: { id: string; role: 'moderator' }
let admin: { id: string; role: 'admin' }
beforeAll(async () => {
  t = await createTestDatabase()
  moderator = { id: (await createUser(t.db, { role: 'moderator', name: 'Mod Samia' })).id, role: 'moderator' }
  admin = { id: (await createUser(t.db, { role: 'admin', name: 'Admin Yacine' })).id, role: 'admin' }
})
afterAll(async () => {
  await t?.close()
})

const DAY = 24 * 60 * 60 * 1000
const siteUrl = 'https://taswiq.test'

async function shopOf(status: ShopStatus, { ownerRole = 'buyer', locale = 'fr', submittedDaysAgo = 2 }: { ownerRole?: 'buyer' | 'producer' | 'moderator'; locale?: 'ar' | 'fr' | 'en'; submittedDaysAgo?: number } = {}) {
  const owner = await createUser(t.db, { role: ownerRole, locale, name: 'Ouardia' })
  const shop = await createShop(t.db, {
    ownerId: owner.id,
    name: 'Poterie de Tasga',
    status,
    submittedAt: status === 'draft' ? null : new Date(Date.now() - submittedDaysAgo * DAY),
  })
  return { owner, shop }
}

const tableCount = async (table: typeof auditLog | typeof outbox | typeof notices) => (await t.db.select({ n: count() }).from(table))[0]!.n
const totals = async () => ({ audit: await tableCount(auditLog), outbox: await tableCount(outbox), notices: await tableCount(notices) })

/** What one shop's decisions left behind: its audit rows, its owner's emails and notices. */
async function trail(shopId: string, owner: { id: string; email: string }) {
  return {
    audit: await t.db.select().from(auditLog).where(eq(auditLog.targetId, shopId)).orderBy(auditLog.createdAt),
    emails: await t.db.select().from(outbox).where(eq(outbox.toAddress, owner.email)).orderBy(outbox.createdAt),
    notices: await t.db.select().from(notices).where(eq(notices.userId, owner.id)).orderBy(notices.createdAt),
  }
}

const shopRow = async (id: string) => (await t.db.select().from(shops).where(eq(shops.id, id)))[0]!
const roleOf = async (id: string) => (await t.db.select({ role: users.role }).from(users).where(eq(users.id, id)))[0]!.role
const ratesOf = async (shopId: string) => (await t.db.select({ n: count() }).from(shippingRates).where(eq(shippingRates.shopId, shopId)))[0]!.n

describe('decideOnShop: the state machine', () => {
  it('pending → approved: the buyer becomes a producer, gets the shipping table, one audit row, one notice, one email', async () => {
    const { owner, shop } = await shopOf('pending')
    const before = await totals()
    const status = await decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'approve', ip: '197.200.1.2', siteUrl })
    expect(status).toBe('approved')

    const after = await shopRow(shop.id)
    expect(after).toMatchObject({ status: 'approved', reviewedBy: moderator.id, reviewReasonCode: null, reviewReason: null })
    expect(after.reviewedAt).toBeInstanceOf(Date)
    expect(await roleOf(owner.id)).toBe('producer')

    const [defaults] = await t.db.select({ n: count() }).from(shippingRates).where(isNull(shippingRates.shopId))
    expect(await ratesOf(shop.id)).toBe(defaults!.n)
    expect(await ratesOf(shop.id)).toBe(58)

    expect(await totals()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1, notices: before.notices + 1 })
    const { audit, emails, notices: ownerNotices } = await trail(shop.id, owner)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actorId: moderator.id,
      action: 'shop.approve',
      targetType: 'shop',
      targetId: shop.id,
      reasonCode: null,
      ip: '197.200.1.2',
      details: { from: 'pending', to: 'approved', shopName: 'Poterie de Tasga' },
    })
    expect(emails).toHaveLength(1)
    // In the owner's language (French here), linking to their dashboard.
    expect(emails[0]).toMatchObject({ kind: 'shop_decision', subject: fr.shopDecision.subject.approve.replace('{{shopName}}', 'Poterie de Tasga') })
    expect(emails[0]!.html).toContain('href="https://taswiq.test/dashboard"')
    expect(emails[0]!.payload).toMatchObject({ language: 'fr', data: { decision: 'approve', shopName: 'Poterie de Tasga', reasonCode: null } })
    expect(ownerNotices).toHaveLength(1)
    expect(ownerNotices[0]).toMatchObject({ kind: 'shop_approve', data: { shopName: 'Poterie de Tasga', reasonCode: null, reason: null }, readAt: null })
  })

  it('pending → rejected → corrected and resubmitted → approved', async () => {
    const { owner, shop } = await shopOf('pending', { locale: 'ar' })
    expect(
      await decideOnShop(t.db, {
        shopId: shop.id,
        actor: moderator,
        decision: 'reject',
        reasonCode: 'invalid_legal_numbers',
        reason: '  رقم التعريف الجبائي لا يطابق البطاقة.  ',
        siteUrl,
      }),
    ).toBe('rejected')
    const rejected = await shopRow(shop.id)
    expect(rejected).toMatchObject({ status: 'rejected', reviewReasonCode: 'invalid_legal_numbers', reviewReason: 'رقم التعريف الجبائي لا يطابق البطاقة.' })
    // Rejection alone never makes a seller.
    expect(await roleOf(owner.id)).toBe('buyer')
    expect(await ratesOf(shop.id)).toBe(0)
    const [rejectionEmail] = (await trail(shop.id, owner)).emails
    expect(rejectionEmail!.subject).toBe(ar.shopDecision.subject.reject.replace('{{shopName}}', 'Poterie de Tasga'))
    expect(rejectionEmail!.text).toContain(ar.shopDecision.reasons.invalid_legal_numbers)
    expect(rejectionEmail!.text).toContain('رقم التعريف الجبائي لا يطابق البطاقة.')

    // The producer corrects the application and sends it again (what submitApplication does).
    await t.db.update(shops).set({ status: 'pending', submittedAt: new Date() }).where(eq(shops.id, shop.id))
    expect(await decideOnShop(t.db, { shopId: shop.id, actor: admin, decision: 'approve', siteUrl })).toBe('approved')
    const approved = await shopRow(shop.id)
    // The old rejection reason does not linger on an approved shop.
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: admin.id, reviewReasonCode: null, reviewReason: null })
    expect(await roleOf(owner.id)).toBe('producer')

    const { audit, emails, notices: ownerNotices } = await trail(shop.id, owner)
    expect(audit.map((row) => row.action)).toEqual(['shop.reject', 'shop.approve'])
    expect(audit[0]).toMatchObject({ reasonCode: 'invalid_legal_numbers', details: { from: 'pending', to: 'rejected' } })
    expect(emails).toHaveLength(2)
    expect(ownerNotices.map((n) => n.kind)).toEqual(['shop_reject', 'shop_approve'])
    expect(ownerNotices[0]!.data).toEqual({ shopName: 'Poterie de Tasga', reasonCode: 'invalid_legal_numbers', reason: 'رقم التعريف الجبائي لا يطابق البطاقة.' })
  })

  it('pending → draft on a request for changes, so the producer can edit and resubmit', async () => {
    const { owner, shop } = await shopOf('pending', { locale: 'en' })
    const status = await decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'request_changes', reasonCode: 'unreadable_documents', siteUrl })
    expect(status).toBe('draft')
    expect(await shopRow(shop.id)).toMatchObject({ status: 'draft', reviewReasonCode: 'unreadable_documents', reviewReason: null, reviewedBy: moderator.id })
    expect(await roleOf(owner.id)).toBe('buyer')
    const { audit, emails, notices: ownerNotices } = await trail(shop.id, owner)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'shop.request_changes', details: { from: 'pending', to: 'draft' } })
    expect(emails).toHaveLength(1)
    expect(emails[0]!.text).toContain('Documents are blurred or unreadable')
    expect(ownerNotices.map((n) => n.kind)).toEqual(['shop_request_changes'])
  })

  it('approved → suspended → approved again (reinstated); the producer keeps the role throughout', async () => {
    const { owner, shop } = await shopOf('approved', { ownerRole: 'producer' })
    expect(await decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'suspend', reasonCode: 'complaints', reason: 'Trois plaintes', siteUrl })).toBe('suspended')
    expect(await shopRow(shop.id)).toMatchObject({ status: 'suspended', reviewReasonCode: 'complaints', reviewReason: 'Trois plaintes' })
    expect(await roleOf(owner.id)).toBe('producer')
    expect(await decideOnShop(t.db, { shopId: shop.id, actor: admin, decision: 'reinstate', siteUrl })).toBe('approved')
    expect(await shopRow(shop.id)).toMatchObject({ status: 'approved', reviewReasonCode: null, reviewReason: null, reviewedBy: admin.id })
    expect(await roleOf(owner.id)).toBe('producer')
    const { audit, emails, notices: ownerNotices } = await trail(shop.id, owner)
    expect(audit.map((row) => [row.action, (row.details as { to: string }).to])).toEqual([
      ['shop.suspend', 'suspended'],
      ['shop.reinstate', 'approved'],
    ])
    expect(emails.map((e) => (e.payload as { data: { decision: string } }).data.decision)).toEqual(['suspend', 'reinstate'])
    expect(ownerNotices.map((n) => n.kind)).toEqual(['shop_suspend', 'shop_reinstate'])
  })

  it('every other transition throws InvalidTransitionError and changes nothing', async () => {
    const statuses: ShopStatus[] = ['draft', 'pending', 'approved', 'rejected', 'suspended']
    let checked = 0
    for (const status of statuses) {
      for (const decision of shopDecisions) {
        if (allowedDecisions(status).includes(decision)) continue
        const { owner, shop } = await shopOf(status)
        const rowBefore = await shopRow(shop.id)
        const before = await totals()
        // "other" with words is a valid reason for every decision that takes one: only the transition is wrong.
        await expect(
          decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision, reasonCode: 'other', reason: 'x', siteUrl }),
        ).rejects.toBeInstanceOf(InvalidTransitionError)
        expect(await shopRow(shop.id)).toEqual(rowBefore)
        expect(await totals()).toEqual(before)
        expect(await roleOf(owner.id)).toBe('buyer')
        expect(await ratesOf(shop.id)).toBe(0)
        checked++
      }
    }
    // 5 statuses × 5 decisions, minus the 5 allowed ones.
    expect(checked).toBe(20)
  })

  it('the allowed transitions are exactly the documented ones', () => {
    const table = Object.fromEntries((['draft', 'pending', 'approved', 'rejected', 'suspended'] as const).map((s) => [s, allowedDecisions(s)]))
    expect(table).toEqual({
      draft: [],
      pending: ['approve', 'reject', 'request_changes'],
      approved: ['suspend'],
      rejected: [],
      suspended: ['reinstate'],
    })
  })

  it('two moderators deciding at once: one wins, the other gets InvalidTransitionError', async () => {
    const { owner, shop } = await shopOf('pending')
    const results = await Promise.allSettled([
      decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'approve', siteUrl }),
      decideOnShop(t.db, { shopId: shop.id, actor: admin, decision: 'reject', reasonCode: 'incomplete_documents', siteUrl }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(failures).toHaveLength(1)
    expect(failures[0]!.reason).toBeInstanceOf(InvalidTransitionError)
    const { audit, emails, notices: ownerNotices } = await trail(shop.id, owner)
    expect([audit.length, emails.length, ownerNotices.length]).toEqual([1, 1, 1])
  })
})

describe('decideOnShop: who may decide, and why', () => {
  it('a buyer or a producer may not decide; nothing is written', async () => {
    const { owner, shop } = await shopOf('pending')
    const buyer = await createUser(t.db, { role: 'buyer' })
    const producer = await createUser(t.db, { role: 'producer' })
    const rowBefore = await shopRow(shop.id)
    const before = await totals()
    for (const actor of [
      { id: buyer.id, role: 'buyer' },
      { id: producer.id, role: 'producer' },
      // Claiming a role is not enough: the database is asked.
      { id: buyer.id, role: 'moderator' },
      { id: 'no-such-user', role: 'admin' },
    ]) {
      await expect(decideOnShop(t.db, { shopId: shop.id, actor, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(NotAllowedError)
    }
    expect(await shopRow(shop.id)).toEqual(rowBefore)
    expect(await totals()).toEqual(before)
    expect(await roleOf(owner.id)).toBe('buyer')
  })

  it('a disabled moderator may not decide', async () => {
    const { shop } = await shopOf('pending')
    const gone = await createUser(t.db, { role: 'moderator', disabledAt: new Date() })
    await expect(decideOnShop(t.db, { shopId: shop.id, actor: { id: gone.id, role: 'moderator' }, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(
      NotAllowedError,
    )
    expect((await shopRow(shop.id)).status).toBe('pending')
  })

  it('staff never decide on their own shop, and approving a staff member’s shop never demotes them', async () => {
    const { owner, shop } = await shopOf('pending', { ownerRole: 'moderator' })
    await expect(
      decideOnShop(t.db, { shopId: shop.id, actor: { id: owner.id, role: 'moderator' }, decision: 'approve', siteUrl }),
    ).rejects.toBeInstanceOf(NotAllowedError)
    expect(await decideOnShop(t.db, { shopId: shop.id, actor: admin, decision: 'approve', siteUrl })).toBe('approved')
    expect(await roleOf(owner.id)).toBe('moderator')
    expect(await ratesOf(shop.id)).toBe(58)
  })

  it('reject, request changes and suspend need a reason code from their own list; nothing is written without one', async () => {
    const pending = await shopOf('pending')
    const approved = await shopOf('approved', { ownerRole: 'producer' })
    const before = await totals()
    const attempts: { shopId: string; decision: ShopDecision; reasonCode?: string | null; reason?: string }[] = [
      { shopId: pending.shop.id, decision: 'reject' },
      { shopId: pending.shop.id, decision: 'reject', reasonCode: '' },
      { shopId: pending.shop.id, decision: 'request_changes', reasonCode: null, reason: 'words but no code' },
      // A suspension reason is not a rejection reason, and the other way round.
      { shopId: pending.shop.id, decision: 'reject', reasonCode: 'complaints' },
      { shopId: approved.shop.id, decision: 'suspend', reasonCode: 'incomplete_documents' },
      { shopId: approved.shop.id, decision: 'suspend' },
      // "other" must say what.
      { shopId: pending.shop.id, decision: 'reject', reasonCode: 'other' },
      { shopId: pending.shop.id, decision: 'reject', reasonCode: 'other', reason: '   ' },
    ]
    for (const attempt of attempts) {
      await expect(decideOnShop(t.db, { ...attempt, actor: moderator, siteUrl })).rejects.toBeInstanceOf(ReasonRequiredError)
    }
    expect((await shopRow(pending.shop.id)).status).toBe('pending')
    expect((await shopRow(approved.shop.id)).status).toBe('approved')
    expect(await totals()).toEqual(before)
  })

  it('an unknown shop is ShopNotFoundError', async () => {
    await expect(decideOnShop(t.db, { shopId: 'no-such-shop', actor: moderator, decision: 'approve', siteUrl })).rejects.toBeInstanceOf(ShopNotFoundError)
  })
})

describe('queues and the review page', () => {
  it('lists pending applications oldest first with owner, place, category, document count and age', async () => {
    // A database of its own: other tests leave pending shops behind.
    const own = await createTestDatabase()
    try {
      const now = new Date('2025-03-10T12:00:00Z')
      const owner1 = await createUser(own.db, { name: 'Fatima', email: 'fatima@example.dz' })
      const owner2 = await createUser(own.db, { name: 'Khadidja', email: 'khadidja@example.dz' })
      await createShop(own.db, { ownerId: owner1.id, name: 'Newer', status: 'pending', submittedAt: new Date('2025-03-09T12:00:00Z'), producerCategory: 'artisan' })
      const older = await createShop(own.db, { ownerId: owner2.id, name: 'Older', status: 'pending', submittedAt: new Date('2025-03-07T12:00:00Z'), communeCode: '15029' })
      await createShop(own.db, { name: 'Approved', status: 'approved' })
      await own.db.insert(shopDocuments).values([
        { shopId: older.id, storageKey: 'k1', fileName: 'carte.jpg', contentType: 'image/jpeg', sizeBytes: 1000 },
        { shopId: older.id, storageKey: 'k2', fileName: 'nif.pdf', contentType: 'application/pdf', sizeBytes: 2000 },
      ])
      const queue = await listPendingApplications(own.db, { now })
      expect(queue.map((s) => s.name)).toEqual(['Older', 'Newer'])
      expect(queue[0]).toMatchObject({
        id: older.id,
        ownerName: 'Khadidja',
        ownerEmail: 'khadidja@example.dz',
        producerCategory: 'rural_woman',
        wilayaCode: 15,
        documentCount: 2,
        ageMs: 3 * DAY,
      })
      expect(queue[0]!.wilayaNameFr).toBeTruthy()
      expect(queue[0]!.communeNameAr).toMatch(/[\u0600-\u06ff]/)
      expect(queue[1]).toMatchObject({ documentCount: 0, ageMs: DAY, producerCategory: 'artisan' })

      expect((await listShopsByStatus(own.db, 'approved')).map((s) => s.name)).toEqual(['Approved'])
      expect(await listShopsByStatus(own.db, 'suspended')).toEqual([])
    } finally {
      await own.close()
    }
  })

  it('the review page has every field, the owner, the documents and the history', async () => {
    const { owner, shop } = await shopOf('pending')
    await t.db
      .update(shops)
      .set({ artisanCardNumber: 'CA-15-2020-00123', nif: '198815290012345', phone: '+213661234567', payoutMethod: 'ccp', payoutAccount: '0012345678 42', payoutHolderName: 'Ouardia' })
      .where(eq(shops.id, shop.id))
    await t.db.insert(shopDocuments).values({ shopId: shop.id, storageKey: 'secret/key.jpg', fileName: 'carte.jpg', contentType: 'image/jpeg', sizeBytes: 1234 })
    await decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'request_changes', reasonCode: 'incomplete_documents', siteUrl })
    await t.db.update(shops).set({ status: 'pending', submittedAt: new Date() }).where(eq(shops.id, shop.id))

    const review = await getShopForReview(t.db, shop.id)
    expect(review).not.toBeNull()
    expect(review!.shop).toMatchObject({ artisanCardNumber: 'CA-15-2020-00123', nif: '198815290012345', payoutAccount: '0012345678 42', payoutHolderName: 'Ouardia' })
    expect(review!.owner).toMatchObject({ id: owner.id, name: 'Ouardia', email: owner.email })
    expect(review!.wilayaCode).toBe(15)
    expect(review!.reviewerName).toBe('Mod Samia')
    expect(review!.documents).toEqual([{ id: expect.any(String), fileName: 'carte.jpg', contentType: 'image/jpeg', sizeBytes: 1234, createdAt: expect.any(Date) }])
    // The storage key never leaves the module: documents are reached through the authorized route.
    expect(JSON.stringify(review!.documents)).not.toContain('secret/key.jpg')
    expect(review!.audit).toHaveLength(1)
    expect(review!.audit[0]).toMatchObject({ action: 'shop.request_changes', actorName: 'Mod Samia', reasonCode: 'incomplete_documents' })
    expect(review!.allowedDecisions).toEqual(['approve', 'reject', 'request_changes'])
    expect(await getShopForReview(t.db, 'no-such-shop')).toBeNull()
  })
})

describe('notices', () => {
  it('the owner reads the decision notices newest first, counts the unread ones and marks them read', async () => {
    const { owner, shop } = await shopOf('pending')
    await decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'approve', siteUrl })
    await decideOnShop(t.db, { shopId: shop.id, actor: moderator, decision: 'suspend', reasonCode: 'inactive', siteUrl })
    const list = await listNotices(t.db, owner.id)
    expect(list.map((n) => n.kind)).toEqual(['shop_suspend', 'shop_approve'])
    expect(list[0]!.data).toEqual({ shopName: 'Poterie de Tasga', reasonCode: 'inactive', reason: null })
    expect(await listNotices(t.db, owner.id, { limit: 1 })).toHaveLength(1)
    expect(await countUnreadNotices(t.db, owner.id)).toBe(2)
    expect(await markNoticesRead(t.db, owner.id)).toBe(2)
    expect(await countUnreadNotices(t.db, owner.id)).toBe(0)
    expect(await markNoticesRead(t.db, owner.id)).toBe(0)
    expect((await listNotices(t.db, owner.id)).every((n) => n.readAt instanceof Date)).toBe(true)
    // Someone else's notices are not touched.
    expect(await countUnreadNotices(t.db, moderator.id)).toBe(0)
    const [other] = await t.db.select({ n: count() }).from(notices).where(and(eq(notices.userId, owner.id), isNull(notices.readAt)))
    expect(other!.n).toBe(0)
  })
})
