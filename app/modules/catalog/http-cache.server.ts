import type { HeadersFunction } from '@remix-run/node'

// How catalog pages may be cached (docs/decisions/004-search-and-public-caching.md).
//
// The layout shows who is logged in, so a page is only "public" for a visitor who carries no
// cookie but the language one: the session, the flash toast and any future cart cookie all make
// the page personal. Shared caches keep one copy per language cookie / Accept-Language (Vary);
// everything else — logged-in pages, cart, account, dashboard, moderation — is `no-store`
// (entry.server.tsx makes that the default for any response that did not choose).

/** Cookies that change a page only through its language, which `Vary` already covers. */
const NEUTRAL_COOKIES = new Set(['lng'])

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300'
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

export function isAnonymousRequest(request: Request) {
  return isAnonymousCookieHeader(request.headers.get('Cookie'))
}

/** The same rule on a raw `Cookie` header (the page cache reads it before Remix sees the request). */
export function isAnonymousCookieHeader(cookie: string | null | undefined) {
  if (!cookie) return true
  return cookie
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean)
    .every((name) => NEUTRAL_COOKIES.has(name))
}

/** Headers a public catalog loader returns: short public caching for anonymous visitors only. */
export function catalogCacheHeaders(request: Request): Record<string, string> {
  return isAnonymousRequest(request)
    ? { 'Cache-Control': PUBLIC_CACHE_CONTROL, Vary: 'Cookie, Accept-Language' }
    : { 'Cache-Control': PRIVATE_CACHE_CONTROL, Vary: 'Cookie, Accept-Language' }
}

/** The `headers` export of catalog routes: pass the loader's caching decision on to the page. */
export const catalogHeaders: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const source = errorHeaders ?? loaderHeaders
  const headers = new Headers()
  for (const name of ['Cache-Control', 'Vary']) {
    const value = source.get(name)
    if (value) headers.set(name, value)
  }
  // A 404 or 500 is not worth keeping around in a cache.
  if (errorHeaders && !errorHeaders.get('Cache-Control')) headers.set('Cache-Control', 'no-store')
  return headers
}

/**
 * Last word on every response (entry.server.tsx): nothing is cacheable unless a route said so,
 * and a response that sets a cookie is never shared.
 */
export function finalizeCacheHeaders(headers: Headers) {
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  else if (headers.has('Set-Cookie') && /\bpublic\b/.test(headers.get('Cache-Control')!)) {
    headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
  }
}
