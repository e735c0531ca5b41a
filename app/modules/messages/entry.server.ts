import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { products, shops } from '#db/schema'

// What the "ask the producer" page names: a public product (approved, in an approved shop) or an approved shop.

export async function getPublicProductById(db: DbOrTx, productId: string) {
  const [row] = await db
    .select({ id: products.id, title: products.title, slug: products.slug, shopId: shops.id, shopName: shops.name })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .where(and(eq(products.id, productId), eq(products.status, 'active'), eq(shops.status, 'approved')))
    .limit(1)
  return row ?? null
}

export async function getPublicShopName(db: DbOrTx, slug: string) {
  const [row] = await db.select({ id: shops.id, name: shops.name }).from(shops).where(and(eq(shops.slug, slug), eq(shops.status, 'approved'))).limit(1)
  return row ?? null
}
