import { redirect } from '@remix-run/node'
import type { shops } from '#db/schema'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'
import { actingShopIdFrom } from '~/modules/assistance/acting-cookie.server'
import { getAssistedShop, type AssistContext } from '~/modules/assistance/assistance.server'
import { getShopOfOwner } from './application.server'

// The one gate of a producer's own shop. It lives with shops (it reads the shop and knows its
// statuses) and builds on `requireUser` from `utils/permissions.server.ts`, the permissions home
// for who is signed in; role rules (`isStaff`) are in `modules/accounts/roles.ts`. Dashboard pages
// carry no shop id: a producer has one shop and always gets their own, so another shop's data
// cannot be asked for here — rows of another shop are then answered 404 by the modules' queries.
// Staff do not pass: they act on shops through the moderation pages (`requireRole`).
// A facilitator (issue 22, decision 021) passes for the shop she picked on /assist while her
// arrangement with its producer is active — checked on every request, so an ended arrangement
// shuts her out at once. `assist` then says who acts for whom (actions audit it with
// `auditAssisted`); pages about the producer's money refuse her (`ownerOnly`).

export type ShopStatus = (typeof shops.$inferSelect)['status']

/** A shop whose owner works in the dashboard: approved, or suspended (it may look, handle the orders it has, withdraw). */
export const openShopStatuses = ['approved', 'suspended'] as const satisfies readonly ShopStatus[]
export type OpenShopStatus = (typeof openShopStatuses)[number]

const isOpen = (status: ShopStatus): status is OpenShopStatus => (openShopStatuses as readonly ShopStatus[]).includes(status)

/**
 * The signed-in user and their shop, or null when they have none (yet) — for the dashboard home,
 * which explains each situation. Anonymous visitors are sent to log in.
 */
export async function getProducerShop(request: Request): Promise<{ user: Awaited<ReturnType<typeof requireUser>>; shop: ShopRow | null; assist: AssistContext | null }> {
  const user = await requireUser(request)
  const db = await getDb()
  if (user.role === 'facilitator') {
    const shopId = await actingShopIdFrom(request)
    const assisted = shopId ? await getAssistedShop(db, user.id, shopId) : null
    if (!assisted) return { user, shop: null, assist: null }
    return {
      user,
      shop: assisted.shop,
      assist: { facilitatorId: user.id, facilitatorName: user.name, producerId: assisted.producerId, producerName: assisted.producerName, arrangementId: assisted.arrangementId },
    }
  }
  const shop = await getShopOfOwner(db, user.id)
  return { user, shop, assist: null }
}

type ShopRow = typeof shops.$inferSelect

export type ProducerShopGate = {
  /** The open statuses this page serves (default: both). A suspended shop may look at its products but not add one. */
  statuses?: readonly OpenShopStatus[]
  /** Where an open shop outside `statuses` is sent instead (default: the dashboard). */
  otherwise?: string
  /** The producer's own business (payout account, payout requests): a facilitator acting for her gets 403. */
  ownerOnly?: boolean
}

/**
 * The signed-in producer and their own open shop. Anonymous visitors go to log in; anyone without
 * an open shop (buyers, staff, applicants, rejected shops) goes to the dashboard, which says why.
 * Every dashboard loader and action for a shop's data starts here.
 */
export async function requireProducerShop(request: Request, { statuses = openShopStatuses, otherwise = '/dashboard', ownerOnly = false }: ProducerShopGate = {}) {
  const { user, shop, assist } = await getProducerShop(request)
  if (!shop || !isOpen(shop.status)) throw redirect(user.role === 'facilitator' ? '/assist' : '/dashboard')
  if (ownerOnly) refuseFacilitator(assist)
  if (!statuses.includes(shop.status)) throw redirect(otherwise)
  return { user, shop: { ...shop, status: shop.status }, assist, ownerId: shop.ownerId }
}

/** 403 for a facilitator: the payout account, payout requests, carrier keys and buyer conversations are the producer's alone. */
export function refuseFacilitator(assist: AssistContext | null) {
  if (assist) throw new Response('Forbidden', { status: 403 })
}
