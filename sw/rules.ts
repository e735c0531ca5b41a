// The service worker's rules, apart from Workbox so a unit test can read them (rules.test.ts).

/** Precached; served when a navigation fails. Its script (offline.js) picks the visitor's language. */
export const OFFLINE_PAGE = '/offline.html'

/**
 * Pages never stored, whatever their headers say: the back office, the account, the forms that sign
 * in or out, the dev mailbox. Their requests still go to the network (and get the offline page).
 */
const PRIVATE_PREFIXES = ['/dashboard', '/account', '/moderation', '/admin', '/assist', '/dev', '/resources', '/api', '/login', '/logout', '/signup', '/verify', '/forgot-password', '/reset-password', '/cart', '/checkout', '/favourites', '/messages']

export function isPrivatePath(pathname: string) {
  return PRIVATE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))
}

/**
 * A page answer the service worker may keep for offline reading: a 200 that the server marked
 * `public` (only an anonymous visitor's pages are, see app/modules/catalog/http-cache.server.ts).
 * `private`, `no-store` and `no-cache` answers — every page with a session — are never stored.
 */
export function isCacheablePage(status: number, cacheControl: string | null) {
  if (status !== 200 || !cacheControl) return false
  return /(^|,)\s*public\s*(,|$)/i.test(cacheControl) && !/private|no-store|no-cache/i.test(cacheControl)
}
