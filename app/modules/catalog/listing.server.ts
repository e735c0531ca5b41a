import type { DbOrTx } from '#db/client'
import { placeName, wilayas } from '~/modules/geo/geo.server'
import type { Language } from '~/utils/i18n'
import { listCategories } from './catalog.server'
import { serializeListingCursor } from './cursor'
import { parseListingParams, withCursor } from './listing-params'
import { MAX_RELEVANCE_PAGES, searchCatalog } from './search.server'

/**
 * Everything a search or category page shows, from its URL. `categoryId` fixes the category (a
 * category page); otherwise `?category=<slug>` filters by one.
 */
export async function loadListing(db: DbOrTx, { url, language, categoryId }: { url: URL; language: Language; categoryId?: string }) {
  const params = parseListingParams(url)
  const categories = await listCategories(db, { language })
  const filterCategory = categoryId ? undefined : categories.find((c) => c.slug === params.categorySlug)
  const result = await searchCatalog(db, {
    language,
    filters: {
      query: params.query,
      categoryId: categoryId ?? filterCategory?.id,
      wilayaCode: params.wilayaCode ?? undefined,
      minPrice: params.minDzd != null ? params.minDzd * 100 : undefined,
      maxPrice: params.maxDzd != null ? params.maxDzd * 100 : undefined,
      inStock: params.inStock,
    },
    sort: params.sort ?? undefined,
    cursor: params.cursor,
  })
  const pageNumber = params.cursor?.kind === 'page' ? params.cursor.page : 1
  return {
    query: result.query,
    fuzzy: result.fuzzy,
    products: result.products,
    nextHref: result.next ? withCursor(url, serializeListingCursor(result.next)) : null,
    // Relevance pages stop at MAX_RELEVANCE_PAGES: say so rather than end silently.
    truncated: result.sort === 'relevance' && !result.next && pageNumber >= MAX_RELEVANCE_PAGES && result.products.length > 0,
    isFirstPage: !params.cursor,
    hasFilters: Boolean(filterCategory || params.wilayaCode || params.minDzd != null || params.maxDzd != null || params.inStock),
    state: {
      query: result.query,
      categorySlug: filterCategory?.slug ?? null,
      wilayaCode: params.wilayaCode,
      minDzd: params.minDzd,
      maxDzd: params.maxDzd,
      inStock: params.inStock,
      sort: result.sort,
    },
    options: {
      categories: categories.map((c) => ({ value: c.slug, label: c.name ?? c.slug })),
      wilayas: wilayas.map((w) => ({ value: String(w.code), label: `${String(w.code).padStart(2, '0')} — ${placeName(w, language)}` })),
    },
  }
}
