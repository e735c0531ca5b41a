import { redirect } from '@remix-run/node'
import { getShopOfOwner } from '~/modules/shops/application.server'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'

/**
 * The producer's own shop, for the order pages: only its owner gets past this, and only once the
 * shop has been approved (a suspended shop still handles the orders it already has).
 */
export async function requireOrdersShop(request: Request) {
  const user = await requireUser(request)
  const shop = await getShopOfOwner(await getDb(), user.id)
  if (!shop || (shop.status !== 'approved' && shop.status !== 'suspended')) throw redirect('/dashboard')
  return { user, shop }
}
