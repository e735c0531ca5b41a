import { createCookie, redirect } from '@remix-run/node'
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  SESSION_LIFETIME_MS,
  validateSessionToken,
  type SessionUser,
} from '~/modules/accounts/sessions.server'
import { mergeCartIntoAccount } from './cart-cookie.server'
import { getDb } from './db.server'
import { getEnv, shouldUseSecureCookies } from './env.server'

// The cookie carries the session token (signed with SESSION_SECRET on top). The database decides
// how long a session lives (sliding 30 days); the cookie simply outlives it.
let cookie: ReturnType<typeof createCookie> | undefined
function sessionCookie() {
  cookie ??= createCookie('taswiq_session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: shouldUseSecureCookies(),
    secrets: [getEnv().SESSION_SECRET],
    maxAge: Math.round((2 * SESSION_LIFETIME_MS) / 1000),
  })
  return cookie
}

export type CurrentSession = { sessionId: string; user: SessionUser }

// Several loaders of one request ask for the session: look it up once per request.
const cache = new WeakMap<Request, Promise<CurrentSession | null>>()

export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  let pending = cache.get(request)
  if (!pending) {
    pending = (async () => {
      const token = await sessionCookie().parse(request.headers.get('Cookie'))
      if (typeof token !== 'string' || !token) return null
      const result = await validateSessionToken(await getDb(), token)
      return result ? { sessionId: result.session.id, user: result.user } : null
    })()
    cache.set(request, pending)
  }
  return pending
}

/** Starts a session for `userId` and returns the Set-Cookie header value. The visitor's cart, if any, joins the account's. */
export async function startSession(request: Request, userId: string, clientIp?: string) {
  await mergeCartIntoAccount(request, userId)
  const { token } = await createSession(await getDb(), userId, {
    ip: clientIp ?? null,
    userAgent: request.headers.get('User-Agent'),
  })
  return sessionCookie().serialize(token)
}

/**
 * A session cookie of the same shape as `startSession`'s whose token opens no session: what a
 * sign-up with an address that already has an account gets, so the answer looks the same.
 */
export function unusableSessionCookie() {
  return sessionCookie().serialize(generateSessionToken())
}

/** The address a sign-up was made with, for the "enter your code" page; 15 minutes, like the code. */
let signupCookie: ReturnType<typeof createCookie> | undefined
export function signupAddressCookie() {
  signupCookie ??= createCookie('taswiq_signup', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: shouldUseSecureCookies(),
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 15 * 60,
  })
  return signupCookie
}

/** Ends the current session (if any) and returns the header that clears the cookie. */
export async function endSession(request: Request) {
  const current = await getCurrentSession(request)
  if (current) await invalidateSession(await getDb(), current.sessionId)
  return sessionCookie().serialize('', { maxAge: 0 })
}

export async function logoutAndRedirect(request: Request, to = '/') {
  throw redirect(to, { headers: { 'Set-Cookie': await endSession(request) } })
}
