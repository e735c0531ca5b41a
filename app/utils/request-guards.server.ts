import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { MAX_PHOTOS } from '~/modules/listings/schemas'
import { MAX_IMAGE_BYTES } from '~/modules/media/limits'
import { getLanguage, translateOnServer } from './i18n.server'
import { textDirection, type Language } from './i18n'

// Checks every request passes before any route code runs (server.ts mounts them before Remix),
// each answering with a small translated page: cross-site writes (403), text PostgreSQL cannot
// store or that is not valid UTF-8 in the URL or a form body (400), bodies over the limits (413),
// bodies that are not a form (415).
// Why each is built this way: docs/decisions/012-request-integrity.md.

/**
 * Paths that take POSTs from outside services, which authenticate by a signature over the body
 * (Stripe-Signature…), not by a browser origin: any `/resources/<name>-webhook`.
 */
export const SIGNED_WEBHOOK_PATHS: readonly RegExp[] = [/^\/resources\/[a-z0-9-]+-webhook\/?$/]

/** Form posts without files (urlencoded, text, JSON): a long review is ~10 KB. */
export const MAX_FORM_BODY_BYTES = 1024 * 1024
/** Multipart posts: the most photos one form takes, each at its limit, and the form's text. */
export const MAX_MULTIPART_BODY_BYTES = MAX_PHOTOS * MAX_IMAGE_BYTES + MAX_FORM_BODY_BYTES

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

type Refusal = 'crossSite' | 'badRequest' | 'tooLarge' | 'unsupportedType'
const STATUS: Record<Refusal, number> = { crossSite: 403, badRequest: 400, tooLarge: 413, unsupportedType: 415 }

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The visitor's language (language cookie, then Accept-Language), as the pages pick it. */
function languageOf(req: ExpressRequest) {
  const cookie = req.get('cookie')
  const acceptLanguage = req.get('accept-language')
  return getLanguage(
    new Request('http://localhost/', { headers: { ...(cookie ? { Cookie: cookie } : {}), ...(acceptLanguage ? { 'Accept-Language': acceptLanguage } : {}) } }),
  )
}

/** The refusal page, in the visitor's language. */
export function refusalPage(refusal: Refusal, language: Language) {
  const t = (key: string) => escapeHtml(translateOnServer(language, `requestGuard.${key}`))
  return `<!doctype html><html lang="${language}" dir="${textDirection(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t(`${refusal}.title`)} · Taswiq</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.6}a{display:inline-block;padding:.75rem 0}</style></head><body><h1>${t(`${refusal}.title`)}</h1><p>${t(`${refusal}.body`)}</p><p><a href="/">${t('home')}</a></p></body></html>`
}

function refuse(req: ExpressRequest, res: ExpressResponse, refusal: Refusal, language: Language) {
  if (res.headersSent) return
  // The body was not (fully) read: the connection cannot carry another request.
  if (!SAFE_METHODS.has(req.method)) res.set('Connection', 'close')
  res.status(STATUS[refusal]).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).send(refusalPage(refusal, language))
}

/**
 * The origin the request was sent to, as Remix's Express adapter builds its URL: protocol and
 * host name honour `trust proxy` (X-Forwarded-Proto/-Host only behind a trusted proxy), the port
 * comes from the Host header.
 */
