import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { categories, communes, orderItems, orders, products, productSearch, reviews, shops } from '#db/schema'
import { getMediaStorage } from '~/modules/media/storage.server'
import { rowsOf } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'
import { cardQuery, isPubliclyVisible, toCard, type ProductCard } from './catalog.server'
import type { ListingCursor } from './cursor'
import { type ProducerType, type Readiness, type SearchSort } from './listing-params'
import { getSearchVocabulary, type SearchVocabulary } from './search-dictionary.server'
import { closestWord, isStopword, normalizeSearchText, searchWords, withoutArabicPrefix } from './search-text'

export { searchSorts, type SearchSort } from './listing-params'

/** Relevance pages use OFFSET; past this many pages the listing stops (refine the search instead). */
export const MAX_RELEVANCE_PAGES = 20
/** Longest query taken into account: a pasted novel must not become an expensive query. */
export const MAX_QUERY_LENGTH = 100
/**
 * A search ranks at most this many matching products (the first found through the search table's
 * GIN index or scan), so its cost does not grow with the number of matches; counts and facets
 * above it read "200+". 200 rather than 500 (decision 030): the ranking, the facets and the rows
 * read scale with this cap, and at 500 a common word at 100,000 products cost 2–3× the CPU of the
 * same search at 1,000 products (where it has ~135 matches); eight pages of 24 stay browsable.
 */
export const MAX_CANDIDATES = 200
/** Words of a query taken into account (each adds a condition). */
const MAX_TERMS = 6
/** Rows whose recent sales and rating are looked up to break relevance ties (see orderCandidates). */
const MAX_TIE_BREAK = 96
/** Fewer results than this and the page offers a spelling suggestion when there is one. */
const FEW_RESULTS = 3

/** Price ranges offered as facets, whole dinars, both ends included (as the min/max filter reads them). */
export const PRICE_RANGES = [
  { min: 0, max: 999 },
  { min: 1000, max: 2999 },
  { min: 3000, max: 9999 },
  { min: 10000, max: null },
] as const

export type CatalogFilters = {
  query?: string
  categoryId?: string
  wilayaCode?: number
  /** Centimes. */
  minPrice?: number
  /** Centimes. */
  maxPrice?: number
  inStock?: boolean
  producerType?: ProducerType
  /** Ready to ship: no preparation days; made to order: some. */
  readiness?: Readiness
}

function filterConditions(filters: CatalogFilters): (SQL | undefined)[] {
  return [
    isPubliclyVisible,
    filters.categoryId ? eq(products.categoryId, filters.categoryId) : undefined,
    filters.wilayaCode ? eq(communes.wilayaCode, filters.wilayaCode) : undefined,
    filters.minPrice != null ? gte(products.price, filters.minPrice) : undefined,
    filters.maxPrice != null ? lte(products.price, filters.maxPrice) : undefined,
    filters.inStock ? sql`${products.stock} > 0` : undefined,
    filters.producerType ? eq(shops.producerCategory, filters.producerType) : undefined,
    filters.readiness === 'ship' ? eq(products.madeToOrderDays, 0) : filters.readiness === 'order' ? sql`${products.madeToOrderDays} > 0` : undefined,
  ]
}

/** The words of a search box, or '' when nothing searchable was typed. */
export function normalizeQuery(value: string | null | undefined) {
  const query = (value ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH)
  return /[\p{L}\p{N}]/u.test(query) ? query : ''
}

/**
 * The query as terms, each with the words that may stand for it: the word itself and its dictionary
 * group ("miel" → miel, عسل, honey). Dictionary phrases count as one term ("huile d'olive"); words
 * that say nothing ("de", "the", "من") are dropped unless nothing else was typed.
 */
