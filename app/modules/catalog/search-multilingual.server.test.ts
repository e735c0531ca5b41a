import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { products } from '#db/schema'
import { updateListing } from '~/modules/listings/listings.server'
import { createCategory, createProduct, createShop } from '../../../tests/support/factories'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { getPublicProduct } from './catalog.server'
import { listingHref, parseListingParams, type ListingState } from './listing-params'
import { addSynonymGroup, clearSearchVocabulary, parseSynonymTerms, removeSynonymGroup } from './search-dictionary.server'
import { searchCatalog, type CatalogFilters } from './search.server'

// Issue 17: a French or English visitor finds what the Arabic catalog holds, and a typo is never a
// dead end. Each test works inside a category of its own (the filter), so tests do not see each other's rows.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  clearSearchVocabulary()
})
afterAll(async () => {
  await t?.close()
})

const search = (filters: CatalogFilters, language: 'ar' | 'fr' | 'en' = 'fr') => searchCatalog(t.db, { language, filters, limit: 100 })
const titles = async (filters: CatalogFilters, language: 'ar' | 'fr' | 'en' = 'fr') => (await search(filters, language)).products.map((p) => p.title)

async function isolatedCategory(names: { nameAr?: string; nameFr?: string; nameEn?: string } = {}) {
  return (await createCategory(t.db, names)).id
}

describe('the dictionary', () => {
  // One product per word, each titled in one language only; every word of a group finds all of them.
  const groups: [string, string[]][] = [
    ['honey', ['عسل', 'miel', 'honey']],
    ['couscous', ['كسكس', 'couscous']],
    ['pottery', ['فخار', 'poterie', 'pottery']],
    ['soap', ['صابون', 'savon', 'soap']],
    ['olive oil', ['زيت الزيتون', "huile d'olive", 'olive oil']],
    ['embroidery', ['طرز', 'broderie', 'embroidery']],
    ['pastries', ['حلويات', 'gâteaux', 'pastries']],
    ['herbs', ['أعشاب', 'herbes', 'herbs']],
  ]
  for (const [name, words] of groups) {
    it(`${name}: ${words.join(' ↔ ')}, each way`, async () => {
      const categoryId = await isolatedCategory()
      const shop = await createShop(t.db)
      const expected: string[] = []
      for (const word of words) {
        const title = `${word} ${name.length}${words.indexOf(word)}`
        expected.push(title)
        await createProduct(t.db, { shopId: shop.id, categoryId, title, description: '' })
      }
      for (const word of words) {
        expect((await titles({ query: word, categoryId })).sort(), word).toEqual([...expected].sort())
      }
    })
  }

  it('"miel de montagne" finds Arabic-titled honeys', async () => {
    const categoryId = await isolatedCategory()
    const shop = await createShop(t.db)
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'عسل السدر من جبال الأوراس' })
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'عسل الزعتر' })
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'زيت الزيتون' })
    // Both words where they are both present; honey alone otherwise would also do ("any word"), but here one title has both.
    expect(await titles({ query: 'miel de montagne', categoryId })).toEqual(['عسل السدر من جبال الأوراس'])
    expect(await titles({ query: 'honey', categoryId })).toHaveLength(2)
  })

  it('moderators extend it without a deploy: a new group works at once, and removing it undoes it', async () => {
    const categoryId = await isolatedCategory()
    const shop = await createShop(t.db)
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'برنوس صوف أبيض' })
    expect(await titles({ query: 'burnous', categoryId })).toEqual([])
    const groupId = await addSynonymGroup(t.db, parseSynonymTerms('برنوس, burnous, burnoose'))
    expect(await titles({ query: 'burnous', categoryId })).toEqual(['برنوس صوف أبيض'])
    await removeSynonymGroup(t.db, groupId)
    expect((await search({ query: 'burnous', categoryId })).products.map((p) => p.title)).not.toContain('برنوس صوف أبيض')
    expect(() => parseSynonymTerms('miel, Miel')).toThrow()
  })
})

