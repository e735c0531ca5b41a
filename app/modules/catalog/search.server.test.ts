import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { categories, orderItems, products, reviews, shops } from '#db/schema'
import { createCategory, createOrder, createProduct, createShop } from '../../../tests/support/factories'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { listFeaturedProducts, listNewestProducts, listShopProducts, listSitemapEntries } from './catalog.server'
import { parseListingCursor, serializeListingCursor, type ListingCursor } from './cursor'
import { MAX_CANDIDATES, refreshSearchPopularity, searchCatalog, titleRelevance, titleWordsQuery, type CatalogFilters, type SearchSort } from './search.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

const titles = async (filters: CatalogFilters, sort?: SearchSort) =>
  (await searchCatalog(t.db, { language: 'fr', filters, sort, limit: 100 })).products.map((p) => p.title)

describe('full-text search', () => {
  let categoryId: string
  beforeAll(async () => {
    const category = await createCategory(t.db)
    categoryId = category.id
    const shop = await createShop(t.db)
    for (const [title, description] of [
      ['العسل الحر من جبال جرجرة', 'عسل طبيعي'],
      ['كسكس بلدي بالشعير', 'يُفتل باليد'],
      ['Miel de montagne', 'Récolté en Kabylie'],
      ['Crème de karité', 'Pour les mains'],
      ['Couscous fin roulé main', 'Blé dur'],
      ['Poterie kabyle', 'Un plat à couscous en terre cuite'],
    ]) {
      await createProduct(t.db, { shopId: shop.id, categoryId, title: title!, description: description! })
    }
  })

  it('finds Arabic words with and without the article ال, and their French versions through the dictionary', async () => {
    // Both are title hits, so equally relevant: the newest comes first.
    expect(await titles({ query: 'عسل', categoryId })).toEqual(['Miel de montagne', 'العسل الحر من جبال جرجرة'])
    expect(await titles({ query: 'العسل', categoryId })).toEqual(['Miel de montagne', 'العسل الحر من جبال جرجرة'])
    expect(await titles({ query: 'الكسكس', categoryId })).toContain('كسكس بلدي بالشعير')
  })

  it('finds French words typed without accents, and several words together', async () => {
    expect(await titles({ query: 'creme', categoryId })).toEqual(['Crème de karité'])
    // "miel de montagne" also finds the Arabic honey "from the mountains" (عسل ↔ miel, جبال ↔ montagne).
    expect(await titles({ query: 'miel de montagne', categoryId })).toEqual(['Miel de montagne', 'العسل الحر من جبال جرجرة'])
    expect(await titles({ query: 'recolte kabylie', categoryId })).toEqual(['Miel de montagne'])
  })

  it('ranks a title match above a description match', async () => {
    const found = await titles({ query: 'couscous', categoryId })
    expect(found.indexOf('Couscous fin roulé main')).toBeLessThan(found.indexOf('Poterie kabyle'))
    expect(found).toContain('كسكس بلدي بالشعير')
  })

  it('corrects a misspelled known word, and falls back to trigram similarity for other words', async () => {
    const result = await searchCatalog(t.db, { language: 'fr', filters: { query: 'cuscous', categoryId } })
    expect(result.correctedTo).toBe('couscous')
    expect(result.products.map((p) => p.title)).toContain('Couscous fin roulé main')
    const exact = await searchCatalog(t.db, { language: 'fr', filters: { query: 'couscous', categoryId } })
    expect(exact.fuzzy).toBe(false)
    expect(exact.correctedTo).toBeNull()
    expect(await titles({ query: 'montagen', categoryId })).toContain('Miel de montagne')
    const fuzzy = await searchCatalog(t.db, { language: 'fr', filters: { query: 'karitte', categoryId } })
    expect(fuzzy.fuzzy).toBe(true)
    expect(fuzzy.products.map((p) => p.title)).toEqual(['Crème de karité'])
  })

  it('finds nothing for nonsense', async () => {
    expect(await titles({ query: 'zzqxw', categoryId })).toEqual([])
    expect(await titles({ query: '%%', categoryId })).toHaveLength(6) // no searchable word: the whole category
  })
})

