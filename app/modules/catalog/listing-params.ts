import { parseDinars } from '~/utils/money'
import { parseListingCursor, type ListingCursor } from './cursor'

export const searchSorts = ['relevance', 'newest', 'price_asc', 'price_desc'] as const
export type SearchSort = (typeof searchSorts)[number]

export type ListingParams = {
  query: string
  categorySlug: string | null
  wilayaCode: number | null
  /** Whole dinars, as typed. */
  minDzd: number | null
  maxDzd: number | null
  inStock: boolean
  sort: SearchSort | null
  cursor: ListingCursor | null
}

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