export function queryTerms(query: string, vocabulary: SearchVocabulary): string[][] {
  const words = searchWords(query)
  const terms: string[][] = []
  for (let i = 0; i < words.length; ) {
    const phrase = vocabulary.phrases.find((p) => p.every((word, k) => words[i + k] === word))
    const key = phrase ? phrase.join(' ') : words[i]!
    i += phrase ? phrase.length : 1
    if (!phrase && isStopword(key)) continue
    // "العسل" is looked up as "عسل" when only the bare word is in the dictionary.
    const synonyms = vocabulary.synonyms.get(key) ?? vocabulary.synonyms.get(withoutArabicPrefix(key)) ?? []
    terms.push([key, ...synonyms.filter((t) => t !== key)])
  }
  if (terms.length === 0 && words.length > 0) terms.push([words.join(' ')])
  return terms.slice(0, MAX_TERMS)
}

/**
 * A term's condition on the search table: its alternatives' text query (each lexeme once, migration
 * 0026) against the row's document, which also holds the names of the product's category, shop,
 * commune and wilaya (migration 0027) — so "miel" finds a product titled in Arabic through the
 * dictionary, and "tizi" the products of the shops of Tizi Ouzou, with one GIN index. The query is
 * a constant of each execution (drizzle sends unnamed statements, planned with their values), so
 * the planner sees the term's words and its statistics choose the plan.
 */
function termCondition(alternatives: string[]): SQL {
  return sql`${productSearch.doc} @@ public.taswiq_search_query_any(array[${sql.join(
    alternatives.map((a) => sql`${a}`),
    sql`, `
  )}]::text[])`
}

type Match =
  | { mode: 'all' | 'any'; words: string[][] }
  /** Trigram similarity of the normalised titles: the last resort for typos. */
  | { mode: 'fuzzy'; text: string }

/** What a candidate row holds: enough to rank, sort, count and facet without reading the card. */
type Candidate = {
  id: string
  stock: number
  price: number
  publishedAt: Date | null
  categoryId: string
  madeToOrderDays: number
  producerType: ProducerType
  wilayaCode: number | null
  rank: number
}

/**
 * The listing's filters on the search table (its rows are the active products of approved shops):
 * the columns, and the same values as lexemes of the document ('#w15', migration 0027), so the
 * GIN index intersects them with the words and a filtered search reads only its matching rows.
 */