describe('visibility', () => {
  it('never shows pending, rejected or archived products, nor products of unapproved shops', async () => {
    const category = await createCategory(t.db)
    const approved = await createShop(t.db)
    const word = 'Zellige'
    const visible = await createProduct(t.db, { shopId: approved.id, categoryId: category.id, title: `${word} visible`, featured: true })
    const hidden = [
      await createProduct(t.db, { shopId: approved.id, categoryId: category.id, title: `${word} en revue`, status: 'pending_review', featured: true }),
      await createProduct(t.db, { shopId: approved.id, categoryId: category.id, title: `${word} refusé`, status: 'rejected', featured: true }),
      await createProduct(t.db, { shopId: approved.id, categoryId: category.id, title: `${word} archivé`, status: 'archived', featured: true }),
    ]
    const shopsHidden = []
    for (const status of ['pending', 'suspended', 'rejected', 'draft'] as const) {
      const shop = await createShop(t.db, { status })
      shopsHidden.push(shop)
      hidden.push(await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: `${word} ${status}`, featured: true }))
    }
    const hiddenIds = new Set(hidden.map((p) => p.id))

    const search = await searchCatalog(t.db, { language: 'fr', filters: { query: word } })
    expect(search.products.map((p) => p.id)).toEqual([visible.id])
    const categoryPage = await searchCatalog(t.db, { language: 'fr', filters: { categoryId: category.id } })
    expect(categoryPage.products.map((p) => p.id)).toEqual([visible.id])
    const home = await listNewestProducts(t.db, { language: 'fr', limit: 1000 })
    expect(home.products.some((p) => hiddenIds.has(p.id))).toBe(false)
    expect((await listFeaturedProducts(t.db, { language: 'fr', limit: 1000 })).some((p) => hiddenIds.has(p.id))).toBe(false)
    for (const shop of shopsHidden) expect(await listShopProducts(t.db, { shopId: shop.id, language: 'fr' })).toEqual([])
    expect((await listShopProducts(t.db, { shopId: approved.id, language: 'fr' })).map((p) => p.id)).toEqual([visible.id])

    const sitemap = await listSitemapEntries(t.db)
    const slugs = new Set(sitemap.products.map((p) => p.slug))
    expect(slugs.has(visible.slug)).toBe(true)
    for (const product of hidden) expect(slugs.has(product.slug)).toBe(false)
    const shopSlugs = sitemap.shops.map((s) => s.slug)
    expect(shopSlugs).toContain(approved.slug)
    for (const shop of shopsHidden) expect(shopSlugs).not.toContain(shop.slug)

    // Suspending the shop takes its products out of search at once.
    await t.db.update(shops).set({ status: 'suspended' }).where(eq(shops.id, approved.id))
    expect((await searchCatalog(t.db, { language: 'fr', filters: { query: word } })).products).toEqual([])
  })

  it('keeps the search index in step when a title changes', async () => {
    const category = await createCategory(t.db)
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Tapis berbère' })
    await t.db.update(products).set({ title: 'Burnous en laine' }).where(eq(products.id, product.id))
    expect(await titles({ query: 'burnous', categoryId: category.id })).toEqual(['Burnous en laine'])
    expect(await titles({ query: 'tapis', categoryId: category.id })).toEqual([])
  })

  it("names each word of a term's text query once, and matches exactly what the three-way query matched", async () => {
    const [row] = await t.query<{ once: string; before: string; same: boolean }>(
      `select public.taswiq_search_query_any(array['miel', 'عسل', 'honey', 'huile d''olive'])::text as once,
              (public.taswiq_search_query('miel') || public.taswiq_search_query('عسل') || public.taswiq_search_query('honey')
                || public.taswiq_search_query('huile d''olive'))::text as before,
              (select array_agg(id order by id) from products where search @@ public.taswiq_search_query_any(array['miel', 'عسل', 'couscous']))
                is not distinct from
              (select array_agg(id order by id) from products
                where search @@ (public.taswiq_search_query('miel') || public.taswiq_search_query('عسل') || public.taswiq_search_query('couscous'))) as same`,
    )
    const branches = row!.once.split(' | ')
    expect(new Set(branches).size).toBe(branches.length)
    expect(branches).toEqual(expect.arrayContaining(["'miel'", "'عسل'", "'honey'", "'huil' & 'oliv'"]))
    expect(row!.before.split(' | ').length).toBeGreaterThan(branches.length)
    expect(row!.same).toBe(true)
  })
})

