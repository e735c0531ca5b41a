import { redirect } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { shops } from '#db/schema'
import type { SessionUser } from '~/modules/accounts/sessions.server'
import { getDb } from './db.server'
import { safeRedirectPath } from './redirect'
import { getCurrentSession } from './session.server'

export type Role = SessionUser['role']

export async function getUser(request: Request) {
  return (await getCurrentSession(request))?.user ?? null
}

function loginRedirect(request: Request) {
  const url = new URL(request.url)
  const redirectTo = safeRedirectPath(url.pathname + url.search)
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}

/** The signed-in user; anonymous visitors are sent to log in and brought back here after. */
export async function requireUser(request: Request) {
  const current = await getCurrentSession(request)
  if (!current) throw loginRedirect(request)
  return current.user
}

export async function requireUserId(request: Request) {
  return (await requireUser(request)).id
}

/** The current session and user, for pages that act on the session itself (account, log-out). */
export async function requireSession(request: Request) {
  const current = await getCurrentSession(request)
  if (!current) throw loginRedirect(request)
  return current
}

/** Log-in and sign-up pages send someone already signed in to the home page. */
export async function requireAnonymous(request: Request) {
  if (await getCurrentSession(request)) throw redirect('/')
}

/** What each role may do includes what the roles below it may: admin ⊃ moderator. */
const roleRank: Record<Role, number> = { buyer: 0, producer: 0, moderator: 1, admin: 2 }

/**
 * A signed-in user with `role` (an admin passes a moderator check; buyer and producer are
 * separate, not ranked). Anyone else gets 403.
 */
export async function requireRole(request: Request, role: Role | Role[]) {
  const user = await requireUser(request)
  const allowed = (Array.isArray(role) ? role : [role]).some((r) =>
    r === 'moderator' || r === 'admin' ? roleRank[user.role] >= roleRank[r] : user.role === r,
  )
  if (!allowed) throw new Response('Forbidden', { status: 403 })
  return user
}

export function isStaff(user: Pick<SessionUser, 'role'> | null | undefined) {
  return user?.role === 'moderator' || user?.role === 'admin'
}

/**
 * The user, when they own shop `shopId` or are staff; 404 when the shop does not exist, 403 when it
 * is someone else's. Every loader and action touching a shop's data goes through here.
 */
export async function requireShopAccess(request: Request, shopId: string) {
  const user = await requireUser(request)
  const [shop] = await (await getDb()).select({ id: shops.id, ownerId: shops.ownerId }).from(shops).where(eq(shops.id, shopId)).limit(1)
  if (!shop) throw new Response('Not found', { status: 404 })
  if (shop.ownerId !== user.id && !isStaff(user)) throw new Response('Forbidden', { status: 403 })
  return { user, shop }
}
