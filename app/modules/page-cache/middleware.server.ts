import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { isAnonymousCookieHeader } from '~/modules/catalog/http-cache.server'
import { getLanguage } from '~/utils/i18n.server'
import { loadContextOf } from '~/utils/load-context.server'
import { enableSharedData, invalidateSharedData } from './shared-data.server'
import { buildEntry, chooseEncoding, isStorable, matchesIfNoneMatch, PageCache, policyForEntry, renderNonce, type PageEntry } from './page-cache.server'

// Express in front of Remix (server.ts): anonymous GETs are answered from the page cache, every
// other request goes on to Remix untouched; requests that may change what catalog pages show
// invalidate the whole cache when they finish (docs/decisions/014-page-cache.md).

/**
 * Writes that cannot change a catalog page (who is logged in, what is in a cart, the language):
 * the busiest POSTs of a shop, so they do not empty the cache. Every other non-GET request does —
 * a new form that edits products is covered without anyone remembering the cache.
 */
const WRITES_THAT_LEAVE_PAGES = /^\/(cart|login|logout|signup|verify|forgot-password|reset-password|resources\/language)$/

export function mayChangePages(method: string, pathname: string) {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false
  const path = pathname.replace(/\.data$/, '').replace(/\/+$/, '') || '/'
  return !WRITES_THAT_LEAVE_PAGES.test(path)
}

/**
 * The request as @remix-run/express builds it (host and protocol as `trust proxy` says), without
 * its abort-on-close: a render other requests wait for must not stop when its first asker leaves.
 */
function toFetchRequest(req: ExpressRequest) {
  const port = /:(\d+)$/.exec(req.get('X-Forwarded-Host') ?? req.get('host') ?? '')?.[1]
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  return new Request(url, { method: req.method, headers })
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}

const gunzipAsync = promisify(gunzip)

type RequestHandler = (request: Request, context: AppLoadContext) => Promise<Response>
type Options = ({ build: ServerBuild | (() => Promise<ServerBuild>); mode?: string } | { handle: RequestHandler }) & { cache?: PageCache }

/** The middleware (with its cache, for tests). Renders with Remix's handler of `build`, or `handle`. */
export function pageCacheMiddleware(options: Options) {
  const cache = options.cache ?? new PageCache()
  // The data every visitor's page shares is emptied together with the pages.
  enableSharedData()
  const invalidate = () => {
    cache.invalidate()
    invalidateSharedData()
  }
  const handle = 'handle' in options ? options.handle : createRequestHandler(options.build, options.mode ?? process.env.NODE_ENV)

  /**
   * A render of this request's page, detached from its connection (others may wait for it). The
   * nonce is the request's own when it may get this very response, a throwaway one otherwise; a
   * stored page has it removed either way.
   */
  async function render(req: ExpressRequest, nonce: string): Promise<Response> {
    return handle(toFetchRequest(req), loadContextOf(req, nonce))
  }

  async function send(req: ExpressRequest, res: ExpressResponse, entry: PageEntry, state: 'hit' | 'miss' | 'stale') {
    const policy = res.getHeader('Content-Security-Policy')
    res.status(entry.status)
    for (const [name, value] of entry.headers) res.setHeader(name, value)
    res.setHeader('Vary', 'Cookie, Accept-Language, Accept-Encoding')
    res.setHeader('ETag', entry.etag)
    res.setHeader('Age', String(Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000))))
    res.setHeader('X-Page-Cache', state)
    if (typeof policy === 'string') res.setHeader('Content-Security-Policy', policyForEntry(policy, entry))
    if (matchesIfNoneMatch(req.get('If-None-Match'), entry.etag)) {
      res.status(304).end()
      return
    }
    const encoding = chooseEncoding(req.get('Accept-Encoding'))
    // Only compressed bodies are kept; a client that accepts neither encoding gets the gzip one decompressed.
    const body = encoding === 'identity' ? await gunzipAsync(entry.bodies.gzip) : entry.bodies[encoding]
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
    res.setHeader('Content-Length', String(body.length))
    res.end(body)
  }

  async function serve(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    // The key is what the page depends on: host, path with query, and the language as resolved
    // (not the raw Cookie / Accept-Language headers, which differ for every browser).
    const language = await getLanguage(
      new Request('http://x/', { headers: { Cookie: req.get('Cookie') ?? '', 'Accept-Language': req.get('Accept-Language') ?? '' } })
    )
    const key = `${language} ${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`

    const found = cache.lookup(key)
    if (found?.freshness === 'fresh') return send(req, res, found.entry, 'hit')
    if (found?.freshness === 'stale') {
      // Served as it is; one request renders it again meanwhile (a failure keeps the old one).
      if (!cache.isRendering(key)) {
        cache
          .renderOnce(key, async (generation) => {
            const nonce = renderNonce()
            const response = await render(req, nonce)
            if (!isStorable(response)) {
              await response.body?.cancel()
              return null
            }
            return buildEntry(key, response, nonce, generation)
          })
          .promise.catch((error: unknown) => console.error(error))
      }
      return send(req, res, found.entry, 'stale')
    }

    // Missing or invalidated: one render; concurrent requests for the same key wait for it.
    let own: Response | undefined
    const { promise, joined } = cache.renderOnce(key, async (generation) => {
      const nonce = String(res.locals.cspNonce ?? renderNonce())
      const response = await render(req, nonce)
      if (!isStorable(response)) {
        own = response
        return null
      }
      return buildEntry(key, response, nonce, generation)
    })
    const entry = await promise
    if (entry) return send(req, res, entry, 'miss')
    // Not a shareable page (private, a redirect, an error): this request gets Remix's own answer.
    if (own && !joined) return sendResponse(res, own)
    next()
  }

  const middleware = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (mayChangePages(req.method, req.path)) res.once('close', invalidate)
    if (req.method !== 'GET' || !isAnonymousCookieHeader(req.get('Cookie'))) return next()
    serve(req, res, next).catch(next)
  }
  return Object.assign(middleware, { cache })
}