describe('the search table (migration 0027)', () => {
  const ids = async (filters: CatalogFilters) => (await searchCatalog(t.db, { language: 'fr', filters, limit: 100 })).products.map((p) => p.id)

  it('sees a price or stock change at once, in results, filters and facets', async () => {
    const category = await createCategory(t.db)
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Chéchia rouge', price: 150_000, stock: 4 })
    expect(await ids({ query: 'chéchia', inStock: true, categoryId: category.id })).toEqual([product.id])
    await t.db.update(products).set({ stock: 0, price: 350_000 }).where(eq(products.id, product.id))
    expect(await ids({ query: 'chéchia', inStock: true, categoryId: category.id })).toEqual([])
    expect(await ids({ query: 'chéchia', maxPrice: 200_000, categoryId: category.id })).toEqual([])
    expect(await ids({ query: 'chéchia', minPrice: 300_000, categoryId: category.id })).toEqual([product.id])
    const result = await searchCatalog(t.db, { language: 'fr', filters: { query: 'chéchia', categoryId: category.id } })
    expect(result.facets?.inStock).toBe(0)
    expect(result.facets?.prices).toEqual([{ min: 3000, max: 9999, count: 1 }])
  })

  it('drops a product archived, deleted, or of a suspended shop, and takes it back when public again', async () => {
    const category = await createCategory(t.db)
    const shop = await createShop(t.db)
    const kept = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Gandoura brodée' })
    const archived = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Gandoura de fête' })
    const deleted = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'Gandoura blanche' })
    expect((await ids({ query: 'gandoura', categoryId: category.id })).sort()).toEqual([kept.id, archived.id, deleted.id].sort())
    await t.db.update(products).set({ status: 'archived' }).where(eq(products.id, archived.id))
    await t.db.delete(products).where(eq(products.id, deleted.id))
    expect(await ids({ query: 'gandoura', categoryId: category.id })).toEqual([kept.id])
    await t.db.update(shops).set({ status: 'suspended' }).where(eq(shops.id, shop.id))
    expect(await ids({ query: 'gandoura', categoryId: category.id })).toEqual([])
    await t.db.update(shops).set({ status: 'approved' }).where(eq(shops.id, shop.id))
    expect(await ids({ query: 'gandoura', categoryId: category.id })).toEqual([kept.id])
  })

  it("follows a shop's new name, place and producer type, and a category's new name", async () => {
    const category = await createCategory(t.db, { nameFr: 'Objets divers' })
    const shop = await createShop(t.db, { name: 'Atelier Tamazight', communeCode: '15029', producerCategory: 'rural_woman' })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: 'منتج بلا اسم فرنسي' })
    expect(await ids({ query: 'tamazight', wilayaCode: 15, producerType: 'rural_woman' })).toEqual([product.id])
    await t.db.update(shops).set({ name: 'Atelier Imzad', communeCode: '31001', producerCategory: 'artisan' }).where(eq(shops.id, shop.id))
    expect(await ids({ query: 'tamazight' })).toEqual([])
    expect(await ids({ query: 'imzad', wilayaCode: 15 })).toEqual([])
    expect(await ids({ query: 'imzad', wilayaCode: 31, producerType: 'artisan' })).toEqual([product.id])
    await t.db.update(categories).set({ nameFr: 'Instruments de musique' }).where(eq(categories.id, category.id))
    expect(await ids({ query: 'instruments musique' })).toEqual([product.id])
  })

  it('holds exactly the public products', async () => {
    const [row] = await t.query<{ missing: number; extra: number }>(
      `select (select count(*)::int from products p join shops s on s.id = p.shop_id
                where p.status = 'active' and s.status = 'approved' and not exists (select 1 from product_search ps where ps.product_id = p.id)) as missing,
              (select count(*)::int from product_search ps join products p on p.id = ps.product_id join shops s on s.id = p.shop_id
                where p.status <> 'active' or s.status <> 'approved') as extra`,
    )
    expect(row).toEqual({ missing: 0, extra: 0 })
  })
})

