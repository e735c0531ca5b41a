import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimTerms } from '#db/schema'
import { addClaimTerms, InvalidClaimTermsError, listClaimTerms, parseClaimTerms, removeClaimTerm } from '~/modules/listings/claims.server'
import { getProductForReview, listPendingProducts } from '~/modules/moderation/product-review.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createProduct, createShop, createUser } from '../support/factories'

// Issue 20: "a claim phrase flags the listing" — in the review queue, with the words to highlight,
// from the list moderators edit.

let t: TestDatabase
let shopId: string
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  const owner = await createUser(t.db, { role: 'producer' })
  shopId = (await createShop(t.db, { ownerId: owner.id, status: 'approved' })).id
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const pending = (title: string, extra: Record<string, string> = {}) =>
  createProduct(t.db, { shopId, categoryId, title, status: 'pending_review', submittedAt: new Date(), publishedAt: null, ...extra })

describe('therapeutic claims in the review queue', () => {
  it('flags a listing whose text (any language version) holds a seeded claim; a plain one is not flagged', async () => {
    const flagged = await pending('Miel de jujubier', { description: 'Il guérit la toux et le diabète.', titleAr: 'عسل السدر يشفي' })
    const plain = await pending('Cruche kabyle', { description: 'Argile de Tasga.' })
    const queue = await listPendingProducts(t.db, { language: 'fr' })
    const byId = new Map(queue.map((p) => [p.id, p]))
    expect(new Set(byId.get(flagged.id)!.claims)).toEqual(new Set(['guérit', 'diabète', 'يشفي']))
    expect(byId.get(plain.id)!.claims).toEqual([])

    const review = await getProductForReview(t.db, flagged.id, { language: 'fr' })
    expect(review!.claims.map((c) => c.term).sort()).toEqual(['diabète', 'guérit', 'يشفي'].sort())
  })

  it('a term a moderator adds flags listings already waiting; removing it unflags them', async () => {
    const soap = await pending('Savon au laurier', { description: 'Anti-chute, pour les cheveux.' })
    const claimsOf = async () => (await listPendingProducts(t.db, { language: 'fr' })).find((p) => p.id === soap.id)!.claims
    expect(await claimsOf()).toEqual([])
    expect(await addClaimTerms(t.db, parseClaimTerms('anti-chute، Guérit'))).toBe(1) // "Guérit" is already listed
    expect(await claimsOf()).toEqual(['anti-chute'])
    const [row] = await t.db.select().from(claimTerms).where(eq(claimTerms.term, 'anti-chute'))
    expect(await removeClaimTerm(t.db, row!.id)).toBe(true)
    expect(await removeClaimTerm(t.db, row!.id)).toBe(false)
    expect(await claimsOf()).toEqual([])
  })

  it('refuses an empty, oversized or letterless list and writes nothing', async () => {
    const before = (await listClaimTerms(t.db)).length
    for (const input of ['', ' , ،\n', 'x'.repeat(61), '!!!', 'a', '<b>cure</b>', 'cure 2', '\u202Ecure', Array.from({ length: 21 }, (_, i) => `mot${String.fromCharCode(97 + i)}`).join(',')])
      expect(() => parseClaimTerms(input)).toThrow(InvalidClaimTermsError)
    expect((await listClaimTerms(t.db)).length).toBe(before)
  })
})
