import type { NewestCursor } from './catalog.server'

// "<ISO date>_<id>" in the URL: readable, and a tampered value just falls back to the first page.
export function serializeNewestCursor(cursor: NewestCursor) {
  return `${cursor.publishedAt.toISOString()}_${cursor.id}`
}

export function parseNewestCursor(value: string | null): NewestCursor | null {
  if (!value) return null
  const separator = value.indexOf('_')
  if (separator < 0) return null
  const publishedAt = new Date(value.slice(0, separator))
  const id = value.slice(separator + 1)
  if (Number.isNaN(publishedAt.getTime()) || !isId(id)) return null
  return { publishedAt, id }
}

const isId = (id: string) => /^[a-z0-9_-]{1,64}$/i.test(id)

/**
 * Where the next page of a listing starts: after a (sort value, id) pair for keyset pages, or a
 * page number for relevance (see search.server.ts). "<kind>~<value>~<id>" stays readable in the URL.
 */
export type ListingCursor =
  | { kind: 'newest'; publishedAt: Date; id: string }
  | { kind: 'price'; price: number; id: string }
  | { kind: 'page'; page: number }

export function serializeListingCursor(cursor: ListingCursor) {
  if (cursor.kind === 'newest') return `n~${cursor.publishedAt.toISOString()}~${cursor.id}`
  if (cursor.kind === 'price') return `p~${cursor.price}~${cursor.id}`
  return `o~${cursor.page}`
}

export function parseListingCursor(value: string | null | undefined): ListingCursor | null {
  if (!value) return null
  const [kind, a = '', b = ''] = value.split('~')
  if (kind === 'n') {
    const publishedAt = new Date(a)
    return Number.isNaN(publishedAt.getTime()) || !isId(b) ? null : { kind: 'newest', publishedAt, id: b }
  }
  if (kind === 'p') {
    const price = Number(a)
    return Number.isSafeInteger(price) && price >= 0 && isId(b) ? { kind: 'price', price, id: b } : null
  }
  if (kind === 'o') {
    const page = Number(a)
    return Number.isSafeInteger(page) && page >= 1 ? { kind: 'page', page } : null
  }
  return null
}
