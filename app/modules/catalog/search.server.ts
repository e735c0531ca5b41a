import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { communes, products } from '#db/schema'
import { getMediaStorage } from '~/modules/media/storage.server'
import { rowsOf } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'
import { cardQuery, isPubliclyVisible, toCard } from './catalog.server'
import type { ListingCursor } from './cursor'

import { type SearchSort } from './listing-params'

export { searchSorts, type SearchSort } from './listing-params'

/** Relevance pages use OFFSET; past this many pages the listing stops (refine the search instead). */
export const MAX_RELEVANCE_PAGES = 20
/** Longest query taken into account: a pasted novel must not become an expensive query. */
export const MAX_QUERY_LENGTH = 100

export type CatalogFilters = {
  query?: string
  categoryId?: string
  wilayaCode?: number
  /** Centimes. */
  minPrice?: number
  /** Centimes. */
  maxPrice?: number
  inStock?: boolean
}

// A query matches in any of the three ways the document is indexed (see db/schema/catalog.ts):
// Arabic stems ("عسل" finds "العسل"), French stems without accents ("creme" finds "crème"), or
// plain normalised words. Words are ANDed inside each language, the languages ORed.
//
// Built once, in its own statement, and sent back as a constant: plainto_tsquery() is only STABLE,
// so the planner cannot fold it inside the listing query. (Measured on 100,000 products this did
// not change timings much: the cost of a common word is ranking its many matches.)
async function buildTsQuery(db: DbOrTx, query: string) {
  const rows = await rowsOf<{ q: string }>(db, sql`select (plainto_tsquery('arabic'::regconfig, ${query})
    || plainto_tsquery('french'::regconfig, public.taswiq_unaccent(${query}))
    || plainto_tsquery('simple'::regconfig, public.taswiq_normalize(${query})))::text as q`)
  return rows[0]?.q ?? ''
}

type TextMode = 'fulltext' | 'fuzzy'

/** The user's words, with their tsquery when searching in full text. */
type Search = { text: string; tsquery: string }

function textCondition({ text: query, tsquery }: Search, mode: TextMode): SQL {
  return mode === 'fulltext'
    ? sql`${products.search} @@ ${tsquery}::tsquery`
    : // word_similarity(query, title) ≥ pg_trgm.word_similarity_threshold (0.6), served by products_title_trgm_idx.
      sql`public.taswiq_normalize(${products.title}) %> public.taswiq_normalize(${query})`
}

function textRank({ text: query, tsquery }: Search, mode: TextMode): SQL {
  return mode === 'fulltext'
    ? sql`ts_rank_cd(${products.search}, ${tsquery}::tsquery)`
    : sql`word_similarity(public.taswiq_normalize(${query}), public.taswiq_normalize(${products.title}))`
}

function filterConditions(filters: CatalogFilters): (SQL | undefined)[] {
  return [
    isPubliclyVisible,
    filters.categoryId ? eq(products.categoryId, filters.categoryId) : undefined,
    filters.wilayaCode ? eq(communes.wilayaCode, filters.wilayaCode) : undefined,
    filters.minPrice != null ? gte(products.price, filters.minPrice) : undefined,
    filters.maxPrice != null ? lte(products.price, filters.maxPrice) : undefined,
    filters.inStock ? sql`${products.stock} > 0` : undefined,
  ]
}

/** The words of a search box, or '' when nothing searchable was typed. */
export function normalizeQuery(value: string | null | undefined) {
  const query = (value ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH)
  return /[\p{L}\p{N}]/u.test(query) ? query : ''
}

/**
 * The public catalog, searched and filtered: the search page and category pages.
 *
 * Paging: newest and price orders are keyset pages (after the last row's sort value and id), as
 * cheap on page 500 as on page 1 through the partial indexes on active products. Relevance needs
 * every match ranked anyway, so it pages with a bounded OFFSET (MAX_RELEVANCE_PAGES).
 *
 * Typos: when full-text search finds nothing, the same filters are tried again on trigram
 * similarity of the title ("couscus" → "couscous"), and `fuzzy` tells the page to say so.
 */
