import { createId } from '@paralleldrive/cuid2'
import type { DbOrTx } from '../../db/client'
import { categories, products, shops, users } from '../../db/schema'

// Small builders for integration tests: each returns the inserted row with sensible defaults,
// unique slugs and emails, so tests state only what matters to them.

export async function createUser(db: DbOrTx, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({ email: `user-${createId()}@test.taswiq.dz`, name: 'Test User', ...overrides })
    .returning()
  return user!
}

export async function createCategory(db: DbOrTx, overrides: Partial<typeof categories.$inferInsert> = {}) {
  const slug = `cat-${createId()}`
  const [category] = await db
    .insert(categories)
    .values({ slug, nameAr: 'فئة', nameFr: 'Catégorie', nameEn: 'Category', ...overrides })
    .returning()
  return category!
}

export async function createShop(db: DbOrTx, overrides: Partial<typeof shops.$inferInsert> = {}) {
  const ownerId = overrides.ownerId ?? (await createUser(db, { role: 'producer' })).id
  const [shop] = await db
    .insert(shops)
    .values({
      ownerId,
      slug: `shop-${createId()}`,
      name: 'متجر تجريبي',
      producerCategory: 'rural_woman',
      communeCode: '15029',
      status: 'approved',
      ...overrides,
    })
    .returning()
  return shop!
}

export async function createProduct(
  db: DbOrTx,
  overrides: Partial<typeof products.$inferInsert> & { shopId: string; categoryId: string },
) {
  const [product] = await db
    .insert(products)
    .values({
      slug: `product-${createId()}`,
      title: 'منتج تجريبي',
      description: 'وصف',
      price: 150_000,
      stock: 10,
      status: 'active',
      publishedAt: new Date(),
      ...overrides,
    })
    .returning()
  return product!
}
