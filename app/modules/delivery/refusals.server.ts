import { and, desc, eq, gt, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { orders, parcels, shops, users } from '#db/schema'
import { REFUSAL_WINDOW_MS } from './cod.server'

/**
 * Refusal rates over the last 90 days for the moderators: per buyer and per shop, parcels sent
 * through a carrier and how many came back (refused at the door or returned), worst first.
 */
export async function refusalRates(db: DbOrTx, { now = new Date(), limit = 50 }: { now?: Date; limit?: number } = {}) {
  const since = new Date(now.getTime() - REFUSAL_WINDOW_MS)
  const returned = sql<string>`count(*) filter (where ${parcels.state} = 'returned')`
  const base = and(eq(parcels.status, 'created'), gt(parcels.createdAt, since))
  const [buyers, shopRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, parcels: sql<string>`count(*)`, returned })
      .from(parcels)
      .innerJoin(orders, eq(orders.id, parcels.orderId))
      .innerJoin(users, eq(users.id, orders.buyerId))
      .where(base)
      .groupBy(users.id)
      .having(sql`count(*) filter (where ${parcels.state} = 'returned') > 0`)
      .orderBy(desc(returned), desc(sql`count(*)`))
      .limit(limit),
    db
      .select({ id: shops.id, name: shops.name, parcels: sql<string>`count(*)`, returned })
      .from(parcels)
      .innerJoin(shops, eq(shops.id, parcels.shopId))
      .where(base)
      .groupBy(shops.id)
      .orderBy(desc(sql`(count(*) filter (where ${parcels.state} = 'returned'))::float / count(*)`), desc(sql`count(*)`))
      .limit(limit),
  ])
  const rate = (r: { parcels: string; returned: string }) => ({ parcels: Number(r.parcels), returned: Number(r.returned), rateBps: Math.round((Number(r.returned) * 10_000) / Math.max(1, Number(r.parcels))) })
  return { buyers: buyers.map((b) => ({ id: b.id, name: b.name, email: b.email, ...rate(b) })), shops: shopRows.map((s) => ({ id: s.id, name: s.name, ...rate(s) })) }
}