function ownOrigin(req: ExpressRequest) {
  const port = (req.get('x-forwarded-host') ?? req.get('host'))?.split(':')[1]
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ''}`
}

/**
 * Whether a state-changing request comes from our own pages. `Origin` (sent by every current
 * browser on POST) must be our site's: APP_URL's origin, or the origin the request was addressed
 * to (a demo opened by its LAN address). Without `Origin`, `Sec-Fetch-Site` saying another site
 * (cross-site, or same-site: a sibling subdomain or another port) refuses; with neither (curl, an
 * old browser), the request is allowed — SameSite=Lax cookies still keep it anonymous cross-site.
 */
export function isSameOriginWrite(req: ExpressRequest, appOrigin: string) {
  const origin = req.get('origin')
  if (origin !== undefined) return origin === appOrigin || origin === ownOrigin(req)
  const site = req.get('sec-fetch-site')
  return site !== 'cross-site' && site !== 'same-site'
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Whether a URL (path and query, as sent) carries text no page can use: U+0000 (PostgreSQL refuses
 * it in text), or percent-encoded bytes that are not UTF-8 (`%ED%A0%80`, a lone surrogate; `%FF`).
 * A `%` not followed by two hex digits is kept literally, as URLSearchParams does.
 */
export function hasUnusableText(rawUrl: string) {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawUrl.replace(/%(?![0-9a-f]{2})/gi, '%25'))
  } catch {
    return true
  }
  return decoded.includes('\u0000') || LONE_SURROGATE.test(decoded)
}

/** `%00` (any case) or a raw zero byte in a urlencoded or text body; `carry` holds the previous chunk's tail. */
function bodyChunkHasNul(chunk: Buffer, carry: string) {
  if (chunk.includes(0)) return { found: true, carry: '' }
  const text = carry + chunk.toString('latin1')
  return { found: /%00/i.test(text), carry: text.slice(-2) }
}

/**
 * Counts the bytes of a body without reading it for anyone: the listener is added while the
 * stream is paused, so the route reads every byte itself when it asks for the body. Past `limit`
 * (a chunked body gives no Content-Length) or on a NUL in form text, the refusal is sent and the
 * body stream fails, so the route's `request.formData()` throws before any change is made.
 */
function watchBody(req: ExpressRequest, res: ExpressResponse, { limit, formText, language }: { limit: number; formText: boolean; language: Language }) {
  let received = 0
  let carry = ''
  // A destroyed stream with no listener for its error would crash the process.
  req.on('error', () => {})
  req.pause()
  const onData = (chunk: Buffer) => {
    received += chunk.byteLength
    let refusal: Refusal | null = received > limit ? 'tooLarge' : null
    if (!refusal && formText) {
      const check = bodyChunkHasNul(chunk, carry)
      carry = check.carry
      if (check.found) refusal = 'badRequest'
    }
    if (!refusal) return
    req.off('data', onData)
    // The refusal is answered first (the route's own error answer then finds the response sent);
    // the route's body stream fails at once, before the chunk reaches it, so it never acts on
    // part of a body. Node discards the rest and closes the connection once the answer is out
    // (`Connection: close`), so the client reads the answer before its upload is cut.
    refuse(req, res, refusal, language)
    req.emit('error', new Error(`request body refused: ${refusal}`))
  }
  req.on('data', onData)
}

/**
 * Whether a write's body is one a page of ours sends: a urlencoded form or a multipart form with its
 * boundary (a form without fields still says which). Anything else (JSON, plain text, XML,
 * multipart without a boundary, no type at all) would make the route's `request.formData()` throw,
 * a 500: it is refused first (415). Signed webhooks read their raw body themselves: not checked.
 */
export function isFormBody(req: ExpressRequest) {
  const type = req.get('content-type')?.toLowerCase().trim() ?? ''
  if (type.startsWith('application/x-www-form-urlencoded')) return true
  return type.startsWith('multipart/form-data') && /;\s*boundary=("[^"]+"|[^;\s]+)/.test(type)
}

/** The guards, in the order they apply; mount after the security headers and before everything else. */
export function requestGuards({ appUrl }: { appUrl: string }): RequestHandler {
  const appOrigin = new URL(appUrl).origin
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const safe = SAFE_METHODS.has(req.method)
    if (safe && !hasUnusableText(req.originalUrl)) return next()
    // Known before the body flows, so that a refusal half-way through it is answered at once.
    let language: Language
    try {
      language = await languageOf(req)
    } catch (error) {
      return next(error)
    }
    if (hasUnusableText(req.originalUrl)) return refuse(req, res, 'badRequest', language)
    if (safe) return next()

    const webhook = SIGNED_WEBHOOK_PATHS.some((path) => path.test(req.path))
    if (!webhook && !isSameOriginWrite(req, appOrigin)) {
      return refuse(req, res, 'crossSite', language)
    }
    if (!webhook && !isFormBody(req)) return refuse(req, res, 'unsupportedType', language)
    const type = req.get('content-type')?.toLowerCase() ?? ''
    const limit = type.startsWith('multipart/form-data') ? MAX_MULTIPART_BODY_BYTES : MAX_FORM_BODY_BYTES
    const declared = Number(req.get('content-length') ?? Number.NaN)
    if (declared > limit) return refuse(req, res, 'tooLarge', language)
    watchBody(req, res, { limit, formText: type.startsWith('application/x-www-form-urlencoded') || type.startsWith('text/plain'), language })
    next()
  }
}
