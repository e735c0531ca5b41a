import { createHash, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { mergeVisitorCart } from '~/modules/cart/cart.server'
import { mergeVisitorFavourites } from '~/modules/favourites/favourites.server'
import { getDb } from './db.server'
import { getEnv, shouldUseSecureCookies } from './env.server'

// A visitor's cart lives behind a random token in its own cookie; the database keeps only the
// token's SHA-256, like sessions, so a leaked table cannot be used to read someone's cart.
// This file knows nothing of sessions: the session starts here to merge the cart at log-in, and
// `cart.server.ts` (which asks the session whose cart a request reads) builds on it.
let cookie: ReturnType<typeof createCookie> | undefined
function cartCookie() {
  cookie ??= createCookie('taswiq_cart', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: shouldUseSecureCookies(),
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 60 * 24 * 3600,
  })
  return cookie
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** The hash of the visitor's cart token from the request's cookie, or null when it has none. */
export async function visitorTokenHash(request: Request) {
  const token = await cartCookie().parse(request.headers.get('Cookie'))
  return typeof token === 'string' && token.length >= 32 ? hashToken(token) : null
}

/** A new visitor token: its hash for the database and the Set-Cookie header that hands it out. */
export async function newVisitorToken() {
  const token = randomBytes(32).toString('base64url')
  return { tokenHash: hashToken(token), setCookie: await cartCookie().serialize(token) }
}

/** At log-in or sign-up: the visitor's cart joins the account's. */
export async function mergeCartIntoAccount(request: Request, userId: string) {
  const hash = await visitorTokenHash(request)
  if (!hash) return
  const db = await getDb()
  await mergeVisitorCart(db, hash, userId)
  // Favourites are kept with the same visitor token: they join the account too.
  await mergeVisitorFavourites(db, hash, userId)
}
