import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { favourites, products, shops } from '#db/schema'
import type { CartOwner } from '~/modules/cart/cart.server'
import { cardQuery, isPubliclyVisible, toCard } from '~/modules/catalog/catalog.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { notify } from '~/modules/notifications/preferences.server'
import { rowsOf } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'

// Favourites (issue 21, decision 020): an account's, or a visitor's kept with the cart cookie's
// token (the same owner as the cart) and merged into the account at log-in. The notice job tells
// an account once per event when a favourite comes back in stock or its price drops.

export class FavouriteProductNotFoundError extends Error {}

const ownerWhere = (owner: CartOwner) =>
  'userId' in owner ? eq(favourites.userId, owner.userId) : eq(favourites.visitorTokenHash, owner.visitorTokenHash)

/** Keeps a public product (a second add changes nothing). */
export async function addFavourite(db: DbOrTx, owner: CartOwner, productId: string) {
  const [product] = await db
    .select({ id: products.id, price: products.price, stock: products.stock })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .where(and(eq(products.id, productId), isPubliclyVisible))
    .limit(1)
  if (!product) throw new FavouriteProductNotFoundError()
  await db
    .insert(favourites)
    .values({ ...owner, productId, priceSeen: product.price, inStockSeen: product.stock > 0 })
    .onConflictDoNothing()
}

export async function removeFavourite(db: DbOrTx, owner: CartOwner, productId: string) {
  await db.delete(favourites).where(and(ownerWhere(owner), eq(favourites.productId, productId)))
}

/** The owner's favourites still public, newest first, as product cards. */
export async function listFavourites(db: DbOrTx, owner: CartOwner, language: Language) {
  const rows = await cardQuery(db, language)
    .innerJoin(favourites, eq(favourites.productId, products.id))
    .where(and(ownerWhere(owner), isPubliclyVisible))
    .orderBy(desc(favourites.createdAt), desc(favourites.id))
    .limit(200)
  const storage = getMediaStorage()
  return rows.map((row) => toCard(row, storage))
}

/** Which of these products the owner keeps. */
export async function favouriteProductIds(db: DbOrTx, owner: CartOwner, productIds: string[]) {
  if (!productIds.length) return new Set<string>()
  const rows = await db
    .select({ productId: favourites.productId })
    .from(favourites)
    .where(and(ownerWhere(owner), inArray(favourites.productId, productIds)))
  return new Set(rows.map((r) => r.productId))
}

/** At log-in: the visitor's favourites join the account's (those it already has are kept once). */
export async function mergeVisitorFavourites(db: DbOrTx, visitorTokenHash: string, userId: string) {
  await db.transaction(async (tx) => {
    // Moved to the account unless it already keeps the product; what is left over is dropped.
    await tx.execute(sql`
      update favourites v set user_id = ${userId}, visitor_token_hash = null
      where v.visitor_token_hash = ${visitorTokenHash}
        and not exists (select 1 from favourites a where a.user_id = ${userId} and a.product_id = v.product_id)`)
    await tx.delete(favourites).where(eq(favourites.visitorTokenHash, visitorTokenHash))
  })
}

type DueNotice = {
  id: string
  user_id: string
  email: string
  name: string
  locale: Language
  title: string
  slug: string
  price: number
  price_seen: number
  back_in_stock: boolean
  price_drop: boolean
}

/**
 * The favourites' notice job: for each account favourite whose product is public and came back in
 * stock (out of stock when last told) or costs less than when last told, one email, queued in the
 * outbox in the same transaction that moves the favourite's markers — so each event is told once,
 * also with two servers (`SKIP LOCKED`). A price rise or a sell-out moves the markers silently.
 * Returns how many emails were queued.
 */
export async function queueFavouriteNotices(db: Db, { siteUrl }: { siteUrl: string }) {
  return db.transaction(async (tx) => {
    const due = await rowsOf<DueNotice>(
      tx,
      sql`select f.id, f.user_id, u.email, u.name, u.locale, p.title, p.slug, p.price::bigint as price, f.price_seen,
            (p.stock > 0 and not f.in_stock_seen) as back_in_stock, (p.price < f.price_seen) as price_drop
          from favourites f
          join products p on p.id = f.product_id
          join shops s on s.id = p.shop_id
          join users u on u.id = f.user_id
          where f.user_id is not null and p.status = 'active' and s.status = 'approved' and u.disabled_at is null
            and ((p.stock > 0) <> f.in_stock_seen or p.price <> f.price_seen)
          for update of f skip locked`,
    )
    let queued = 0
    for (const row of due) {
      if (row.back_in_stock || row.price_drop) {
        const event = row.back_in_stock ? 'back_in_stock' : 'price_drop'
        // A notice in the centre, and the email (or SMS, or nothing more) the person chose.
        await notify(tx, {
          userId: row.user_id,
          group: 'favourites',
          kind: `favourite_${event}`,
          data: { title: row.title, slug: row.slug },
          sendEmail: (to) =>
            enqueueEmail(tx, {
              to,
              kind: 'favourite_notice',
              language: row.locale,
              data: {
                name: row.name.split(/\s+/)[0] ?? row.name,
                event,
                title: row.title,
                price: Number(row.price),
                oldPrice: Number(row.price_seen),
                url: `${siteUrl}/p/${row.slug}`,
              },
            }),
        })
        queued++
      }
    }
    if (due.length) {
      await tx.execute(sql`
        update favourites f set price_seen = p.price, in_stock_seen = p.stock > 0
        from products p where p.id = f.product_id and f.id in (${sql.join(
          due.map((d) => sql`${d.id}`),
          sql`, `,
        )})`)
    }
    return queued
  })
}