describe("the catalog's own words", () => {
  it('a French or English query finds an Arabic-only product through its category name', async () => {
    const categoryId = await isolatedCategory({ nameAr: 'النحاسيات', nameFr: 'Dinanderie', nameEn: 'Copperware' })
    const shop = await createShop(t.db)
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'صينية منقوشة باليد' })
    expect(await titles({ query: 'dinanderie' })).toContain('صينية منقوشة باليد')
    expect(await titles({ query: 'copperware' }, 'en')).toContain('صينية منقوشة باليد')
  })

  it('a query naming the shop or its wilaya finds its products', async () => {
    const categoryId = await isolatedCategory()
    const shop = await createShop(t.db, { name: 'Atelier Tassili', communeCode: '15029' })
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'قلادة فضية' })
    expect(await titles({ query: 'tassili', categoryId })).toEqual(['قلادة فضية'])
    // Commune 15029 is in Tizi Ouzou (wilaya 15): the wilaya's name in either language finds it.
    expect(await titles({ query: 'tizi ouzou', categoryId })).toEqual(['قلادة فضية'])
    expect(await titles({ query: 'تيزي وزو', categoryId })).toEqual(['قلادة فضية'])
  })
})

describe('translations', () => {
  it('are found and shown in the reader’s language, else the original', async () => {
    const categoryId = await isolatedCategory()
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, {
      shopId: shop.id,
      categoryId,
      title: 'قفة من الحلفاء',
      description: 'منسوجة باليد',
      titleFr: 'Couffin en alfa',
      descriptionFr: 'Tressé à la main',
      titleEn: 'Esparto grass tote',
    })
    expect(await titles({ query: 'couffin', categoryId }, 'fr')).toEqual(['Couffin en alfa'])
    expect(await titles({ query: 'couffin', categoryId }, 'ar')).toEqual(['قفة من الحلفاء'])
    expect(await titles({ query: 'esparto', categoryId }, 'en')).toEqual(['Esparto grass tote'])
    expect(await titles({ query: 'tresse', categoryId }, 'fr')).toEqual(['Couffin en alfa'])
    const page = await getPublicProduct(t.db, { slug: product.slug, language: 'fr' })
    expect(page).toMatchObject({ title: 'Couffin en alfa', description: 'Tressé à la main' })
    // No English description: the original.
    expect(await getPublicProduct(t.db, { slug: product.slug, language: 'en' })).toMatchObject({ title: 'Esparto grass tote', description: 'منسوجة باليد' })
  })

  it('an edited translation sends a live product back to review, like the original', async () => {
    const categoryId = await isolatedCategory()
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, title: 'طاجين فخار', titleFr: 'Tajine en terre' })
    const input = {
      title: product.title,
      description: product.description,
      categoryId,
      price: product.price,
      stock: product.stock,
      madeToOrderDays: 0,
      weightG: null,
      titleAr: null,
      titleFr: 'Tajine en terre',
      titleEn: null,
      descriptionAr: null,
      descriptionFr: null,
      descriptionEn: null,
    }
    const unchanged = await updateListing(t.db, { shop, productId: product.id, input: { ...input, price: product.price + 100 } })
    expect(unchanged.product.status).toBe('active')
    const changed = await updateListing(t.db, { shop, productId: product.id, input: { ...input, titleFr: 'Tajine vendu partout' } })
    expect(changed.sentToReview).toBe(true)
    expect((await t.db.select().from(products).where(eq(products.id, product.id)))[0]).toMatchObject({ status: 'pending_review', titleFr: 'Tajine vendu partout' })
  })
})

