import type { ServerBuild } from '@remix-run/node'

// When PostgreSQL is down (stopped, restarting, unreachable, out of connections) a request cannot
// be served, but it is not our bug either: the visitor gets a translated "try again in a moment"
// page with 503 and Retry-After, at once, instead of "unexpected error" (500) or a hanging page.

/** Seconds a client (or a proxy, or Stripe's webhook retries) should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5

/** What a loader or action throws instead of a database error; the root ErrorBoundary knows it. */
export const DATABASE_UNAVAILABLE = 'database_unavailable'

// Network errors of the socket to PostgreSQL, and postgres.js's own connection errors.
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
])
// SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now (starting up, recovering),
// too_many_connections; class 08 is "connection exception".
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])

/**
 * Whether `error` (or what it wraps: drizzle's `DrizzleQueryError` keeps the driver's error as
 * `cause`, Node's happy-eyeballs connect keeps several in `errors`) says the database cannot be
 * reached right now, as opposed to a bad query or a broken rule.
 */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailableError(e, depth + 1))) return true
  return isDatabaseUnavailableError(cause, depth + 1)
}

/** The 503 a loader or action throws when the database is unavailable. */
export function databaseUnavailableResponse() {
  return new Response(JSON.stringify({ reason: DATABASE_UNAVAILABLE }), {
    status: 503,
    statusText: 'Service Unavailable',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    },
  })
}

type Handler = (...args: never[]) => unknown

function guard<F extends Handler>(handler: F | undefined, routeId: string, log: Pick<Console, 'error'>): F | undefined {
  if (!handler) return undefined
  return (async (...args: Parameters<F>) => {
    try {
      return await handler(...args)
    } catch (error) {
      if (!isDatabaseUnavailableError(error)) throw error
      const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code
      log.error(`database unavailable (${code ?? 'connection error'}) in ${routeId}: answered 503`)
      throw databaseUnavailableResponse()
    }
  }) as F
}

/**
 * The server build with every route's loader and action turning "database unavailable" into a
 * thrown 503 response. Remix 2 has no middleware; a thrown Response is what every route already
 * uses for 404/403, so the root ErrorBoundary renders it the same way on the server, after
 * hydration and on client navigations (where a raw error would reach the browser as a sanitized
 * "Unexpected Server Error"). Resource routes (webhooks, CSV) answer the bare 503.
 */
export function withDatabaseUnavailableResponses(build: ServerBuild, log: Pick<Console, 'error'> = console): ServerBuild {
  const routes: ServerBuild['routes'] = {}
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module }
    if (module.loader) module.loader = guard(module.loader, id, log)
    if (module.action) module.action = guard(module.action, id, log)
    routes[id] = { ...route, module }
  }
  return { ...build, routes }
}
