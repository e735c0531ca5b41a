import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, notices, outbox, shops, smsOutbox, users } from '#db/schema'
import { setPreferences } from '~/modules/notifications/preferences.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createShop, createUser } from '../../../tests/support/factories'
import {
  decide,
  DecisionConflictError,
  decisionRules,
  NotAllowedError,
  ReasonRequiredError,
  SubjectNotFoundError,
  type SubjectDefinition,
} from './decisions.server'

// The kernel on its own, with a small subject definition over the shops table (statuses pending →
// approved / rejected), so what is tested is decide() itself, not one page's rules.

type Status = (typeof shops.$inferSelect)['status']
type Subject = { id: string; name: string; status: Status; ownerId: string }

const rules = decisionRules<readonly ['accept', 'refuse'], Status>(
  ['accept', 'refuse'] as const,
  { accept: { from: 'pending', to: 'approved', reasons: null }, refuse: { from: 'pending', to: 'rejected', reasons: ['bad', 'other'] } },
  'testTexts'
)

class TestConflictError extends DecisionConflictError {}
class TestNotFoundError extends SubjectNotFoundError {}

/** A definition whose hooks can be made to fail at a chosen step, to prove the transaction holds everything. */
function definition({ failAt }: { failAt?: 'apply' | 'email' } = {}): SubjectDefinition<'accept' | 'refuse', Status, Subject, 'shop_decision'> {
  return {
    targetType: 'shop',
    transitions: rules.transitions,
    staffOnly: 'staff only',
    ownSubject: 'not your own',
    async load(tx, id) {
      const [row] = await tx
        .select({ id: shops.id, name: shops.name, status: shops.status, ownerId: shops.ownerId })
        .from(shops)
        .where(eq(shops.id, id))
        .for('update')
      if (!row) throw new TestNotFoundError(id)
      return row
    },
    conflict: () => new TestConflictError('conflict'),
    async apply(tx, shop, { to }) {
      await tx.update(shops).set({ status: to }).where(eq(shops.id, shop.id))
      if (failAt === 'apply') throw new Error('apply failed after its update')
      return { shopName: shop.name }
    },
    notify: {
      notice: (shop) => ({ shopName: shop.name }),
      email(shop, _change, siteUrl) {
        if (failAt === 'email') throw new Error('email failed after the audit row and the notice')
        return { kind: 'shop_decision', data: { shopName: shop.name, url: `${siteUrl}/dashboard` } }
      },
    },
  }
}

let t: TestDatabase
let moderator: { id: string; role: string }
beforeAll(async () => {
  t = await createTestDatabase()
  moderator = { id: (await createUser(t.db, { role: 'moderator' })).id, role: 'moderator' }
})
afterAll(async () => {
  await t?.close()
})

const tableCount = async (table: typeof auditLog | typeof outbox | typeof notices) => (await t.db.select({ n: count() }).from(table))[0]!.n
const totals = async () => ({ audit: await tableCount(auditLog), outbox: await tableCount(outbox), notices: await tableCount(notices) })
const statusOf = async (id: string) => (await t.db.select({ status: shops.status }).from(shops).where(eq(shops.id, id)))[0]!.status
const siteUrl = 'https://taswiq.test/'

describe('decisionRules', () => {
  it('derives the reason codes, the decisions a status allows and the form schema from one transitions table', () => {
    expect(rules.reasonCodesFor('accept')).toBeNull()
    expect(rules.reasonCodesFor('refuse')).toEqual(['bad', 'other'])
    expect(rules.allowedFrom('pending')).toEqual(['accept', 'refuse'])
    expect(rules.allowedFrom('approved')).toEqual([])

    expect(rules.schema.safeParse({ intent: 'accept' }).success).toBe(true)
    expect(rules.schema.safeParse({ intent: 'refuse', reasonCode: 'bad' }).success).toBe(true)
    const missing = rules.schema.safeParse({ intent: 'refuse' })
    expect(missing.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['reasonCode', 'testTexts.errors.reasonRequired']])
    const wordless = rules.schema.safeParse({ intent: 'refuse', reasonCode: 'other', reason: '  ' })
    expect(wordless.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['reason', 'testTexts.errors.otherNeedsText']])
    expect(rules.schema.safeParse({ intent: 'delete' }).success).toBe(false)
  })
})

