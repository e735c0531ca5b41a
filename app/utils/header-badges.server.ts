import { sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { cartUnitsSql } from '~/modules/cart/cart.server'
import { unreadMessagesSql } from '~/modules/messages/messages.server'
import { unreadNoticesSql } from '~/modules/notifications/notices.server'
import { rowsOf } from './db.server'

export type HeaderBadges = { cartUnits: number; unreadMessages: number; unreadNotices: number }

/**
 * The signed-in header's three badges (units in the cart, unread messages, unread notices) in one
 * statement: one round trip to the database for every page a signed-in visitor opens, where the
 * three counts took four (decision 023, session 9). Each count is its module's own query.
 */
export async function countHeaderBadges(db: DbOrTx, userId: string): Promise<HeaderBadges> {
  const [row] = await rowsOf<{ cart_units: number; unread_messages: number; unread_notices: number }>(
    db,
    sql`select ${cartUnitsSql({ userId })} as cart_units, ${unreadMessagesSql(userId)} as unread_messages, ${unreadNoticesSql(userId)} as unread_notices`,
  )
  return { cartUnits: Number(row?.cart_units ?? 0), unreadMessages: Number(row?.unread_messages ?? 0), unreadNotices: Number(row?.unread_notices ?? 0) }
}
