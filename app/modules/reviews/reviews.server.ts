import { and, avg, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { orderItems, orders, products, reviews, shops, users } from '#db/schema'

export class NotReviewableError extends Error {}
export class AlreadyReviewedError extends Error {}
export class ReplyNotAllowedError extends Error {}

/**
 * Leaves the buyer's one review of an order line. Only the buyer of a delivered order may; a
 * second review of the same line is refused (the unique index decides, also for two tabs at once).
 */
export async function addReview(db: DbOrTx, { buyerId, orderItemId, rating, body }: { buyerId: string; orderItemId: string; rating: number; body: string }) {
  const [item] = await db
    .select({ productId: orderItems.productId, status: orders.status })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orderItems.id, orderItemId), eq(orders.buyerId, buyerId)))
  if (!item || item.status !== 'delivered') throw new NotReviewableError()
  const [row] = await db
    .insert(reviews)
    .values({ orderItemId, productId: item.productId, authorId: buyerId, rating, body: body.trim() })
    .onConflictDoNothing({ target: reviews.orderItemId })
    .returning({ id: reviews.id })
  if (!row) throw new AlreadyReviewedError()
  return row.id
}

/** The lines of the buyer's order with their review, if any (the order page shows a form for the others). */
export async function listOrderLineReviews(db: DbOrTx, orderItemIds: string[]) {
  if (!orderItemIds.length) return []
  return db
    .select({ orderItemId: reviews.orderItemId, rating: reviews.rating, body: reviews.body, reply: reviews.reply })
    .from(reviews)
    .where(inArray(reviews.orderItemId, orderItemIds))
}

/** The shop's answer, once, by the shop's owner. */
export async function replyToReview(db: DbOrTx, { ownerId, reviewId, reply }: { ownerId: string; reviewId: string; reply: string }, now = new Date()) {
  const [review] = await db
    .select({ id: reviews.id, reply: reviews.reply, ownerId: shops.ownerId })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .innerJoin(shops, eq(shops.id, products.shopId))
    .where(eq(reviews.id, reviewId))
  if (!review || review.ownerId !== ownerId) throw new ReplyNotAllowedError()
  const updated = await db
    .update(reviews)
    .set({ reply: reply.trim(), repliedAt: now })
    .where(and(eq(reviews.id, reviewId), isNull(reviews.reply)))
    .returning({ id: reviews.id })
  if (!updated.length) throw new AlreadyReviewedError()
}

/** A product's published reviews, newest first, with the average the product page shows. */
/** A product's published reviews, by its id or by its slug (the product page reads them beside the product). */
export async function getProductReviews(db: DbOrTx, product: string | { slug: string }, { limit = 20 } = {}) {
  const productId = typeof product === 'string' ? product : sql`(select ${products.id} from ${products} where ${products.slug} = ${product.slug})`
  const published = and(eq(reviews.productId, productId), eq(reviews.status, 'published'))
  // Independent reads: together, one round trip of waiting instead of two (product page).
  const [[summary], rows] = await Promise.all([
    db
      .select({ average: avg(reviews.rating), count: count() })
      .from(reviews)
      .where(published),
    db
      .select({ id: reviews.id, rating: reviews.rating, body: reviews.body, reply: reviews.reply, createdAt: reviews.createdAt, authorName: users.name })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.authorId))
      .where(published)
      .orderBy(desc(reviews.createdAt), desc(reviews.id))
      .limit(limit),
  ])
  return {
    average: summary?.average ? Math.round(Number(summary.average) * 10) / 10 : null,
    count: summary?.count ?? 0,
    // Only the first name: enough to be human, not enough to find the buyer.
    reviews: rows.map(({ authorName, ...r }) => ({ ...r, author: authorName.split(/\s+/)[0] ?? '' })),
  }
}

/** Reviews of the shop's products, those waiting for an answer first. */
export async function listShopReviews(db: DbOrTx, shopId: string, { limit = 50 } = {}) {
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      reply: reviews.reply,
      createdAt: reviews.createdAt,
      productTitle: products.title,
      productSlug: products.slug,
    })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(eq(products.shopId, shopId))
    .orderBy(sql`${reviews.reply} is not null`, desc(reviews.createdAt))
    .limit(limit)
}
