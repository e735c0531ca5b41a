import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { categories, communes, products, productSearch, shops } from '#db/schema'
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
 * Relevance from the stored normalised titles: the share of the query's terms whose words (any
 * alternative) begin a word of one of the titles — or are at most two letters longer than one
 * ("montagnes" finds "montagne"). Products found only by their description, category or shop score
 * 0 and come after. The search itself computes this in SQL (`titleWordsQuery`); this is the
 * reference the tests compare it with.
 */
export function titleRelevance(titles: string, terms: string[][]) {
  const wanted = terms.map((alternatives) => alternatives.map((alternative) => searchWords(alternative)))
  if (wanted.length === 0) return 0
  const words: string[] = []
  for (const w of normalizeSearchText(titles).match(WORD) ?? []) {
    words.push(w)
    const bare = withoutArabicPrefix(w)
    if (bare !== w) words.push(bare)
  }
  const matches = (a: string) => words.some((w) => w.startsWith(a) || (a.length > 3 && a.startsWith(w) && w.length >= a.length - 2))
  return wanted.filter((alternatives) => alternatives.some((parts) => parts.every(matches))).length / wanted.length
}

const WORD = /[\p{L}\p{N}]+/gu

/**
 * A term's relevance test as a text query on `product_search.title_words` (migration 0030: the
 * titles' words as exact lexemes, each also without its Arabic article): a word `a` matches a title
 * word that begins with it (`'a':*`) or, when `a` has more than 3 letters, that is `a` less its
 * last one or two letters (`'a'` minus 1 or 2) — exactly `titleRelevance`'s rule. Alternatives
 * are ORed, the words of one alternative ANDed. Null when an alternative has no word (always true).
 */
export function titleWordsQuery(alternatives: string[]): string | null {
  const lexeme = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
  const branches: string[] = []
  for (const alternative of alternatives) {
    const parts = searchWords(alternative)
    if (parts.length === 0) return null
    branches.push(
      parts
        .map((a) => {
          const forms = [`${lexeme(a)}:*`]
          if (a.length > 3) forms.push(lexeme(a.slice(0, -1)), lexeme(a.slice(0, -2)))
          return `(${forms.join(' | ')})`
        })
        .join(' & ')
    )
  }
  return branches.map((b) => `(${b})`).join(' | ')
}

export type SearchFacets = {
  categories: { id: string; count: number }[]
  wilayas: { code: number; count: number }[]
  prices: { min: number; max: number | null; count: number }[]
  inStock: number
  readiness: { value: Readiness; count: number }[]
  producerTypes: { value: ProducerType; count: number }[]
}

/** The page's order of the candidates, on the columns of the search table (ids compared bytewise, as before in Node). */
function orderBy(sort: SearchSort): string {
  if (sort === 'newest') return 'published_at desc nulls last, product_id collate "C" desc'
  if (sort === 'price_asc') return 'price asc, product_id collate "C" asc'
  if (sort === 'price_desc') return 'price desc, product_id collate "C" desc'
  // Relevance: in stock first, then text relevance, then recent sales and rating (kept on the row
  // by the search-popularity job), then newest.
  return '(stock > 0) desc, rank desc, sales_90d desc, rating desc, published_at desc nulls last, product_id collate "C" desc'
}

type SearchPage = { total: number; ids: string[]; facets: SearchFacets }

/**
 * One statement per search (decision 030, third round): the first MAX_CANDIDATES + 1 matching
 * public products under the filters, from the narrow search table alone (a sequential scan stopped
 * by the LIMIT for common words, a bitmap scan of its GIN index for rare ones), each with its
 * relevance (one text match per term on its title words); then, over the first MAX_CANDIDATES of
 * them, the page's ids in order and the total and facet counts as one JSON value. Only the page
 * leaves the database: nothing proportional to the matches is sent, mapped or sorted in Node.
 */