function searchFilterConditions(filters: CatalogFilters): (SQL | undefined)[] {
  const t = productSearch
  const facts = [
    filters.categoryId ? `#c${filters.categoryId}` : null,
    filters.wilayaCode ? `#w${filters.wilayaCode}` : null,
    filters.producerType ? `#p${filters.producerType}` : null,
    filters.readiness ? `#${filters.readiness}` : null,
    filters.inStock ? '#stock' : null,
  ].filter((fact): fact is string => fact != null && /^#[\w-]+$/.test(fact))
  return [
    facts.length ? sql`${t.doc} @@ ${facts.map((fact) => `'${fact}'`).join(' & ')}::tsquery` : undefined,
    sql`(${t.foodBestBefore} is null or ${t.foodBestBefore} >= (now() at time zone 'Africa/Algiers')::date)`,
    filters.categoryId ? eq(t.categoryId, filters.categoryId) : undefined,
    filters.wilayaCode ? eq(t.wilayaCode, filters.wilayaCode) : undefined,
    filters.minPrice != null ? gte(t.price, filters.minPrice) : undefined,
    filters.maxPrice != null ? lte(t.price, filters.maxPrice) : undefined,
    filters.inStock ? sql`${t.stock} > 0` : undefined,
    filters.producerType ? eq(t.producerType, filters.producerType) : undefined,
    filters.readiness === 'ship' ? eq(t.madeToOrderDays, 0) : filters.readiness === 'order' ? sql`${t.madeToOrderDays} > 0` : undefined,
  ]
}

/**
 * The first MAX_CANDIDATES + 1 matching public products under the filters, from the narrow search
 * table alone (one statement, no join): a sequential scan stopped by the LIMIT for common words, a
 * bitmap scan of its GIN index for rare ones — with their text relevance.
 */
async function findCandidates(db: DbOrTx, filters: CatalogFilters, match: Match): Promise<Candidate[]> {
  let condition: SQL
  if (match.mode === 'fuzzy') {
    // word_similarity(query, titles) ≥ pg_trgm.word_similarity_threshold (0.6), served by product_search_text_trgm_idx.
    condition = sql`${productSearch.searchText} %> public.taswiq_normalize(${match.text})`
  } else {
    const conditions = match.words.map(termCondition)
    condition = match.mode === 'all' ? and(...conditions)! : sql`(${sql.join(conditions, sql` or `)})`
  }
  const rows = await db
    .select({
      id: productSearch.productId,
      stock: productSearch.stock,
      price: productSearch.price,
      publishedAt: productSearch.publishedAt,
      categoryId: productSearch.categoryId,
      madeToOrderDays: productSearch.madeToOrderDays,
      producerType: productSearch.producerType,
      wilayaCode: productSearch.wilayaCode,
      searchText: productSearch.searchText,
    })
    .from(productSearch)
    .where(and(...searchFilterConditions(filters), condition))
    .limit(MAX_CANDIDATES + 1)
  const relevance = relevanceOf(match.mode === 'fuzzy' ? [searchWords(match.text)] : match.words)
  return rows.map(({ searchText, ...r }) => ({ ...r, rank: relevance(searchText) }))
}

/**
 * Relevance from the stored normalised titles, computed here rather than by ts_rank_cd for every
 * candidate (which read each 1 KB search document: 200 ms for 1,000 rows at 100,000 products): the
 * share of the query's terms whose words (any alternative) begin a word of one of the titles.
 * Products found only by their description, category or shop score 0 and come after.
 */
export function titleRelevance(titles: string, terms: string[][]) {
  return relevanceOf(terms)(normalizeSearchText(titles))
}

/**
 * `titleRelevance` for many rows: the query's words are split once, and each row's `search_text` is
 * already normalised by the database (taswiq_normalize), so a row costs one split and a few
 * prefix comparisons instead of normalising up to 501 titles again per search (decision 030).
 */
function relevanceOf(terms: string[][]) {
  const wanted = terms.map((alternatives) => alternatives.map((alternative) => searchWords(alternative)))
  return (normalizedTitles: string) => {
    if (wanted.length === 0) return 0
    const words: string[] = []
    for (const w of normalizedTitles.match(WORD) ?? []) {
      words.push(w)
      // Only a word starting with an article or clitic letter can lose one: no regex for the others.
      if (ARABIC_PREFIX_START.has(w[0]!)) {
        const bare = withoutArabicPrefix(w)
        if (bare !== w) words.push(bare)
      }
    }
    const matches = (a: string) => words.some((w) => w.startsWith(a) || (a.length > 3 && a.startsWith(w) && w.length >= a.length - 2))
    return wanted.filter((alternatives) => alternatives.some((parts) => parts.every(matches))).length / wanted.length
  }
}

const WORD = /[\p{L}\p{N}]+/gu
/** The first letters of the Arabic article and clitics that `withoutArabicPrefix` removes (ال, و ب ف ك ل). */
const ARABIC_PREFIX_START = new Set(['ا', 'و', 'ب', 'ف', 'ك', 'ل'])

export type SearchFacets = {
  categories: { id: string; count: number }[]
  wilayas: { code: number; count: number }[]
  prices: { min: number; max: number | null; count: number }[]
  inStock: number
  readiness: { value: Readiness; count: number }[]
  producerTypes: { value: ProducerType; count: number }[]
}

/** Counts of the matching products by each filter value: choosing a value shows exactly that many. */
function facetsOf(candidates: Candidate[]): SearchFacets {
  const countBy = <K>(key: (c: Candidate) => K | null) => {
    const counts = new Map<K, number>()
    for (const c of candidates) {
      const k = key(c)
      if (k != null) counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])
  }
  return {
    categories: countBy((c) => c.categoryId).map(([id, count]) => ({ id, count })),
    wilayas: countBy((c) => c.wilayaCode).map(([code, count]) => ({ code, count })),
    prices: PRICE_RANGES.map((range) => ({
      ...range,
      count: candidates.filter((c) => c.price >= range.min * 100 && (range.max == null || c.price <= range.max * 100)).length,
    })).filter((r) => r.count > 0),
    inStock: candidates.filter((c) => c.stock > 0).length,
    readiness: countBy<Readiness>((c) => (c.madeToOrderDays > 0 ? 'order' : 'ship')).map(([value, count]) => ({ value, count })),
    producerTypes: countBy((c) => c.producerType).map(([value, count]) => ({ value, count })),
  }
}

