import type { CartOwner } from '~/modules/cart/cart.server'
import { newVisitorToken, visitorTokenHash } from './cart-cookie.server'
import { getCurrentSession } from './session.server'

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
  const { tokenHash, setCookie } = await newVisitorToken()
  return { owner: { visitorTokenHash: tokenHash }, setCookie }
}
