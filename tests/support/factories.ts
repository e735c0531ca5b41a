import { createId } from '@paralleldrive/cuid2'
import type { DbOrTx } from '../../db/client'
import { categories, checkouts, orderEvents, orderItems, orders, products, shops, users } from '../../db/schema'

// Small builders for integration tests: each returns the inserted row with sensible defaults,
// unique slugs and emails, so tests state only what matters to them.

/** An account with an email (phone-only accounts come from `signUp`). */
export async function createUser(db: DbOrTx, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({ email: `user-${createId()}@test.taswiq.dz`, name: 'Test User', ...overrides })
    .returning()
  if (!user?.email) throw new Error('createUser makes accounts with an email')
  return { ...user, email: user.email }
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

export async function createProduct(db: DbOrTx, overrides: Partial<typeof products.$inferInsert> & { shopId: string; categoryId: string }) {
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

type OrderStatus = (typeof orders.$inferInsert)['status']

/**
 * An order as history: checkout, order, item snapshots and one event per status reached, written
 * directly (no stock change), for tests that read orders rather than place them.
 */
export async function createOrder(
  db: DbOrTx,
  {
    shopId,
    buyerId,
    status,
    createdAt,
    items,
    commissionBps = 1000,
    shippingFee = 40_000,
    shipCommuneCode = '16001',
  }: {
    shopId: string
    buyerId?: string
    status: OrderStatus
    createdAt: Date
    items: { productId: string; unitPrice: number; quantity: number; title?: string }[]
    commissionBps?: number
    shippingFee?: number
    shipCommuneCode?: string
  }
) {
  const buyer = buyerId ?? (await createUser(db)).id
  const subtotal = items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0)
  const commission = Math.round((subtotal * commissionBps) / 10_000)
  const [checkout] = await db
    .insert(checkouts)
    .values({
      buyerId: buyer,
      idempotencyKey: `test-${createId()}`,
      paymentMethod: status === 'awaiting_payment' ? 'card' : 'cod',
      total: subtotal + shippingFee,
      createdAt,
    })
    .returning()
  const [order] = await db
    .insert(orders)
    .values({
      number: `T-${createId().slice(0, 10)}`,
      checkoutId: checkout!.id,
      shopId,
      buyerId: buyer,
      status,
      paymentMethod: checkout!.paymentMethod,
      deliveryMode: 'home',
      shipName: 'زبون تجريبي',
      shipPhone: '+213661234567',
      shipCommuneCode,
      shipWilayaCode: Number(shipCommuneCode.slice(0, 2)),
      shipStreet: 'حي 20 أوت',
      subtotal,
      shippingFee,
      commissionBps,
      commission,
      total: subtotal + shippingFee,
      delayDays: 3,
      createdAt,
      updatedAt: createdAt,
    })
    .returning()
  await db
    .insert(orderItems)
    .values(
      items.map((item) => ({
        orderId: order!.id,
        productId: item.productId,
        title: item.title ?? 'منتج',
        unitPrice: item.unitPrice,
        quantity: item.quantity,
        lineTotal: item.unitPrice * item.quantity,
      }))
    )
  await db.insert(orderEvents).values({ orderId: order!.id, fromStatus: null, toStatus: status, createdAt })
  return order!
}
