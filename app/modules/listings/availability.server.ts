import { and, eq, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { availabilityAlerts, products, shops } from '#db/schema'
import { isInSeason, isPubliclyVisible } from '~/modules/catalog/catalog.server'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { notify } from '~/modules/notifications/preferences.server'
import { rowsOf } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'

// Seasonal availability (decision 031): a product on sale only between its dates shows "available
// from …" outside them, with a "notify me" button; a job tells each subscriber once when it is on
// sale again, through the notifications centre (the channel she chose for favourites).

/** The product is on sale now: nothing to wait for. */
export class AlertNotNeededError extends Error {}

/** The product is not public (or no such product). */
export class AlertProductNotFoundError extends Error {}

/** Subscribes a signed-in user to a public product out of season (by its slug); a second subscription changes nothing, one after she was told re-arms it. */
export async function subscribeAvailability(db: DbOrTx, userId: string, slug: string) {
  const [product] = await db
    .select({ id: products.id, inSeason: sql<boolean>`${isInSeason}` })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .where(and(eq(products.slug, slug), isPubliclyVisible))
  if (!product) throw new AlertProductNotFoundError()
  if (product.inSeason) throw new AlertNotNeededError()
  // One row per user and product; one already sent (a past season) is re-armed: cleared, so the
  // job tells her again when the next season opens. One still waiting is left as it is.
  const created = await db
    .insert(availabilityAlerts)
    .values({ userId, productId: product.id })
    .onConflictDoUpdate({
      target: [availabilityAlerts.userId, availabilityAlerts.productId],
      set: { notifiedAt: null, createdAt: sql`now()` },
      setWhere: sql`${availabilityAlerts.notifiedAt} is not null`,
    })
    .returning({ id: availabilityAlerts.id })
  return { created: created.length > 0 }
}

type DueAlert = { id: string; user_id: string; name: string; locale: Language; title: string; slug: string; price: number }

/**
 * The job: every alert not yet sent whose product is public and in season again gets one notice
 * (and the email or SMS chosen), queued in the same transaction that marks it sent, rows locked
 * with `SKIP LOCKED`: a second run, or a second server, sends nothing twice. Returns how many.
 */
export async function sendAvailabilityAlerts(db: Db, { siteUrl }: { siteUrl: string }) {
  const base = siteUrl.replace(/\/+$/, '')
  return db.transaction(async (tx) => {
    const due = await rowsOf<DueAlert>(
      tx,
      sql`select a.id, a.user_id, u.name, u.locale, products.title, products.slug, products.price::bigint as price
          from availability_alerts a
          join products on products.id = a.product_id
          join shops on shops.id = products.shop_id
          join users u on u.id = a.user_id
          where a.notified_at is null and u.disabled_at is null and ${isPubliclyVisible} and ${isInSeason}
          order by a.created_at
          limit 500
          for update of a skip locked`
    )
    for (const row of due) {
      await notify(tx, {
        userId: row.user_id,
        group: 'favourites',
        kind: 'favourite_back_in_season',
        data: { title: row.title, slug: row.slug },
        sendEmail: (to) =>
          enqueueEmail(tx, {
            to,
            kind: 'favourite_notice',
            language: row.locale,
            data: {
              name: row.name.split(/\s+/)[0] ?? row.name,
              event: 'back_in_season',
              title: row.title,
              price: Number(row.price),
              oldPrice: Number(row.price),
              url: `${base}/p/${row.slug}`,
            },
          }),
      })
      await tx
        .update(availabilityAlerts)
        .set({ notifiedAt: sql`now()` })
        .where(eq(availabilityAlerts.id, row.id))
    }
    return due.length
  })
}
