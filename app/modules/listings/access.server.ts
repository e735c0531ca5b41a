import { redirect } from '@remix-run/node'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'
import { getListingShopOfOwner, ListingNotFoundError } from './listings.server'

/**
 * The signed-in producer's own shop, for the listings pages: approved (may publish) or suspended
 * (may look, and withdraw). Anyone else goes to the dashboard, which explains their situation.
 * Staff manage listings through moderation, not here.
 */
export async function requireListingShop(request: Request) {
  const user = await requireUser(request)
  const shop = await getListingShopOfOwner(await getDb(), user.id)
  if (!shop || (shop.status !== 'approved' && shop.status !== 'suspended')) throw redirect('/dashboard')
  return shop
}

/** Another shop's product and an unknown id answer the same 404, so ids reveal nothing. */
export function notFoundOn(error: unknown): never {
  if (error instanceof ListingNotFoundError) throw new Response('Not found', { status: 404 })
  throw error
}