/**
 * Units sold in the last 90 days (orders not cancelled) and the average rating, for breaking ties:
 * one statement with the ids as one parameter (two drizzle queries with one parameter per id cost
 * more to build and send than to run: decision 030).
 */
async function popularity(db: DbOrTx, ids: string[], now: Date) {
  const result = new Map(ids.map((id) => [id, { sales: 0, rating: 0 }]))
  if (ids.length === 0) return result
  const since = new Date(now.getTime() - 90 * 86_400_000)
  const rows = await rowsOf<{ id: string; sales: string | number | null; rating: string | number | null }>(
    db,
    sql`select p.id,
        (select sum(oi.quantity) from ${orderItems} oi join ${orders} o on o.id = oi.order_id
          where oi.product_id = p.id and o.created_at >= ${since.toISOString()}::timestamptz
            and o.status not in ('cancelled', 'returned', 'awaiting_payment')) as sales,
        (select avg(r.rating) from ${reviews} r where r.product_id = p.id) as rating
      from unnest(string_to_array(${ids.join(',')}, ',')) as p(id)`
  )
  for (const row of rows) result.set(row.id, { sales: Number(row.sales ?? 0), rating: Number(row.rating ?? 0) })
  return result
}

const byNewest = (a: Candidate, b: Candidate) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || (a.id < b.id ? 1 : -1)

/**
 * Puts the candidates in the page's order. Relevance: in stock first, then text relevance, then —
 * only among the rows tied with the page's rows — recent sales and rating, then newest.
 */
async function orderCandidates(db: DbOrTx, candidates: Candidate[], sort: SearchSort, window: { offset: number; limit: number }, now: Date) {
  if (sort === 'newest') return [...candidates].sort(byNewest)
  if (sort === 'price_asc' || sort === 'price_desc') {
    const direction = sort === 'price_asc' ? 1 : -1
    return [...candidates].sort((a, b) => direction * (a.price - b.price) || (a.id < b.id ? -direction : direction))
  }
  const key = (c: Candidate) => `${c.stock > 0 ? 1 : 0}:${c.rank}`
  const primary = [...candidates].sort((a, b) => Number(b.stock > 0) - Number(a.stock > 0) || b.rank - a.rank)
  const pageKeys = new Set(primary.slice(window.offset, window.offset + window.limit + 1).map(key))
  // Tie groups can be large (every in-stock title hit): look up at most MAX_TIE_BREAK of them, the
  // ones nearest the page, so the popularity queries stay bounded too.
  const tied = primary.filter((c) => pageKeys.has(key(c)))
  const start = Math.max(0, tied.indexOf(primary[window.offset] ?? tied[0]!) - MAX_TIE_BREAK / 2)
  tied.splice(0, start)
  tied.splice(MAX_TIE_BREAK)
  const score = await popularity(
    db,
    tied.map((c) => c.id),
    now
  )
  const of = (c: Candidate) => score.get(c.id) ?? { sales: 0, rating: 0 }
  return primary.sort(
    (a, b) => Number(b.stock > 0) - Number(a.stock > 0) || b.rank - a.rank || of(b).sales - of(a).sales || of(b).rating - of(a).rating || byNewest(a, b)
  )
}