describe('decide', () => {
  it('writes the change, one audit row, one notice and one email together', async () => {
    const owner = await createUser(t.db, { role: 'buyer', locale: 'fr', name: 'Ouardia' })
    const shop = await createShop(t.db, { ownerId: owner.id, status: 'pending', name: 'Tasga' })
    const before = await totals()
    expect(
      await decide(t.db, definition(), { id: shop.id, actor: moderator, decision: 'refuse', reasonCode: 'bad', reason: ' Flou ', ip: '197.1.1.1', siteUrl })
    ).toBe('rejected')
    expect(await statusOf(shop.id)).toBe('rejected')
    expect(await totals()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1, notices: before.notices + 1 })

    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, shop.id))
    expect(audit).toMatchObject({ actorId: moderator.id, action: 'shop.refuse', targetType: 'shop', reasonCode: 'bad', reason: 'Flou', ip: '197.1.1.1' })
    expect(audit!.details).toEqual({ from: 'pending', to: 'rejected', shopName: 'Tasga' })
    const [notice] = await t.db.select().from(notices).where(eq(notices.userId, owner.id))
    expect(notice).toMatchObject({ kind: 'shop_refuse', data: { shopName: 'Tasga', reasonCode: 'bad', reason: 'Flou' } })
    const [email] = await t.db.select().from(outbox).where(eq(outbox.toAddress, owner.email))
    expect(email).toMatchObject({ kind: 'shop_decision' })
    expect(email!.payload).toMatchObject({
      language: 'fr',
      data: { name: 'Ouardia', shopName: 'Tasga', decision: 'refuse', reasonCode: 'bad', reason: 'Flou', url: 'https://taswiq.test/dashboard' },
    })
  })

  it('goes by the owner’s channel for decisions: an SMS for a phone-only producer, the site only when she chose it', async () => {
    const phoneOnly = await createUser(t.db, { locale: 'ar', phone: '+213661009988' })
    await t.db.update(users).set({ email: null }).where(eq(users.id, phoneOnly.id))
    const shop = await createShop(t.db, { ownerId: phoneOnly.id, status: 'pending', name: 'Zhor' })
    const before = await totals()
    await decide(t.db, definition(), { id: shop.id, actor: moderator, decision: 'accept', siteUrl })
    expect(await totals()).toEqual({ audit: before.audit + 1, outbox: before.outbox, notices: before.notices + 1 })
    const texts = await t.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, '+213661009988'))
    expect(texts).toHaveLength(1)
    // In her language (this test's decision names have no notice text; the real ones do).
    expect(texts[0]!.body).toMatch(/^تسويق: /)

    const siteOnly = await createUser(t.db, { locale: 'fr' })
    await setPreferences(t.db, siteOnly.id, { decisions: 'site' })
    const other = await createShop(t.db, { ownerId: siteOnly.id, status: 'pending', name: 'Tala' })
    const mid = await totals()
    await decide(t.db, definition(), { id: other.id, actor: moderator, decision: 'accept', siteUrl })
    expect(await totals()).toEqual({ audit: mid.audit + 1, outbox: mid.outbox, notices: mid.notices + 1 })
  })

  it('refuses an illegal transition, an unknown decision and a missing subject, and writes nothing', async () => {
    const shop = await createShop(t.db, { status: 'approved' })
    const before = await totals()
    await expect(decide(t.db, definition(), { id: shop.id, actor: moderator, decision: 'accept', siteUrl })).rejects.toBeInstanceOf(TestConflictError)
    await expect(decide(t.db, definition(), { id: shop.id, actor: moderator, decision: 'delete' as 'accept', siteUrl })).rejects.toBeInstanceOf(TypeError)
    await expect(decide(t.db, definition(), { id: 'no-such-shop', actor: moderator, decision: 'accept', siteUrl })).rejects.toBeInstanceOf(TestNotFoundError)
    expect(await statusOf(shop.id)).toBe('approved')
    expect(await totals()).toEqual(before)
  })

  it('refuses non-staff, staff on their own subject and a decision without its reason, and writes nothing', async () => {
    const shop = await createShop(t.db, { status: 'pending' })
    const buyer = await createUser(t.db, { role: 'buyer' })
    const before = await totals()
    await expect(decide(t.db, definition(), { id: shop.id, actor: { id: buyer.id, role: 'moderator' }, decision: 'accept', siteUrl })).rejects.toThrow(
      new NotAllowedError('staff only')
    )
    const staffOwner = await createUser(t.db, { role: 'admin' })
    const own = await createShop(t.db, { ownerId: staffOwner.id, status: 'pending' })
    await expect(decide(t.db, definition(), { id: own.id, actor: { id: staffOwner.id, role: 'admin' }, decision: 'accept', siteUrl })).rejects.toThrow(
      new NotAllowedError('not your own')
    )
    await expect(decide(t.db, definition(), { id: shop.id, actor: moderator, decision: 'refuse', reasonCode: 'made-up', siteUrl })).rejects.toBeInstanceOf(
      ReasonRequiredError
    )
    await expect(decide(t.db, definition(), { id: shop.id, actor: moderator, decision: 'refuse', reasonCode: 'other', siteUrl })).rejects.toBeInstanceOf(
      ReasonRequiredError
    )
    expect(await statusOf(shop.id)).toBe('pending')
    expect(await statusOf(own.id)).toBe('pending')
    expect(await totals()).toEqual(before)
  })

  it('a failure after the change leaves nothing: not the change, the audit row, the notice nor the email', async () => {
    for (const failAt of ['apply', 'email'] as const) {
      const shop = await createShop(t.db, { status: 'pending' })
      const before = await totals()
      await expect(decide(t.db, definition({ failAt }), { id: shop.id, actor: moderator, decision: 'accept', siteUrl })).rejects.toThrow(/failed/)
      expect(await statusOf(shop.id)).toBe('pending')
      expect(await totals()).toEqual(before)
    }
  })
})
