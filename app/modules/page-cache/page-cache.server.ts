import { createHash, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { LRUCache } from 'lru-cache'

// Anonymous public pages kept in memory, rendered once and compressed once
// (docs/decisions/014-page-cache.md). This file holds the rules; middleware.server.ts plugs them
// into Express in front of Remix.

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/**
 * Measured on the Arabic home page, 105 KB (decision 014): gzip 6 is as small as 9 (16.9 KB) and
 * faster; brotli 6 gives 12.9 KB for the time of gzip 9, while brotli 11 saves 14 % more for 40×
 * the CPU — too dear when every write re-renders the pages.
 */
export const GZIP_LEVEL = 6
export const BROTLI_QUALITY = 6

/** Freshness is the route's own `max-age` / `stale-while-revalidate`, but never longer than these. */
const MAX_FRESH_SECONDS = 60
const MAX_STALE_SECONDS = 300

export type Encoding = 'br' | 'gzip' | 'identity'

export type PageEntry = {
  key: string
  status: number
  /** The route's headers, minus the ones that belong to one response (cookies, length, encoding, date). */
  headers: [string, string][]
  /**
   * The page compressed once per encoding. The uncompressed HTML is not kept (it was ~3/4 of an
   * entry's bytes): the rare client that accepts neither gets the gzip body decompressed.
   */
  bodies: Record<Exclude<Encoding, 'identity'>, Buffer>
  /** `W/"…"` of the uncompressed body: the same bytes under any encoding. */
  etag: string
  /** CSP `script-src` sources that allow exactly this page's inline scripts; null when it has none. */
  scriptHashes: string[]
  /** The invalidation generation when the render started: an entry of an older one is never served. */
  generation: number
  storedAt: number
  freshMs: number
  staleMs: number
}

const RESPONSE_ONLY_HEADERS = new Set(['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'date', 'etag', 'connection', 'age'])

/** A random nonce for a render whose HTML will be stored: it is removed before anyone sees it. */
export function renderNonce() {
  return randomBytes(16).toString('base64')
}

/**
 * Whether Remix's answer may be stored and shared: a plain 200 that its route marked `public`,
 * setting no cookie. Everything else (private pages, redirects, errors, 503s) goes out as it is.
 */
export function isStorable(response: Response) {
  if (response.status !== 200 || !response.body) return false
  if (response.headers.has('Set-Cookie')) return false
  const cacheControl = response.headers.get('Cache-Control') ?? ''
  if (!/(^|,)\s*public\s*(,|$)/i.test(cacheControl) || /no-store|private|no-cache/i.test(cacheControl)) return false
  // `Vary` on anything but the language's sources and the encoding would need a key we do not make.
  const vary = (response.headers.get('Vary') ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean)
  return vary.every((name) => name === 'cookie' || name === 'accept-language' || name === 'accept-encoding')
}

function directiveSeconds(cacheControl: string, name: string) {
  const match = new RegExp(`(?:^|,)\\s*${name}=(\\d+)`, 'i').exec(cacheControl)
  return match ? Number(match[1]) : 0
}

/**
 * An entry from a storable response rendered with `nonce`: the nonce attributes are taken out of
 * the HTML (each response gets a CSP of hashes instead, so no visitor ever sees a nonce that was
 * valid for another), the inline scripts hashed, the body compressed once per encoding.
 */
export async function buildEntry(key: string, response: Response, nonce: string, generation: number, now = Date.now()): Promise<PageEntry> {
  let body = Buffer.from(await response.arrayBuffer())
  const isHtml = /^text\/html/i.test(response.headers.get('Content-Type') ?? '')
  let scriptHashes: string[] = []
  if (isHtml) {
    let html = body.toString('utf8')
    if (nonce) html = html.split(` nonce="${nonce}"`).join('')
    scriptHashes = inlineScriptHashes(html)
    body = Buffer.from(html, 'utf8')
  }
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(body, { level: GZIP_LEVEL }),
    brotliAsync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  ])
  const cacheControl = response.headers.get('Cache-Control') ?? ''
  const headers = [...response.headers.entries()].filter(([name]) => !RESPONSE_ONLY_HEADERS.has(name.toLowerCase()))
  return {
    key,
    status: response.status,
    headers,
    bodies: { gzip: gzipped, br: brotli },
    etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
    scriptHashes,
    generation,
    storedAt: now,
    freshMs: Math.min(directiveSeconds(cacheControl, 'max-age'), MAX_FRESH_SECONDS) * 1000,
    staleMs: Math.min(directiveSeconds(cacheControl, 'stale-while-revalidate'), MAX_STALE_SECONDS) * 1000,
  }
}

/**
 * `'sha256-…'` of every inline script the browser would run. Data blocks (JSON, JSON-LD) are not
 * scripts to CSP and are left out, so the policy names nothing but this page's code.
 */
export function inlineScriptHashes(html: string) {
  const hashes = new Set<string>()
  for (const match of html.matchAll(/<script((?:\s[^>]*)?)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? ''
    if (/\ssrc\s*=/i.test(attributes)) continue
    const type = /\stype\s*=\s*"([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase()
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') continue
    hashes.add(
      `'sha256-${createHash('sha256')
        .update(match[2] ?? '', 'utf8')
        .digest('base64')}'`
    )
  }
  return [...hashes]
}

/** This response's CSP: the request's policy with its nonce replaced by the cached page's script hashes. */
export function policyForEntry(policy: string, entry: PageEntry) {
  return policy.replace(/\s*'nonce-[^']*'/g, '').replace(/(script-src[^;]*)/, (directive) => [directive, ...entry.scriptHashes].join(' '))
}

/** The best stored body for `Accept-Encoding` (brotli, then gzip, then none; `q=0` refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean)
    accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0
  if (weight('br') > 0) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return 'identity'
}

/** `If-None-Match` against the entry's ETag, by weak comparison (RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}

export type Freshness = 'fresh' | 'stale' | 'expired'

export type PageCacheOptions = {
  /** Bytes of bodies (gzip and brotli) kept at most. */
  maxBytes?: number
}

/**
 * The store: an LRU bounded by bytes, a generation counter that invalidates every entry at once,
 * and at most one render per key at a time (concurrent misses wait for it, a stale entry is
 * served while one request renders it again).
 */
export class PageCache {
  private readonly entries: LRUCache<string, PageEntry>
  private readonly renders = new Map<string, Promise<PageEntry | null>>()
  private generationValue = 0

  // 32 MB of compressed bodies: ~950 pages of the home's size (34 KB for both encodings), twice
  // what 64 MB held when the uncompressed HTML was kept too, for half the memory (decision 023).
  constructor({ maxBytes = 32 * 1024 * 1024 }: PageCacheOptions = {}) {
    this.entries = new LRUCache<string, PageEntry>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => entry.bodies.gzip.length + entry.bodies.br.length + entry.key.length + 512,
    })
  }

  get generation() {
    return this.generationValue
  }

  /** Something a catalog page shows may have changed: no entry stored before now is served again. */
  invalidate() {
    this.generationValue++
  }

  get size() {
    return this.entries.size
  }

  get bytes() {
    return this.entries.calculatedSize
  }

  /** The entry for `key` and whether it may be served as it is, served while re-rendered, or not at all. */
  lookup(key: string, now = Date.now()): { entry: PageEntry; freshness: Freshness } | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.generation !== this.generationValue) return { entry, freshness: 'expired' }
    const age = now - entry.storedAt
    const freshness = age < entry.freshMs ? 'fresh' : age < entry.freshMs + entry.staleMs ? 'stale' : 'expired'
    return { entry, freshness }
  }

  /**
   * Runs `render` for `key` unless one is already running (then waits for that one). `render`
   * returns the entry to store, or null when the page turned out not to be storable. The entry is
   * kept under the generation its render started in, so a write during the render makes it stale.
   */
  renderOnce(key: string, render: (generation: number) => Promise<PageEntry | null>): { promise: Promise<PageEntry | null>; joined: boolean } {
    const running = this.renders.get(key)
    if (running) return { promise: running, joined: true }
    const promise = render(this.generationValue)
      .then((entry) => {
        if (entry) this.entries.set(key, entry)
        return entry
      })
      .finally(() => this.renders.delete(key))
    this.renders.set(key, promise)
    return { promise, joined: false }
  }

  isRendering(key: string) {
    return this.renders.has(key)
  }
}