/** Cards of these products, in this order, in the reader's language. */
async function cardsInOrder(db: DbOrTx, language: Language, ids: string[]): Promise<ProductCard[]> {
  if (ids.length === 0) return []
  const rows = await cardQuery(db, language).where(inArray(products.id, ids))
  const storage = getMediaStorage()
  const byId = new Map(rows.map((row) => [row.id, toCard(row, storage)]))
  return ids.map((id) => byId.get(id)).filter((card): card is ProductCard => Boolean(card))
}

/** Categories whose names are closest to the query: what an empty result offers instead. */
async function closestCategories(db: DbOrTx, query: string, limit = 3) {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .orderBy(
      desc(
        sql`word_similarity(public.taswiq_normalize(${query}), public.taswiq_normalize(${categories.nameAr} || ' ' || ${categories.nameFr} || ' ' || ${categories.nameEn}))`
      ),
      asc(categories.position)
    )
    .limit(limit)
  return rows.map((r) => r.id)
}

/** The query with each unknown word replaced by the closest known one, or null when nothing changes. */
export function spellingSuggestion(query: string, vocabulary: SearchVocabulary) {
  const words = searchWords(query)
  let changed = false
  const corrected = words.map((word) => {
    if (isStopword(word) || /^\p{N}+$/u.test(word)) return word
    const closest = closestWord(word, vocabulary.words)
    if (!closest) return word
    changed = true
    return closest
  })
  return changed ? corrected.join(' ') : null
}

export type SearchResult = {
  products: ProductCard[]
  next: ListingCursor | null
  query: string
  sort: SearchSort
  /** Close results by trigram similarity (nothing matched the words themselves). */
  fuzzy: boolean
  /** Results match some of the words, not all of them. */
  partial: boolean
  /** The results are for this corrected query (the typed one found nothing). */
  correctedTo: string | null
  /** "Did you mean …?": a corrected spelling that is not the one shown. */
  suggestion: string | null
  /** Matching products; when `capped`, at least this many. */
  total: number | null
  capped: boolean
  facets: SearchFacets | null
  /** When nothing matched: the categories closest to the query. */
  closestCategoryIds: string[]
}

/**
 * The public catalog, searched and filtered: the search page and category pages.
 *
 * Without words, newest and price orders are keyset pages (after the last row's sort value and id),
 * as cheap on page 500 as on page 1 through the partial indexes on active products.
 *
 * With words (docs/decisions/013-multilingual-search.md): every term must match — in any version of
 * the title or description, through the dictionary, or by naming the category, the shop, its
 * commune or wilaya. The first MAX_CANDIDATES matches are ranked; counts and facets come from them.
 * Nothing found → any of the words; still nothing → the spelling suggestion's results; still
 * nothing → trigram similarity of the titles (`fuzzy`).
 */
