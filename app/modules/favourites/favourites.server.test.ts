import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { favourites, outbox, products } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { addFavourite, listFavourites, mergeVisitorFavourites, queueFavouriteNotices } from './favourites.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const newProduct = async (overrides: { stock?: number; price?: number } = {}) => {
  const shop = await createShop(t.db)
  return createProduct(t.db, { shopId: shop.id, categoryId, ...overrides })
}

describe('favourites', () => {
  it('a visitor’s favourites join the account at log-in, once', async () => {
    const a = await newProduct()
    const b = await newProduct()
    const user = await createUser(t.db)
    const visitor = { visitorTokenHash: `hash-${Math.random()}` }
    await addFavourite(t.db, { userId: user.id }, a.id)
    await addFavourite(t.db, visitor, a.id)
    await addFavourite(t.db, visitor, b.id)
    await addFavourite(t.db, visitor, b.id)

    await mergeVisitorFavourites(t.db, visitor.visitorTokenHash, user.id)
    const kept = await listFavourites(t.db, { userId: user.id }, 'ar')
    expect(kept.map((p) => p.id).sort()).toEqual([a.id, b.id].sort())
    expect(await listFavourites(t.db, visitor, 'ar')).toEqual([])
    // Merging again (a second tab) changes nothing.
    await mergeVisitorFavourites(t.db, visitor.visitorTokenHash, user.id)
    expect(await t.db.select().from(favourites).where(eq(favourites.userId, user.id))).toHaveLength(2)
  })

  it('back in stock: one notice per favourite, once; a price drop is told once too', async () => {
    const product = await newProduct({ stock: 0, price: 150_000 })
    const fans = await Promise.all([createUser(t.db), createUser(t.db)])
    for (const fan of fans) await addFavourite(t.db, { userId: fan.id }, product.id)
    await addFavourite(t.db, { visitorTokenHash: `hash-${Math.random()}` }, product.id)
    const noticesFor = () =>
      t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, 'favourite_notice')))
        .then((rows) => rows.filter((r) => fans.some((f) => f.email === r.toAddress)))

    await queueFavouriteNotices(t.db, { siteUrl: 'http://x' })
    expect(await noticesFor()).toHaveLength(0)

    await t.db.update(products).set({ stock: 5 }).where(eq(products.id, product.id))
    await queueFavouriteNotices(t.db, { siteUrl: 'http://x' })
    const first = await noticesFor()
    expect(first.map((n) => n.toAddress).sort()).toEqual(fans.map((f) => f.email).sort())
    expect(first[0]!.subject).toContain('عاد إلى المخزون')
    await queueFavouriteNotices(t.db, { siteUrl: 'http://x' })
    expect(await noticesFor()).toHaveLength(2)

    // Sold out and back again is a new event; a price rise is not told.
    await t.db.update(products).set({ stock: 0, price: 160_000 }).where(eq(products.id, product.id))
    await queueFavouriteNotices(t.db, { siteUrl: 'http://x' })
    expect(await noticesFor()).toHaveLength(2)
    await t.db.update(products).set({ stock: 2, price: 120_000 }).where(eq(products.id, product.id))
    await queueFavouriteNotices(t.db, { siteUrl: 'http://x' })
    expect(await noticesFor()).toHaveLength(4)
    await t.db.update(products).set({ price: 100_000 }).where(eq(products.id, product.id))
    await queueFavouriteNotices(t.db, { siteUrl: 'http://x' })
    const all = await noticesFor()
    expect(all).toHaveLength(6)
    expect(all.filter((n) => n.subject.includes('انخفض السعر'))).toHaveLength(2)
  })
})