describe('typos', () => {
  let categoryId: string
  beforeAll(async () => {
    categoryId = await isolatedCategory()
    const shop = await createShop(t.db)
    for (const title of ['عسل السدر الحر', 'كسكس بالقمح الصلب', 'أعشاب برية مجففة', 'سلة من الحلفاء', 'Couscous roulé main', 'Pottery bowl']) {
      await createProduct(t.db, { shopId: shop.id, categoryId, title })
    }
  })

  it('Arabic: a letter too many, a nisba ending, a missing hamza or ta marbuta', async () => {
    const misspelt = await search({ query: 'عسال', categoryId })
    expect(misspelt.correctedTo).toBe('عسل')
    expect(misspelt.products.map((p) => p.title)).toEqual(['عسل السدر الحر'])
    expect(await titles({ query: 'كسكسي', categoryId })).toContain('كسكس بالقمح الصلب')
    expect(await titles({ query: 'اعشاب', categoryId })).toEqual(['أعشاب برية مجففة'])
    expect(await titles({ query: 'سله', categoryId })).toEqual(['سلة من الحلفاء'])
  })

  it('Latin: a missing or swapped letter', async () => {
    expect((await search({ query: 'couscus', categoryId })).products.map((p) => p.title)).toContain('Couscous roulé main')
    expect((await search({ query: 'potetry', categoryId })).products.map((p) => p.title)).toContain('Pottery bowl')
  })

  it('offers "did you mean" when the exact search finds little, and the closest categories when it finds nothing', async () => {
    const few = await search({ query: 'couscus', categoryId })
    expect(few.correctedTo ?? few.suggestion).toBe('couscous')
    const nothing = await search({ query: 'zqxwv', categoryId })
    expect(nothing.products).toEqual([])
    expect(nothing.closestCategoryIds.length).toBeGreaterThan(0)
  })
})

describe('ranking, counts and facets', () => {
  it('puts out-of-stock products last, whatever their relevance', async () => {
    const categoryId = await isolatedCategory()
    const shop = await createShop(t.db)
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'عسل عسل عسل', stock: 0 })
    await createProduct(t.db, { shopId: shop.id, categoryId, title: 'علبة', description: 'فيها عسل', stock: 3 })
    expect(await titles({ query: 'عسل', categoryId }, 'ar')).toEqual(['علبة', 'عسل عسل عسل'])
  })

  it('counts results, and each facet count equals the total with that filter on', async () => {
    const categoryId = await isolatedCategory()
    const shops = [await createShop(t.db, { communeCode: '15029', producerCategory: 'rural_woman' }), await createShop(t.db, { communeCode: '16001', producerCategory: 'cooperative' })]
    for (let i = 0; i < 7; i++) {
      await createProduct(t.db, {
        shopId: shops[i % 2]!.id,
        categoryId,
        title: `Savon artisanal ${i}`,
        price: [50_000, 150_000, 500_000, 2_000_000][i % 4]!,
        stock: i % 3 === 0 ? 0 : 4,
        madeToOrderDays: i % 2 === 0 ? 0 : 5,
      })
    }
    const base = { query: 'savon', categoryId }
    const all = await search(base)
    expect(all.total).toBe(7)
    expect(all.capped).toBe(false)
    const facets = all.facets!
    for (const w of facets.wilayas) expect((await search({ ...base, wilayaCode: w.code })).total, `wilaya ${w.code}`).toBe(w.count)
    for (const p of facets.producerTypes) expect((await search({ ...base, producerType: p.value })).total, p.value).toBe(p.count)
    for (const r of facets.readiness) expect((await search({ ...base, readiness: r.value })).total, r.value).toBe(r.count)
    for (const r of facets.prices) {
      const filtered = await search({ ...base, minPrice: r.min * 100, maxPrice: r.max == null ? undefined : r.max * 100 })
      expect(filtered.total, `${r.min}-${r.max}`).toBe(r.count)
    }
    expect((await search({ ...base, inStock: true })).total).toBe(facets.inStock)
    expect(facets.categories).toEqual([{ id: categoryId, count: 7 }])
    expect(facets.wilayas.map((w) => w.count).reduce((a, b) => a + b)).toBe(7)
  })

  it('a combination of filters round-trips through the URL', () => {
    const state: ListingState = {
      query: 'زيت الزيتون',
      categorySlug: 'olive-oil',
      wilayaCode: 15,
      minDzd: 1000,
      maxDzd: 2999,
      inStock: true,
      producerType: 'cooperative',
      readiness: 'ship',
      sort: 'price_asc',
    }
    const href = listingHref('/search', state)
    const parsed = parseListingParams(new URL(href, 'http://localhost'))
    expect({ ...parsed, cursor: undefined }).toEqual({ ...state, cursor: undefined })
    expect(listingHref('/search', parsed)).toBe(href)
  })
})
