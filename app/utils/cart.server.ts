import { createHash, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { mergeVisitorCart, type CartOwner } from '~/modules/cart/cart.server'
import { getDb } from './db.server'
import { getEnv, shouldUseSecureCookies } from './env.server'
import { getCurrentSession } from './session.server'

// A visitor's cart lives behind a random token in its own cookie; the database keeps only the
// token's SHA-256, like sessions, so a leaked table cannot be used to read someone's cart.
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

async function visitorTokenHash(request: Request) {
  const token = await cartCookie().parse(request.headers.get('Cookie'))
  return typeof token === 'string' && token.length >= 32 ? hashToken(token) : null
}

/** The cart this request reads: the account's when logged in, else the visitor's (null: none yet). */
export async function getCartOwner(request: Request): Promise<CartOwner | null> {
  const session = await getCurrentSession(request)
  if (session) return { userId: session.user.id }
  const hash = await visitorTokenHash(request)
  return hash ? { visitorTokenHash: hash } : null
}

/** The cart this request writes to, creating a visitor token (and its cookie) when needed. */
export async function getCartOwnerForWrite(request: Request): Promise<{ owner: CartOwner; setCookie: string | null }> {
  const owner = await getCartOwner(request)
  if (owner) return { owner, setCookie: null }
  const token = randomBytes(32).toString('base64url')
  return { owner: { visitorTokenHash: hashToken(token) }, setCookie: await cartCookie().serialize(token) }
}

/** At log-in or sign-up: the visitor's cart joins the account's. */
export async function mergeCartIntoAccount(request: Request, userId: string) {
  const hash = await visitorTokenHash(request)
  if (hash) await mergeVisitorCart(await getDb(), hash, userId)
}
