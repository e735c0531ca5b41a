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
  if (Number.isNaN(publishedAt.getTime()) || !/^[a-z0-9_-]{1,64}$/i.test(id)) return null
  return { publishedAt, id }
}
