import { createHash, randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'
import { isbot } from 'isbot'
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { algeriaDay } from '~/utils/dates'

// Product page views for the producers' figures (issue 21, decision 027), counted without tracking
// people: no cookie, no script, nothing stored per person. The server sees every product page
// request — rendered, from the page cache, or the `.data` request of a client-side navigation — so
// the count is taken here, in front of the page cache, not in the loader (which a cached page skips).
// Counts are added up in memory and upserted as per-day counters every few seconds.

/** `/p/<slug>` or its single-fetch data request `/p/<slug>.data`; null for anything else. */
export function productSlugOf(path: string): string | null {
  const match = /^\/p\/([^/]+?)(?:\.data)?$/.exec(path)
  if (!match?.[1]) return null
  try {
    return decodeURIComponent(match[1])
  } catch {
    return null
  }
}

const MAX_TERM_LENGTH = 60

/** The search words of the page that linked to the product (same site's `/search?q=`), normalised; else null. */
export function searchTermOf(referer: string | undefined, host: string | undefined): string | null {
  if (!referer || !host) return null
  let url: URL
  try {
    url = new URL(referer)
  } catch {
    return null
  }
  if (url.host !== host || !/^\/search(?:\.data)?$/.test(url.pathname)) return null
  const term = (url.searchParams.get('q') ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase()
  return term ? term.slice(0, MAX_TERM_LENGTH) : null
}

export type ViewInput = { path: string; userAgent?: string; ip?: string; referer?: string; host?: string; purpose?: string }

/**
 * Counts views in memory. A view is left out when it comes from a bot (`isbot` on the User-Agent,
 * or no User-Agent), is a prefetch (`Sec-Purpose`/`Purpose: prefetch`), or repeats the same
 * person's view of the same product the same day — "the same person" being a hash of IP and
 * User-Agent with a random salt that lives only in this process and changes every day, so no
 * identifier outlives the day or leaves memory.
 */
export function createViewCounter({ now = () => new Date(), maxSeen = 200_000 }: { now?: () => Date; maxSeen?: number } = {}) {
  let day = ''
  let salt = randomBytes(16)
  let seen = new Set<string>()
  let views = new Map<string, number>() // `${day}\t${slug}`
  let terms = new Map<string, number>() // `${day}\t${slug}\t${term}`

  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n)

  function record(input: ViewInput): boolean {
    const slug = productSlugOf(input.path)
    if (!slug) return false
    if (!input.userAgent || isbot(input.userAgent)) return false
    if (/prefetch/i.test(input.purpose ?? '')) return false
    const today = algeriaDay(now())
    if (today !== day) {
      day = today
      salt = randomBytes(16)
      seen = new Set()
    }
    const who = createHash('sha256').update(salt).update(`${input.ip ?? ''}\n${input.userAgent}\n${slug}`).digest('base64url').slice(0, 22)
    if (seen.has(who)) return false
    // Bounded memory: past the bound a reload may count again, which is better than growing.
    if (seen.size >= maxSeen) seen = new Set()
    seen.add(who)
    add(views, `${today}\t${slug}`, 1)
    const term = searchTermOf(input.referer, input.host)
    if (term) add(terms, `${today}\t${slug}\t${term}`, 1)
    return true
  }

  /** Writes what was counted since the last flush: two statements, whatever the number of views. */
  async function flush(db: DbOrTx): Promise<number> {
    if (views.size === 0 && terms.size === 0) return 0
    const viewRows = [...views].map(([key, n]) => {
      const [d, slug] = key.split('\t')
      return { day: d, slug, n }
    })
    const termRows = [...terms].map(([key, n]) => {
      const [d, slug, term] = key.split('\t')
      return { day: d, slug, term, n }
    })
    views = new Map()
    terms = new Map()
    try {
      // Unknown slugs (a 404 is not counted, but a product may be renamed meanwhile) join to nothing.
      if (viewRows.length)
        await db.execute(sql`
          insert into product_views_daily (product_id, day, views)
          select p.id, v.day::date, v.n
          from jsonb_to_recordset(${JSON.stringify(viewRows)}::jsonb) as v(day text, slug text, n int)
          join products p on p.slug = v.slug
          on conflict (product_id, day) do update set views = product_views_daily.views + excluded.views`)
      if (termRows.length)
        await db.execute(sql`
          insert into product_search_terms_daily (product_id, day, term, views)
          select p.id, v.day::date, v.term, v.n
          from jsonb_to_recordset(${JSON.stringify(termRows)}::jsonb) as v(day text, slug text, term text, n int)
          join products p on p.slug = v.slug
          on conflict (product_id, day, term) do update set views = product_search_terms_daily.views + excluded.views`)
    } catch (error) {
      // Put the counts back for the next flush (a lost database must not lose the day's views).
      for (const r of viewRows) add(views, `${r.day}\t${r.slug}`, r.n)
      for (const r of termRows) add(terms, `${r.day}\t${r.slug}\t${r.term}`, r.n)
      throw error
    }
    return viewRows.reduce((sum, r) => sum + r.n, 0)
  }

  return { record, flush, pending: () => [...views.values()].reduce((a, b) => a + b, 0) }
}

export type ViewCounter = ReturnType<typeof createViewCounter>

/** Express middleware: records a product page view when its response is sent (200, or 304 from the cache). */
export function viewCounterMiddleware(counter: ViewCounter): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && productSlugOf(req.path)) {
      res.on('finish', () => {
        if (res.statusCode !== 200 && res.statusCode !== 304) return
        counter.record({
          path: req.path,
          userAgent: req.get('user-agent'),
          ip: req.ip,
          referer: req.get('referer'),
          host: req.get('host'),
          purpose: req.get('sec-purpose') ?? req.get('purpose'),
        })
      })
    }
    next()
  }
}
