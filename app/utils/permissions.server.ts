import { redirect } from '@remix-run/node'
import { hasRole, type Role } from '~/modules/accounts/roles'
import { safeRedirectPath } from './redirect'
import { getCurrentSession } from './session.server'

// The permissions home for pages: who is signed in and in which role. Role rules themselves live in
// `modules/accounts/roles.ts` (`isStaff`, `hasRole`: components and domain modules need them too); the gate of a
// producer's own shop lives with shops (`modules/shops/access.server.ts`) and builds on `requireUser`.
export type { Role }

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

/**
 * A signed-in user with `role` (an admin passes a moderator check; buyer and producer are
 * separate, not ranked). Anyone else gets 403.
 */
export async function requireRole(request: Request, role: Role | Role[]) {
  const user = await requireUser(request)
  const allowed = (Array.isArray(role) ? role : [role]).some((r) => hasRole(user.role, r))
  if (!allowed) throw new Response('Forbidden', { status: 403 })
  return user
}