export async function searchCatalog(
  db: DbOrTx,
  {
    language,
    filters,
    sort: requestedSort,
    cursor,
    limit = 24,
    now = new Date(),
  }: { language: Language; filters: CatalogFilters; sort?: SearchSort; cursor?: ListingCursor | null; limit?: number; now?: Date }
): Promise<SearchResult> {
  const query = normalizeQuery(filters.query)
  const sort: SearchSort = requestedSort === 'relevance' && !query ? 'newest' : requestedSort ?? (query ? 'relevance' : 'newest')
  const none = { query, sort, fuzzy: false, partial: false, correctedTo: null, suggestion: null, closestCategoryIds: [] }
  if (!query) {
    const page = await browsePage(db, { language, filters, sort, cursor, limit })
    return { ...page, ...none, total: null, capped: false, facets: null }
  }

  const vocabulary = await getSearchVocabulary(db)
  const termWords = queryTerms(query, vocabulary)
  let candidates = await findCandidates(db, filters, { mode: 'all', words: termWords })
  let partial = false
  let correctedTo: string | null = null
  let fuzzy = false
  if (candidates.length === 0 && termWords.length > 1) {
    candidates = await findCandidates(db, filters, { mode: 'any', words: termWords })
    partial = candidates.length > 0
  }
  const suggestion = candidates.length < FEW_RESULTS ? spellingSuggestion(query, vocabulary) : null
  if (candidates.length === 0 && suggestion) {
    const correctedWords = queryTerms(suggestion, vocabulary)
    candidates = await findCandidates(db, filters, { mode: 'all', words: correctedWords })
    if (candidates.length > 0) correctedTo = suggestion
  }
  if (candidates.length === 0) {
    candidates = await findCandidates(db, filters, { mode: 'fuzzy', text: query })
    fuzzy = candidates.length > 0
  }

  const capped = candidates.length > MAX_CANDIDATES
  if (capped) candidates = candidates.slice(0, MAX_CANDIDATES)
  const pageNumber = cursor?.kind === 'page' ? Math.min(cursor.page, MAX_RELEVANCE_PAGES + 1) : 1
  const offset = (pageNumber - 1) * limit
  const ordered = pageNumber > MAX_RELEVANCE_PAGES ? [] : await orderCandidates(db, candidates, sort, { offset, limit }, now)
  const pageIds = ordered.slice(offset, offset + limit).map((c) => c.id)
  const following = pageNumber + 1
  const next: ListingCursor | null = ordered.length > offset + limit && following <= MAX_RELEVANCE_PAGES ? { kind: 'page', page: following } : null
  return {
    products: await cardsInOrder(db, language, pageIds),
    next,
    query,
    sort,
    fuzzy,
    partial,
    correctedTo,
    suggestion: correctedTo ? null : suggestion,
    total: candidates.length,
    capped,
    facets: facetsOf(candidates),
    closestCategoryIds: candidates.length === 0 ? await closestCategories(db, suggestion ?? query) : [],
  }
}

/** A listing without words: newest or by price, keyset-paged through the partial indexes. */
async function browsePage(
  db: DbOrTx,
  { language, filters, sort, cursor, limit }: { language: Language; filters: CatalogFilters; sort: SearchSort; cursor?: ListingCursor | null; limit: number }
) {
  const conditions = filterConditions(filters)
  let ordered
  if (sort === 'price_asc' || sort === 'price_desc') {
    const ascending = sort === 'price_asc'
    if (cursor?.kind === 'price') {
      conditions.push(
        ascending
          ? sql`(${products.price}, ${products.id}) > (${cursor.price}::bigint, ${cursor.id})`
          : sql`(${products.price}, ${products.id}) < (${cursor.price}::bigint, ${cursor.id})`
      )
    }
    ordered = cardQuery(db, language)
      .where(and(...conditions))
      .orderBy(...(ascending ? [asc(products.price), asc(products.id)] : [desc(products.price), desc(products.id)]))
  } else {
    if (cursor?.kind === 'newest') {
      conditions.push(sql`(${products.publishedAt}, ${products.id}) < (${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id})`)
    }
    ordered = cardQuery(db, language)
      .where(and(...conditions))
      .orderBy(desc(products.publishedAt), desc(products.id))
  }
  const rows = await ordered.limit(limit + 1)
  const storage = getMediaStorage()
  const pageRows = rows.slice(0, limit)
  const last = pageRows.at(-1)
  let next: ListingCursor | null = null
  if (rows.length > limit && last) {
    if (sort === 'price_asc' || sort === 'price_desc') next = { kind: 'price', price: last.price, id: last.id }
    else next = last.publishedAt ? { kind: 'newest', publishedAt: last.publishedAt, id: last.id } : null
  }
  return { products: pageRows.map((row) => toCard(row, storage)), next }
}
