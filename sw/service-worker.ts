// The installable app's service worker (issue 16, docs/decisions/024-service-worker.md). Built by
// scripts/build-sw.mjs after the Remix build: esbuild bundles this file and the Workbox modules it
// imports into build/client/sw.js, then workbox-build's injectManifest writes the precache list
// (app shell, offline page, icons) in place of `self.__WB_MANIFEST`. No page imports this file:
// Workbox never reaches the pages' JavaScript, which only call `navigator.serviceWorker.register`.
//
// What it keeps, and what it never does:
// - hashed build files (/assets/*, immutable) and pages' strings files (/strings/*, named by their
//   content's hash) cache-first; stored photos (/media/*, immutable too)
//   cache-first with a cap, for the pages read offline;
// - public pages network-first, stored only when the server marked the answer `public` (an
//   anonymous visitor: the session, cart or toast cookie make a page `private, no-store`), so
//   nothing personal is ever written to the cache; the back office and the account are never stored;
// - a navigation that fails (offline, server unreachable) gets the last stored copy of that page,
//   else the offline page; POSTs and /resources, /api requests are not routed at all (the browser
//   sends them as usual; Workbox routes GET only).
import { clientsClaim } from 'workbox-core'
import { ExpirationPlugin } from 'workbox-expiration'
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { registerRoute, setCatchHandler } from 'workbox-routing'
import { CacheFirst, NetworkFirst, NetworkOnly } from 'workbox-strategies'
import { isCacheablePage, isPrivatePath, OFFLINE_PAGE } from './rules'

// The page types (DOM lib) and the worker's scope differ; these are the few worker calls used here.
declare const self: {
  __WB_MANIFEST: (string | PrecacheEntry)[]
  skipWaiting(): Promise<void>
  addEventListener(type: 'install', listener: () => void): void
}

self.addEventListener('install', () => void self.skipWaiting())
clientsClaim()
cleanupOutdatedCaches()
precacheAndRoute(self.__WB_MANIFEST)

registerRoute(
  // A page read offline needs its strings file to hydrate, as it needs its scripts.
  ({ url, request }) => url.origin === location.origin && /^\/(assets|strings)\//.test(url.pathname) && request.method === 'GET',
  new CacheFirst({
    cacheName: 'taswiq-assets',
    // Old builds' files drop out as new ones come in.
    plugins: [new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 60 * 24 * 3600 })],
  })
)

registerRoute(
  ({ url }) => url.origin === location.origin && url.pathname.startsWith('/media/'),
  new CacheFirst({
    cacheName: 'taswiq-photos',
    plugins: [
      { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
      new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  })
)

// Public pages: the last 30 visited, for reading offline.
const pages = new NetworkFirst({
  cacheName: 'taswiq-pages',
  plugins: [
    { cacheWillUpdate: async ({ response }) => (isCacheablePage(response.status, response.headers.get('Cache-Control')) ? response : null) },
    new ExpirationPlugin({ maxEntries: 30, maxAgeSeconds: 7 * 24 * 3600, purgeOnQuotaError: true }),
  ],
})
const network = new NetworkOnly()

registerRoute(
  ({ request }) => request.mode === 'navigate',
  (options) => (isPrivatePath(options.url.pathname) ? network : pages).handle(options)
)

// Whatever failed: a page gets the offline page (in the visitor's language, chosen by offline.js);
// anything else fails as it would without a service worker.
setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate') return (await matchPrecache(OFFLINE_PAGE)) ?? Response.error()
  return Response.error()
})
