import { parseDinars } from '~/utils/money'
import { parseListingCursor, type ListingCursor } from './cursor'

export const searchSorts = ['relevance', 'newest', 'price_asc', 'price_desc'] as const
export type SearchSort = (typeof searchSorts)[number]

export const producerTypes = ['rural_woman', 'productive_family', 'cooperative', 'artisan'] as const
export type ProducerType = (typeof producerTypes)[number]
/** Ready to ship (no preparation days) or made to order (some): from the product's preparation delay. */
export const readinessValues = ['ship', 'order'] as const
export type Readiness = (typeof readinessValues)[number]

/** What parseListingParams reads from a listing's URL: its state and the page's cursor. */
export type ListingParams = ListingState & { cursor: ListingCursor | null }

const MAX_DZD = 10_000_000

/** A price bound read like every money field (Arabic-Indic digits, comma or dot); anything else is no bound. */
function dinars(value: string | null) {
  const parsed = parseDinars(value ?? '', { maxDzd: MAX_DZD, allowZero: true })
  return 'centimes' in parsed ? Math.floor(parsed.centimes / 100) : null
}

/** The listing's state lives in the query string (plain GET forms: bookmarkable, no JS needed). Bad values are ignored. */
export function parseListingParams(url: URL): ListingParams {
  const p = url.searchParams
  const wilaya = Number(p.get('wilaya'))
  const sort = p.get('sort')
  return {
    query: (p.get('q') ?? '').trim().slice(0, 100),
    categorySlug: /^[a-z0-9-]{1,80}$/.test(p.get('category') ?? '') ? p.get('category') : null,
    wilayaCode: Number.isInteger(wilaya) && wilaya >= 1 && wilaya <= 69 ? wilaya : null,
    minDzd: dinars(p.get('min')),
    maxDzd: dinars(p.get('max')),
    inStock: p.get('stock') === '1',
    producerType: producerTypes.includes(p.get('producer') as ProducerType) ? (p.get('producer') as ProducerType) : null,
    readiness: readinessValues.includes(p.get('ready') as Readiness) ? (p.get('ready') as Readiness) : null,
    sort: searchSorts.includes(sort as SearchSort) ? (sort as SearchSort) : null,
    cursor: parseListingCursor(p.get('cursor')),
  }
}

/** The URL of the next page: the same listing with the cursor replaced. */
export function withCursor(url: URL, cursor: string) {
  const next = new URLSearchParams(url.searchParams)
  next.set('cursor', cursor)
  return `${url.pathname}?${next.toString()}`
}

/** A listing's filters as they appear in its URL (the form's fields, the facets' links). */
export type ListingState = {
  query: string
  categorySlug: string | null
  wilayaCode: number | null
  minDzd: number | null
  maxDzd: number | null
  inStock: boolean
  producerType: ProducerType | null
  readiness: Readiness | null
  sort: SearchSort | null
}

/**
 * The URL of a listing in this state (first page), the inverse of parseListingParams: a facet link
 * is the current state with one value changed, so filters combine and every state is bookmarkable.
 */
export function listingHref(path: string, state: ListingState) {
  const p = new URLSearchParams()
  if (state.query) p.set('q', state.query)
  if (state.categorySlug) p.set('category', state.categorySlug)
  if (state.wilayaCode) p.set('wilaya', String(state.wilayaCode))
  if (state.minDzd != null) p.set('min', String(state.minDzd))
  if (state.maxDzd != null) p.set('max', String(state.maxDzd))
  if (state.inStock) p.set('stock', '1')
  if (state.producerType) p.set('producer', state.producerType)
  if (state.readiness) p.set('ready', state.readiness)
  if (state.sort) p.set('sort', state.sort)
  const search = p.toString()
  return search ? `${path}?${search}` : path
}