async function searchPage(
  db: DbOrTx,
  filters: CatalogFilters,
  match: Match,
  sort: SearchSort,
  window: { offset: number; limit: number }
): Promise<SearchPage> {
  let condition: SQL
  let relevanceTerms: string[][]
  if (match.mode === 'fuzzy') {
    // word_similarity(query, titles) ≥ pg_trgm.word_similarity_threshold (0.6), served by product_search_text_trgm_idx.
    condition = sql`${productSearch.searchText} %> public.taswiq_normalize(${match.text})`
    relevanceTerms = [searchWords(match.text)]
  } else {
    const conditions = match.words.map(termCondition)
    condition = match.mode === 'all' ? and(...conditions)! : sql`(${sql.join(conditions, sql` or `)})`
    relevanceTerms = match.words
  }
  const rank =
    sort === 'relevance' && relevanceTerms.length > 0
      ? sql.join(
          relevanceTerms.map((term) => {
            const query = titleWordsQuery(term)
            return query == null ? sql`1` : sql`(${productSearch.titleWords} @@ ${query}::tsquery)::int`
          }),
          sql` + `
        )
      : sql`0`
  const prices = sql.join(
    PRICE_RANGES.map((r) =>
      r.max == null ? sql`count(*) filter (where price >= ${r.min * 100})` : sql`count(*) filter (where price between ${r.min * 100} and ${r.max * 100})`
    ),
    sql`, `
  )
  const counts = (column: string) =>
    sql.raw(`(select coalesce(json_agg(json_build_array(k, n) order by n desc, k), '[]') from (select ${column} as k, count(*)::int as n from kept where ${column} is not null group by 1) g)`)
  const [row] = await rowsOf<{ result: string | { total: number; ids: string[] | null; facets: unknown[] } }>(
    db,
    sql`with candidates as materialized (
        select ${productSearch.productId} as product_id, ${productSearch.categoryId} as category_id, ${productSearch.wilayaCode} as wilaya_code,
          ${productSearch.producerType}::text as producer_type, ${productSearch.stock} as stock, ${productSearch.price} as price,
          ${productSearch.madeToOrderDays} as made_to_order_days, ${productSearch.publishedAt} as published_at,
          ${productSearch.sales90d} as sales_90d, ${productSearch.rating} as rating, ${rank} as rank
        from ${productSearch}
        where ${and(...searchFilterConditions(filters), condition)}
        limit ${MAX_CANDIDATES + 1}),
      kept as (select * from candidates limit ${MAX_CANDIDATES}),
      ordered as (select product_id, row_number() over (order by ${sql.raw(orderBy(sort))}) as position from kept)
      select json_build_object(
        'total', (select count(*)::int from candidates),
        'ids', (select json_agg(product_id order by position) from ordered where position > ${window.offset} and position <= ${window.offset + window.limit}),
        'facets', json_build_array(${counts('category_id')}, ${counts('wilaya_code')}, ${counts('producer_type')},
          (select json_build_array(count(*) filter (where stock > 0), count(*) filter (where made_to_order_days = 0),
            count(*) filter (where made_to_order_days > 0), ${prices}) from kept))
      ) as result`
  )
  const raw = row!.result
  const result = typeof raw === 'string' ? (JSON.parse(raw) as Exclude<typeof raw, string>) : raw
  const [categoryCounts, wilayaCounts, producerCounts, [inStock, ship, order, ...priceCounts]] = result.facets as [
    [string, number][],
    [number, number][],
    [ProducerType, number][],
    number[],
  ]
  const readiness = (
    [
      { value: 'ship', count: ship! },
      { value: 'order', count: order! },
    ] as { value: Readiness; count: number }[]
  )
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count)
  return {
    total: result.total,
    ids: result.ids ?? [],
    facets: {
      categories: categoryCounts.map(([id, count]) => ({ id, count })),
      wilayas: wilayaCounts.map(([code, count]) => ({ code, count })),
      prices: PRICE_RANGES.map((range, i) => ({ ...range, count: priceCounts[i]! })).filter((r) => r.count > 0),
      inStock: inStock!,
      readiness,
      producerTypes: producerCounts.map(([value, count]) => ({ value, count })),
    },
  }
}

/**
 * Refreshes the tie-break's popularity on the search table: units sold in the 90 days before `now`
 * (orders not cancelled, returned or unpaid) and the average rating (migration 0030). Run hourly
 * by the `search-popularity` job; the window moves by itself, so no trigger could keep it. Returns
 * the number of rows whose figures changed.
 */
export async function refreshSearchPopularity(db: DbOrTx, now = new Date()) {
  const since = new Date(now.getTime() - 90 * 86_400_000)
  const [row] = await rowsOf<{ changed: number }>(db, sql`select public.taswiq_product_search_popularity(${since.toISOString()}::timestamptz) as changed`)
  return Number(row?.changed ?? 0)
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
  }: {
    language: Language
    filters: CatalogFilters
    sort?: SearchSort
    cursor?: ListingCursor | null
    limit?: number
    /** Unused since popularity is kept on the search table (decision 030); kept for callers. */
    now?: Date
  }
): Promise<SearchResult> {
  const query = normalizeQuery(filters.query)
  const sort: SearchSort = requestedSort === 'relevance' && !query ? 'newest' : requestedSort ?? (query ? 'relevance' : 'newest')
  const none = { query, sort, fuzzy: false, partial: false, correctedTo: null, suggestion: null, closestCategoryIds: [] }
  if (!query) {
    const page = await browsePage(db, { language, filters, sort, cursor, limit })
    return { ...page, ...none, total: null, capped: false, facets: null }
  }

  const vocabulary = await getSearchVocabulary(db)
  const pageNumber = cursor?.kind === 'page' ? Math.min(cursor.page, MAX_RELEVANCE_PAGES + 1) : 1
  const window = { offset: (pageNumber - 1) * limit, limit }
  const find = (match: Match) => searchPage(db, filters, match, sort, window)
  const termWords = queryTerms(query, vocabulary)
  let found = await find({ mode: 'all', words: termWords })
  let partial = false
  let correctedTo: string | null = null
  let fuzzy = false
  if (found.total === 0 && termWords.length > 1) {
    found = await find({ mode: 'any', words: termWords })
    partial = found.total > 0
  }
  const suggestion = found.total < FEW_RESULTS ? spellingSuggestion(query, vocabulary) : null
  if (found.total === 0 && suggestion) {
    found = await find({ mode: 'all', words: queryTerms(suggestion, vocabulary) })
    if (found.total > 0) correctedTo = suggestion
  }
  if (found.total === 0) {
    found = await find({ mode: 'fuzzy', text: query })
    fuzzy = found.total > 0
  }

  const capped = found.total > MAX_CANDIDATES
  const total = Math.min(found.total, MAX_CANDIDATES)
  const pageIds = pageNumber > MAX_RELEVANCE_PAGES ? [] : found.ids
  const following = pageNumber + 1
  const next: ListingCursor | null = pageNumber <= MAX_RELEVANCE_PAGES && total > window.offset + limit && following <= MAX_RELEVANCE_PAGES ? { kind: 'page', page: following } : null
  return {
    products: await cardsInOrder(db, language, pageIds),
    next,
    query,
    sort,
    fuzzy,
    partial,
    correctedTo,
    suggestion: correctedTo ? null : suggestion,
    total,
    capped,
    facets: found.facets,
    closestCategoryIds: total === 0 ? await closestCategories(db, suggestion ?? query) : [],
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