describe('filters, sorting and paging', () => {
  let categoryId: string
  const tiziOuzou = 15
  const oran = 31
  beforeAll(async () => {
    categoryId = (await createCategory(t.db)).id
    const kabylie = await createShop(t.db, { communeCode: '15029' })
    const oranShop = await createShop(t.db, { communeCode: '31001' })
    const base = Date.parse('2026-02-01T10:00:00Z')
    const same = new Date(base)
    // 30 products, many sharing a price or a publication instant, to catch unstable pages.
    for (let i = 0; i < 30; i++) {
      await createProduct(t.db, {
        shopId: i % 3 === 0 ? oranShop.id : kabylie.id,
        categoryId,
        title: `Savon artisanal n°${i}`,
        price: (1 + (i % 5)) * 10_000,
        stock: i % 4 === 0 ? 0 : 5,
        publishedAt: i % 2 === 0 ? same : new Date(base + i * 60_000),
      })
    }
  })

  it('filters by wilaya, price range and stock', async () => {
    const all = await searchCatalog(t.db, { language: 'fr', filters: { categoryId }, limit: 100 })
    expect(all.products).toHaveLength(30)
    const inOran = await searchCatalog(t.db, { language: 'fr', filters: { categoryId, wilayaCode: oran }, limit: 100 })
    expect(inOran.products).toHaveLength(10)
    expect(new Set(inOran.products.map((p) => p.wilayaName))).toEqual(new Set(['Oran']))
    const inTizi = await searchCatalog(t.db, { language: 'ar', filters: { categoryId, wilayaCode: tiziOuzou }, limit: 100 })
    expect(inTizi.products).toHaveLength(20)
    const priced = await searchCatalog(t.db, { language: 'fr', filters: { categoryId, minPrice: 20_000, maxPrice: 30_000 }, limit: 100 })
    expect(priced.products.length).toBe(12)
    for (const p of priced.products) expect(p.price).toBeGreaterThanOrEqual(20_000)
    for (const p of priced.products) expect(p.price).toBeLessThanOrEqual(30_000)
    const inStock = await searchCatalog(t.db, { language: 'fr', filters: { categoryId, inStock: true }, limit: 100 })
    expect(inStock.products).toHaveLength(22)
    expect(inStock.products.every((p) => p.stock > 0)).toBe(true)
    expect(await titles({ categoryId, query: 'savon', wilayaCode: oran, inStock: true })).toHaveLength(7)
  })

  it('sorts by price both ways and by newest', async () => {
    const up = (await searchCatalog(t.db, { language: 'fr', filters: { categoryId }, sort: 'price_asc', limit: 100 })).products.map((p) => p.price)
    expect(up).toEqual([...up].sort((a, b) => a - b))
    const down = (await searchCatalog(t.db, { language: 'fr', filters: { categoryId }, sort: 'price_desc', limit: 100 })).products.map((p) => p.price)
    expect(down).toEqual([...up].reverse())
    const newest = await searchCatalog(t.db, { language: 'fr', filters: { categoryId }, sort: 'newest', limit: 100 })
    expect(newest.products[0]!.title).toBe('Savon artisanal n°29')
  })

  for (const sort of ['newest', 'price_asc', 'price_desc', 'relevance'] as const) {
    it(`pages through ${sort} without duplicates or gaps`, async () => {
      const filters = { categoryId, query: sort === 'relevance' ? 'savon' : undefined }
      const everything = (await searchCatalog(t.db, { language: 'fr', filters, sort, limit: 100 })).products.map((p) => p.id)
      expect(everything).toHaveLength(30)
      const seen: string[] = []
      let cursor: ListingCursor | null = null
      let pages = 0
      do {
        const page: Awaited<ReturnType<typeof searchCatalog>> = await searchCatalog(t.db, { language: 'fr', filters, sort, cursor, limit: 7 })
        seen.push(...page.products.map((p) => p.id))
        // Through the URL and back, as a browser would.
        cursor = page.next ? parseListingCursor(serializeListingCursor(page.next)) : null
        pages++
      } while (cursor && pages < 20)
      expect(pages).toBe(5)
      expect(seen).toEqual(everything)
    })
  }

  it('rejects tampered cursors', () => {
    expect(parseListingCursor('n~yesterday~abc')).toBeNull()
    expect(parseListingCursor("p~1~x' or 1=1")).toBeNull()
    expect(parseListingCursor('o~0')).toBeNull()
    expect(parseListingCursor('o~3')).toEqual({ kind: 'page', page: 3 })
  })
})

