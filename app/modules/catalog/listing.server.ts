import type { DbOrTx } from '#db/client'
import { placeName, wilayas } from '~/modules/geo/geo.server'
import type { Language } from '~/utils/i18n'
import { listCategories } from './catalog.server'
import { serializeListingCursor } from './cursor'
import { listingHref, parseListingParams, withCursor, type ListingState, type SearchSort } from './listing-params'
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
      producerType: params.producerType ?? undefined,
      readiness: params.readiness ?? undefined,
    },
    sort: params.sort ?? undefined,
    cursor: params.cursor,
  })
  const pageNumber = params.cursor?.kind === 'page' ? params.cursor.page : 1
  const state: ListingState & { sort: SearchSort } = {
    query: result.query,
    categorySlug: filterCategory?.slug ?? null,
    wilayaCode: params.wilayaCode,
    minDzd: params.minDzd,
    maxDzd: params.maxDzd,
    inStock: params.inStock,
    producerType: params.producerType,
    readiness: params.readiness,
    sort: result.sort,
  }
  // A facet's link: this listing with one filter set (or cleared when it is the one in use).
  const href = (change: Partial<ListingState>) => listingHref(url.pathname, { ...state, ...change, sort: params.sort })
  const categoryById = new Map(categories.map((c) => [c.id, c]))
  const wilayaByCode = new Map(wilayas.map((w) => [w.code, w]))
  const facets = result.facets && {
    categories: result.facets.categories.flatMap(({ id, count }) => {
      const category = categoryById.get(id)
      if (!category || categoryId) return []
      const active = category.slug === state.categorySlug
      return [{ label: category.name ?? category.slug, count, active, href: href({ categorySlug: active ? null : category.slug }) }]
    }),
    wilayas: result.facets.wilayas.flatMap(({ code, count }) => {
      const wilaya = wilayaByCode.get(code)
      if (!wilaya) return []
      const active = code === state.wilayaCode
      return [{ label: placeName(wilaya, language), count, active, href: href({ wilayaCode: active ? null : code }) }]
    }),
    prices: result.facets.prices.map(({ min, max, count }) => {
      const active = state.minDzd === min && state.maxDzd === max
      return { min, max, count, active, href: href(active ? { minDzd: null, maxDzd: null } : { minDzd: min, maxDzd: max }) }
    }),
    inStock: { count: result.facets.inStock, active: state.inStock, href: href({ inStock: !state.inStock }) },
    readiness: result.facets.readiness.map(({ value, count }) => {
      const active = value === state.readiness
      return { value, count, active, href: href({ readiness: active ? null : value }) }
    }),
    producerTypes: result.facets.producerTypes.map(({ value, count }) => {
      const active = value === state.producerType
      return { value, count, active, href: href({ producerType: active ? null : value }) }
    }),
  }
  return {
    query: result.query,
    fuzzy: result.fuzzy,
    partial: result.partial,
    correctedTo: result.correctedTo,
    suggestion: result.suggestion ? { text: result.suggestion, href: href({ query: result.suggestion }) } : null,
    total: result.total,
    capped: result.capped,
    facets,
    closestCategories: result.closestCategoryIds.flatMap((id) => {
      const category = categoryById.get(id)
      return category ? [{ slug: category.slug, name: category.name ?? category.slug }] : []
    }),
    products: result.products,
    nextHref: result.next ? withCursor(url, serializeListingCursor(result.next)) : null,
    // Relevance pages stop at MAX_RELEVANCE_PAGES: say so rather than end silently.
    truncated: Boolean(result.query) && !result.next && pageNumber >= MAX_RELEVANCE_PAGES && result.products.length > 0,
    isFirstPage: !params.cursor,
    hasFilters: Boolean(
      filterCategory || params.wilayaCode || params.minDzd != null || params.maxDzd != null || params.inStock || params.producerType || params.readiness,
    ),
    state,
    options: {
      categories: categories.map((c) => ({ value: c.slug, label: c.name ?? c.slug })),
      wilayas: wilayas.map((w) => ({ value: String(w.code), label: `${String(w.code).padStart(2, '0')} — ${placeName(w, language)}` })),
    },
  }
}
