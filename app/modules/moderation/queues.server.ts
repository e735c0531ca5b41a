import { count, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { products, reports, shops } from '#db/schema'

/** How many shop applications and listings wait for a moderator's decision, and how many reports are open. */
export async function countAwaitingReview(db: DbOrTx) {
  const [[pendingShops], [pendingProducts], [openReports]] = await Promise.all([
    db.select({ n: count() }).from(shops).where(eq(shops.status, 'pending')),
    db.select({ n: count() }).from(products).where(eq(products.status, 'pending_review')),
    db.select({ n: count() }).from(reports).where(eq(reports.status, 'open')),
  ])
  return { shops: pendingShops?.n ?? 0, products: pendingProducts?.n ?? 0, reports: openReports?.n ?? 0 }
}