describe('ranking in SQL (migration 0030)', () => {
  it("scores each term on the stored title words exactly as titleRelevance's rule", async () => {
    const titles = [
      'العسل الحر من جبال جرجرة',
      'وبالعسل والزيت',
      'Miel de montagnes, récolte 2026',
      'Crème-brûlée n°29 au miel',
      'Huile d\'olive extra vierge',
      'كسكسي بلدي بالشعير',
      'Poterie kabyle (Aït-Hichem)',
      'ال لد',
    ]
    const terms = [['عسل'], ['العسل'], ['miel', 'عسل', 'honey'], ['montagne'], ['montagnes'], ['montagness'], ['huile d\'olive'], ['كسكس'], ['كسكسيات'], ['ait'], ['n'], ['29'], ['لد'], ['برول', 'creme brulee'], ['zzz']]
    let matched = 0
    for (const title of titles) {
      const [row] = await t.query<{ hits: boolean[] }>(
        `select array(select public.taswiq_title_words(public.taswiq_normalize($1)) @@ q::tsquery from unnest($2::text[]) with ordinality as x(q, i) order by i) as hits`,
        [title, terms.map((term) => titleWordsQuery(term)!)],
      )
      const expected = terms.map((term) => titleRelevance(title, [term]) === 1)
      expect(row!.hits, title).toEqual(expected)
      matched += expected.filter(Boolean).length
    }
    expect(matched).toBeGreaterThan(10)
    expect(matched).toBeLessThan(titles.length * terms.length - 10)
  })

  it('breaks relevance ties by recent sales, then rating, once the popularity job has run', async () => {
    const category = await createCategory(t.db)
    const shop = await createShop(t.db)
    const base = Date.parse('2026-03-01T10:00:00Z')
    // Equally relevant, in stock; newest first until popularity is known.
    const [oldest, middle, newest] = await Promise.all(
      [0, 1, 2].map((i) => createProduct(t.db, { shopId: shop.id, categoryId: category.id, title: `Tajine décoré ${i}`, publishedAt: new Date(base + i * 60_000) })),
    )
    const order = async () => (await searchCatalog(t.db, { language: 'fr', filters: { query: 'tajine', categoryId: category.id } })).products.map((p) => p.id)
    expect(await order()).toEqual([newest!.id, middle!.id, oldest!.id])

    const now = new Date()
    const sold = await createOrder(t.db, { shopId: shop.id, status: 'delivered', createdAt: new Date(now.getTime() - 10 * 86_400_000), items: [{ productId: oldest!.id, unitPrice: 100_000, quantity: 3 }] })
    // Sales older than 90 days or of a cancelled order do not count.
    await createOrder(t.db, { shopId: shop.id, status: 'delivered', createdAt: new Date(now.getTime() - 120 * 86_400_000), items: [{ productId: newest!.id, unitPrice: 100_000, quantity: 9 }] })
    await createOrder(t.db, { shopId: shop.id, status: 'cancelled', createdAt: now, items: [{ productId: newest!.id, unitPrice: 100_000, quantity: 9 }] })
    const rated = await createOrder(t.db, { shopId: shop.id, status: 'delivered', createdAt: new Date(now.getTime() - 200 * 86_400_000), items: [{ productId: middle!.id, unitPrice: 100_000, quantity: 1 }] })
    const [ratedItem] = await t.db.select({ id: orderItems.id }).from(orderItems).where(eq(orderItems.orderId, rated.id))
    await t.db.insert(reviews).values({ orderItemId: ratedItem!.id, productId: middle!.id, authorId: rated.buyerId, rating: 5 })
    expect(sold.status).toBe('delivered')

    // Not before the job's next run: the tie-break reads the search table's figures only.
    expect(await order()).toEqual([newest!.id, middle!.id, oldest!.id])
    expect(await refreshSearchPopularity(t.db, now)).toBeGreaterThanOrEqual(2)
    expect(await order()).toEqual([oldest!.id, middle!.id, newest!.id])
    // A second run changes nothing; a run 100 days later drops the sale out of the window.
    expect(await refreshSearchPopularity(t.db, now)).toBe(0)
    await refreshSearchPopularity(t.db, new Date(now.getTime() + 100 * 86_400_000))
    expect(await order()).toEqual([middle!.id, newest!.id, oldest!.id])
    // Out of stock still comes last, whatever its sales.
    await refreshSearchPopularity(t.db, now)
    await t.db.update(products).set({ stock: 0 }).where(eq(products.id, oldest!.id))
    expect(await order()).toEqual([middle!.id, newest!.id, oldest!.id])
  })

  it('caps the candidates: count and facets cover the first MAX_CANDIDATES, pages stop there', async () => {
    const category = await createCategory(t.db)
    const shops = [await createShop(t.db, { communeCode: '15029' }), await createShop(t.db, { communeCode: '31001' })]
    for (let i = 0; i < MAX_CANDIDATES + 5; i++) {
      await createProduct(t.db, { shopId: shops[i % 2]!.id, categoryId: category.id, title: `Bracelet berbère ${i}`, stock: i % 7 === 0 ? 0 : 2 })
    }
    const result = await searchCatalog(t.db, { language: 'fr', filters: { query: 'bracelet', categoryId: category.id }, limit: 24 })
    expect(result.capped).toBe(true)
    expect(result.total).toBe(MAX_CANDIDATES)
    expect(result.facets!.wilayas.reduce((sum, w) => sum + w.count, 0)).toBe(MAX_CANDIDATES)
    expect(result.facets!.categories).toEqual([{ id: category.id, count: MAX_CANDIDATES }])
    expect(result.facets!.readiness).toEqual([{ value: 'ship', count: MAX_CANDIDATES }])
    expect(result.products).toHaveLength(24)
    // In-stock rows first across pages; the last page of the cap has 200 - 8 × 24 = 8 rows and no next.
    let cursor = result.next
    let seen = result.products.length
    let lastInStock = true
    while (cursor) {
      const page = await searchCatalog(t.db, { language: 'fr', filters: { query: 'bracelet', categoryId: category.id }, cursor, limit: 24 })
      for (const p of page.products) {
        if (p.stock > 0) expect(lastInStock).toBe(true)
        lastInStock = p.stock > 0
      }
      seen += page.products.length
      cursor = page.next
    }
    expect(seen).toBe(MAX_CANDIDATES)
  })
})
