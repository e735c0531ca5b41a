import { redirect } from '@remix-run/node'
import type { shops } from '#db/schema'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'
import { getShopOfOwner } from './application.server'

// The one gate of a producer's own shop. It lives with shops (it reads the shop and knows its
// statuses) and builds on `requireUser` from `utils/permissions.server.ts`, the permissions home
// for who is signed in; role rules (`isStaff`) are in `modules/accounts/roles.ts`. Dashboard pages
// carry no shop id: a producer has one shop and always gets their own, so another shop's data
// cannot be asked for here — rows of another shop are then answered 404 by the modules' queries.
// Staff do not pass: they act on shops through the moderation pages (`requireRole`).

export type ShopStatus = (typeof shops.$inferSelect)['status']

/** A shop whose owner works in the dashboard: approved, or suspended (it may look, handle the orders it has, withdraw). */
export const openShopStatuses = ['approved', 'suspended'] as const satisfies readonly ShopStatus[]
export type OpenShopStatus = (typeof openShopStatuses)[number]

const isOpen = (status: ShopStatus): status is OpenShopStatus => (openShopStatuses as readonly ShopStatus[]).includes(status)

/**
 * The signed-in user and their shop, or null when they have none (yet) — for the dashboard home,
 * which explains each situation. Anonymous visitors are sent to log in.
 */
export async function getProducerShop(request: Request) {
  const user = await requireUser(request)
  const shop = await getShopOfOwner(await getDb(), user.id)
  return { user, shop }
}

export type ProducerShopGate = {
  /** The open statuses this page serves (default: both). A suspended shop may look at its products but not add one. */
  statuses?: readonly OpenShopStatus[]
  /** Where an open shop outside `statuses` is sent instead (default: the dashboard). */
  otherwise?: string
}

/**
 * The signed-in producer and their own open shop. Anonymous visitors go to log in; anyone without
 * an open shop (buyers, staff, applicants, rejected shops) goes to the dashboard, which says why.
 * Every dashboard loader and action for a shop's data starts here.
 */
export async function requireProducerShop(request: Request, { statuses = openShopStatuses, otherwise = '/dashboard' }: ProducerShopGate = {}) {
  const { user, shop } = await getProducerShop(request)
  if (!shop || !isOpen(shop.status)) throw redirect('/dashboard')
  if (!statuses.includes(shop.status)) throw redirect(otherwise)
  return { user, shop: { ...shop, status: shop.status } }
}