export async function searchCatalog(
  db: DbOrTx,
  {
    language,
    filters,
    sort: requestedSort,
    cursor,
    limit = 24,
  }: { language: Language; filters: CatalogFilters; sort?: SearchSort; cursor?: ListingCursor | null; limit?: number },
) {
  const query = normalizeQuery(filters.query)
  const sort: SearchSort = requestedSort === 'relevance' && !query ? 'newest' : (requestedSort ?? (query ? 'relevance' : 'newest'))
  const search = query ? { text: query, tsquery: await buildTsQuery(db, query) } : null
  let page = await listingPage(db, { language, filters, search, sort, cursor, limit, mode: 'fulltext' })
  let fuzzy = false
  if (search && page.products.length === 0 && !(await hasFullTextMatch(db, filters, search))) {
    page = await listingPage(db, { language, filters, search, sort, cursor, limit, mode: 'fuzzy' })
    fuzzy = true
  }
  return { ...page, query, sort, fuzzy }
}

async function hasFullTextMatch(db: DbOrTx, filters: CatalogFilters, search: Search) {
  const rows = await cardQuery(db, 'fr')
    .where(and(...filterConditions(filters), textCondition(search, 'fulltext')))
    .limit(1)
  return rows.length > 0
}

async function listingPage(
  db: DbOrTx,
  {
    language,
    filters,
    search,
    sort,
    cursor,
    limit,
    mode,
  }: { language: Language; filters: CatalogFilters; search: Search | null; sort: SearchSort; cursor?: ListingCursor | null; limit: number; mode: TextMode },
) {
  const conditions = filterConditions(filters)
  if (search) conditions.push(textCondition(search, mode))

  let ordered
  let offset = 0
  if (sort === 'relevance' && search) {
    const pageNumber = cursor?.kind === 'page' ? cursor.page : 1
    if (pageNumber > MAX_RELEVANCE_PAGES) return { products: [], next: null }
    offset = (pageNumber - 1) * limit
    ordered = cardQuery(db, language)
      .where(and(...conditions))
      .orderBy(desc(textRank(search, mode)), desc(products.publishedAt), desc(products.id))
  } else if (sort === 'newest') {
    if (cursor?.kind === 'newest') {
      conditions.push(sql`(${products.publishedAt}, ${products.id}) < (${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id})`)
    }
    ordered = cardQuery(db, language).where(and(...conditions)).orderBy(desc(products.publishedAt), desc(products.id))
  } else {
    const ascending = sort === 'price_asc'
    if (cursor?.kind === 'price') {
      conditions.push(
        ascending
          ? sql`(${products.price}, ${products.id}) > (${cursor.price}::bigint, ${cursor.id})`
          : sql`(${products.price}, ${products.id}) < (${cursor.price}::bigint, ${cursor.id})`,
      )
    }
    ordered = cardQuery(db, language)
      .where(and(...conditions))
      .orderBy(...(ascending ? [asc(products.price), asc(products.id)] : [desc(products.price), desc(products.id)]))
  }

  const rows = await ordered.limit(limit + 1).offset(offset)
  const storage = getMediaStorage()
  const pageRows = rows.slice(0, limit)
  const last = pageRows.at(-1)
  let next: ListingCursor | null = null
  if (rows.length > limit && last) {
    if (sort === 'relevance' && search) {
      const following = offset / limit + 2
      next = following <= MAX_RELEVANCE_PAGES ? { kind: 'page', page: following } : null
    } else if (sort === 'newest') {
      next = last.publishedAt ? { kind: 'newest', publishedAt: last.publishedAt, id: last.id } : null
    } else {
      next = { kind: 'price', price: last.price, id: last.id }
    }
  }
  return { products: pageRows.map((row) => toCard(row, storage)), next }
}
