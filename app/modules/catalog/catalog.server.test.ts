import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCategory, createProduct, createShop } from '../../../tests/support/factories'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { getPublicProduct, listFeaturedProducts, listNewestProducts } from './catalog.server'
import { searchCatalog } from './search.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

describe('public catalog', () => {
  it('lists only active products of approved shops, newest first', async () => {
    const category = await createCategory(t.db)
    const approved = await createShop(t.db, { status: 'approved' })
    const hour = 3_600_000
    const now = Date.now()
    const older = await createProduct(t.db, { shopId: approved.id, categoryId: category.id, title: 'عسل السدر', publishedAt: new Date(now - 2 * hour) })
    const newer = await createProduct(t.db, { shopId: approved.id, categoryId: category.id, title: 'كسكس بلدي', publishedAt: new Date(now - hour) })
    const hidden = [
      await createProduct(t.db, { shopId: approved.id, categoryId: category.id, status: 'pending_review', title: 'قيد المراجعة' }),
      await createProduct(t.db, { shopId: approved.id, categoryId: category.id, status: 'archived', title: 'مؤرشف' }),
      await createProduct(t.db, { shopId: approved.id, categoryId: category.id, status: 'rejected', title: 'مرفوض' }),
    ]
    for (const status of ['pending', 'suspended', 'rejected', 'draft'] as const) {
      const shop = await createShop(t.db, { status })
      hidden.push(await createProduct(t.db, { shopId: shop.id, categoryId: category.id, status: 'active', featured: true, title: `متجر ${status}` }))
    }

    const { products } = await listNewestProducts(t.db, { language: 'ar', limit: 50 })
    expect(products.map((p) => p.id)).toEqual([newer.id, older.id])
    expect(products[0]).toMatchObject({ title: 'كسكس بلدي', price: 150_000, shopSlug: approved.slug, wilayaName: 'تيزي وزو' })

    for (const product of hidden) {
      expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).toBeNull()
    }
    expect(await listFeaturedProducts(t.db, { language: 'fr' })).toEqual([])
    const found = (await searchCatalog(t.db, { language: 'ar', filters: { query: 'متجر' } })).products.map((p) => p.id)
    for (const product of hidden) expect(found).not.toContain(product.id)
    expect((await getPublicProduct(t.db, { slug: newer.slug, language: 'fr' }))?.wilayaName).toBe('Tizi Ouzou')
  })

  it('pages through the newest products with a cursor, without repeats or gaps', async () => {
    const category = await createCategory(t.db)
    const shop = await createShop(t.db)
    const sameInstant = new Date('2026-01-01T10:00:00Z')
    for (let i = 0; i < 7; i++) {
      await createProduct(t.db, { shopId: shop.id, categoryId: category.id, publishedAt: sameInstant })
    }
    const seen: string[] = []
    let after: Parameters<typeof listNewestProducts>[1]['after']
    do {
      const page = await listNewestProducts(t.db, { language: 'ar', limit: 3, after })
      seen.push(...page.products.map((p) => p.id))
      after = page.next ?? undefined
    } while (after)
    const all = await listNewestProducts(t.db, { language: 'ar', limit: 1000 })
    expect(seen).toEqual(all.products.map((p) => p.id))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('treats % and _ in a search as plain characters', async () => {
    const category = await createCategory(t.db)
    const shop = await createShop(t.db)
    await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Savon 100% naturel' })
    await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Savon 1000 naturel' })
    const found = await searchCatalog(t.db, { language: 'fr', filters: { query: '100%' } })
    expect(found.products.map((p) => p.title)).toEqual(['Savon 100% naturel'])
  })
})
