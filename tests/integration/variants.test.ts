import { createId } from '@paralleldrive/cuid2'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DbConnection } from '#db/client'
import { auditLog, ledgerEntries, orderItems, productImages, products, productVariants, stockMovements } from '#db/schema'
import { addToCart, listCartLines, OptionRequiredError, ProductUnavailableError } from '~/modules/cart/cart.server'
import { getPublicProduct } from '~/modules/catalog/catalog.server'
import { listFoodFlags, setCategoryFood } from '~/modules/catalog/food-categories.server'
import { CartChangedError, convertCartToOrders, type CartConversion } from '~/modules/orders/checkout.server'
import { transitionOrder } from '~/modules/orders/lifecycle.server'
import { FoodInformationError, updateListing } from '~/modules/listings/listings.server'
import { listVariants, saveVariantGrid, setListingOptions } from '~/modules/listings/variants.server'
import { OptionsSchema } from '~/modules/listings/variant-schemas'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createProduct, createShop, createUser } from '../support/factories'
import { testServerUrl, withDatabase } from '../support/postgres-url'

// Issue 20: a product with options (2 sizes × 3 colours) through the whole sale, per combination.

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

const siteUrl = 'http://localhost:3000'
const address = { fullName: 'سليمة حداد', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت، رقم 12' }
const request = (buyerId: string): CartConversion => ({
  buyerId,
  idempotencyKey: createId(),
  paymentMethod: 'cod',
  deliveryMode: 'home',
  address,
  commissionBps: 1000,
  siteUrl,
})

const options = (o1: string, v1: string, o2 = '', v2 = '') => {
  const parsed = OptionsSchema.parse({ intent: 'options', option1Name: o1, option1Values: v1, option2Name: o2, option2Values: v2 })
  const { intent: _, ...rest } = parsed
  return rest
}

/** A live dress in sizes M, L and colours أحمر, أزرق, أخضر; every combination priced and stocked. */
async function dress() {
  const shop = await createShop(t.db)
  const product = await createProduct(t.db, { shopId: shop.id, categoryId, title: 'جبة قبائلية', price: 900_000, stock: 1 })
  const [photo] = await t.db.insert(productImages).values({ productId: product.id, storageKey: `k-${createId()}`, width: 800, height: 800 }).returning()
  const acting = { id: shop.id, status: 'approved' }
  await setListingOptions(t.db, { shop: acting, productId: product.id, options: options('المقاس', 'M، L', 'اللون', 'أحمر, أزرق, أخضر') })
  // Options are reviewed; the test puts the listing back on sale as a moderator would.
  await t.db.update(products).set({ status: 'active' }).where(eq(products.id, product.id))
  const variants = await listVariants(t.db, product.id)
  await saveVariantGrid(t.db, {
    shop: acting,
    productId: product.id,
    rows: variants.map((v, i) => ({ id: v.id, price: 1_000_000 + i * 100_000, stock: i + 1, sku: `JB-${i}`, imageId: i === 0 ? photo!.id : '' })),
  })
  const byLabel = new Map((await listVariants(t.db, product.id)).map((v) => [`${v.option1}/${v.option2}`, v]))
  return { shop, acting, product, byLabel, photo: photo! }
}

const productRow = async (id: string) => (await t.db.select().from(products).where(eq(products.id, id)))[0]!
const variantStock = async (id: string) => (await t.db.select({ s: productVariants.stock }).from(productVariants).where(eq(productVariants.id, id)))[0]!.s

describe('options and combinations', () => {
  it('builds 2 × 3 combinations in order; the product row keeps the cheapest price and the total stock', async () => {
    const { product, byLabel } = await dress()
    expect([...byLabel.keys()]).toEqual(['M/أحمر', 'M/أزرق', 'M/أخضر', 'L/أحمر', 'L/أزرق', 'L/أخضر'])
    const row = await productRow(product.id)
    expect(row).toMatchObject({ option1Name: 'المقاس', option2Name: 'اللون', price: 1_000_000, stock: 1 + 2 + 3 + 4 + 5 + 6 })
    // The product form's price and stock do not overwrite the combinations' summary.
    const acting = { id: row.shopId, status: 'approved' }
    await updateListing(t.db, { shop: acting, productId: product.id, input: { title: row.title, description: row.description, categoryId, price: 1, stock: 999, madeToOrderDays: 0, weightG: null } })
    expect(await productRow(product.id)).toMatchObject({ price: 1_000_000, stock: 21, status: 'active' })
  })

  it('grid prices and stock apply at once; adding or renaming a value sends the listing back to review, keeping the kept combinations', async () => {
    const { product, acting, byLabel } = await dress()
    const m = byLabel.get('M/أحمر')!
    await saveVariantGrid(t.db, { shop: acting, productId: product.id, rows: [{ id: m.id, price: 500_000, stock: 7, sku: '', imageId: '' }] })
    expect(await productRow(product.id)).toMatchObject({ status: 'active', price: 500_000 })
    const { sentToReview } = await setListingOptions(t.db, { shop: acting, productId: product.id, options: options('المقاس', 'M, L, XL', 'اللون', 'أحمر, أزرق, أخضر') })
    expect(sentToReview).toBe(true)
    const after = await listVariants(t.db, product.id)
    expect(after).toHaveLength(9)
    expect(after.find((v) => v.id === m.id)).toMatchObject({ price: 500_000, stock: 7 })
    // The same values in another order: no review.
    await t.db.update(products).set({ status: 'active' }).where(eq(products.id, product.id))
    const again = await setListingOptions(t.db, { shop: acting, productId: product.id, options: options('المقاس', 'XL, L, M', 'اللون', 'أحمر, أزرق, أخضر') })
    expect(again.sentToReview).toBe(false)
  })

  it('the product page lists each combination with its price, stock and photo', async () => {
    const { product, byLabel } = await dress()
    const page = await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })
    expect(page!.variants).toHaveLength(6)
    expect(page!.variants[0]).toMatchObject({ id: byLabel.get('M/أحمر')!.id, option1: 'M', option2: 'أحمر', price: 1_000_000, stock: 1, photo: 1 })
    expect(page!.variants[5]).toMatchObject({ option1: 'L', option2: 'أخضر', price: 1_500_000, stock: 6, photo: null })
  })

  it('cart → checkout → order → cancel → ledger, per combination', async () => {
    const { product, byLabel } = await dress()
    const buyer = await createUser(t.db)
    const owner = { userId: buyer.id }
    const mBlue = byLabel.get('M/أزرق')! // price 1 100 000, stock 2
    const lGreen = byLabel.get('L/أخضر')! // price 1 500 000, stock 6

    // A product with options needs its combination; one without options takes none.
    await expect(addToCart(t.db, owner, product.id, 1)).rejects.toBeInstanceOf(OptionRequiredError)
    const plain = await createProduct(t.db, { shopId: product.shopId, categoryId, stock: 3 })
    await expect(addToCart(t.db, owner, plain.id, 1, mBlue.id)).rejects.toBeInstanceOf(ProductUnavailableError)

    // Two sizes of one dress are two lines; each is bounded by its own stock.
    expect(await addToCart(t.db, owner, product.id, 5, mBlue.id)).toEqual({ quantity: 2, capped: true })
    expect(await addToCart(t.db, owner, product.id, 3, lGreen.id)).toEqual({ quantity: 3, capped: false })
    const lines = await listCartLines(t.db, owner)
    expect(lines.map((l) => [l.variantLabel, l.unitPrice, l.quantity, l.stock, l.available])).toEqual([
      ['M / أزرق', 1_100_000, 2, 2, true],
      ['L / أخضر', 1_500_000, 3, 6, true],
    ])

    const placed = await convertCartToOrders(t.db, request(buyer.id))
    expect(placed.orders).toHaveLength(1)
    const orderId = placed.orders[0]!.id
    const items = await t.db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.unitPrice))
    expect(items.map((i) => [i.variantId, i.variantLabel, i.sku, i.unitPrice, i.quantity, i.lineTotal])).toEqual([
      [mBlue.id, 'M / أزرق', 'JB-1', 1_100_000, 2, 2_200_000],
      [lGreen.id, 'L / أخضر', 'JB-5', 1_500_000, 3, 4_500_000],
    ])
    expect(await variantStock(mBlue.id)).toBe(0)
    expect(await variantStock(lGreen.id)).toBe(3)
    expect((await productRow(product.id)).stock).toBe(21 - 5)
    expect(await listCartLines(t.db, owner)).toEqual([])

    const buyerActor = { kind: 'buyer' as const, userId: buyer.id }
    await transitionOrder(t.db, { orderId, to: 'cancelled', actor: buyerActor, siteUrl })
    expect(await variantStock(mBlue.id)).toBe(2)
    expect(await variantStock(lGreen.id)).toBe(6)
    expect((await productRow(product.id)).stock).toBe(21)
    const movements = await t.db
      .select({ variantId: stockMovements.variantId, delta: stockMovements.delta, reason: stockMovements.reason })
      .from(stockMovements)
      .where(eq(stockMovements.orderId, orderId))
    expect(movements).toHaveLength(4)
    for (const variant of [mBlue, lGreen]) {
      const mine = movements.filter((m) => m.variantId === variant.id)
      expect(mine.map((m) => m.reason).sort()).toEqual(['cancel', 'order'])
      expect(mine.reduce((sum, m) => sum + m.delta, 0)).toBe(0)
    }

    // A second order is delivered: the shop's ledger has the sale of the combinations' prices.
    await addToCart(t.db, owner, product.id, 1, lGreen.id)
    const second = (await convertCartToOrders(t.db, request(buyer.id))).orders[0]!
    const producer = { kind: 'producer' as const, userId: (await t.db.query.shops.findFirst({ where: (s, { eq: e }) => e(s.id, product.shopId) }))!.ownerId }
    for (const to of ['confirmed', 'shipped', 'delivered'] as const)
      await transitionOrder(t.db, { orderId: second.id, to, actor: producer, siteUrl, carrier: 'Yalidine', trackingNumber: 'YAL-1' })
    const ledger = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, second.id))
    const sale = ledger.find((e) => e.kind === 'sale')!
    expect(sale.amount).toBe(second.total)
    expect(second.total).toBeGreaterThan(1_500_000)
    expect(ledger.find((e) => e.kind === 'commission')!.amount).toBe(-150_000)
    expect(await variantStock(lGreen.id)).toBe(5)
  })

  it('a short combination rolls the whole checkout back and names the line', async () => {
    const { product, byLabel } = await dress()
    const buyer = await createUser(t.db)
    const mRed = byLabel.get('M/أحمر')! // stock 1
    const lRed = byLabel.get('L/أحمر')! // stock 4
    await addToCart(t.db, { userId: buyer.id }, product.id, 1, mRed.id)
    await addToCart(t.db, { userId: buyer.id }, product.id, 2, lRed.id)
    await t.db.update(productVariants).set({ stock: 0 }).where(eq(productVariants.id, mRed.id))
    const error = await convertCartToOrders(t.db, request(buyer.id)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CartChangedError)
    expect((error as CartChangedError).products).toEqual([expect.objectContaining({ productId: product.id, variantId: mRed.id, available: 0 })])
    expect(await variantStock(lRed.id)).toBe(4)
  })
})

describe('one combination under concurrency', () => {
  let pool: DbConnection | TestDatabase
  beforeAll(async () => {
    const server = testServerUrl()
    pool = server ? await connect({ url: withDatabase(server, t.name), max: 20 }) : t
  })
  afterAll(async () => {
    if (pool !== t) await pool.close()
  })

  it('60 buyers race for the 4 units of one size: exactly 4 orders, the other sizes untouched, never below zero', async () => {
    const { product, byLabel } = await dress()
    const target = byLabel.get('L/أحمر')! // stock 4
    const other = byLabel.get('L/أزرق')! // stock 5
    const buyers = await Promise.all(Array.from({ length: 60 }, () => createUser(t.db)))
    for (const b of buyers) await addToCart(t.db, { userId: b.id }, product.id, 1, target.id)
    const results = await Promise.allSettled(buyers.map((b) => convertCartToOrders(pool.db, request(b.id))))
    const ok = results.filter((r) => r.status === 'fulfilled')
    expect(ok).toHaveLength(4)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CartChangedError)
    expect(await variantStock(target.id)).toBe(0)
    expect(await variantStock(other.id)).toBe(5)
    expect((await productRow(product.id)).stock).toBe(21 - 4)
    const sold = await t.db.select().from(orderItems).where(and(eq(orderItems.productId, product.id), eq(orderItems.variantId, target.id)))
    expect(sold).toHaveLength(4)
  })
})

describe('food information', () => {
  const food = {
    foodIngredients: 'عسل السدر 100 %',
    foodAllergens: 'لا يوجد',
    foodNetQuantity: '500 g',
    foodBatch: 'L-2026-11',
    foodBestBefore: '2028-06-30',
    foodStorage: 'في مكان جاف بعيدًا عن الشمس',
  }
  const input = (categoryId: string, extra: Record<string, string | null> = {}) => ({
    title: 'عسل السدر',
    description: 'من جبال الأطلس',
    categoryId,
    price: 250_000,
    stock: 5,
    madeToOrderDays: 0,
    weightG: null,
    ...extra,
  })

  it('a food product without ingredients is refused, field by field, with translated keys; with them it is accepted', async () => {
    const shop = await createShop(t.db)
    const honey = await createCategory(t.db, { food: true })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId })
    const acting = { id: shop.id, status: 'approved' }
    const error = await updateListing(t.db, { shop: acting, productId: product.id, input: input(honey.id, { ...food, foodIngredients: '' }) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FoodInformationError)
    expect((error as FoodInformationError).fields).toEqual({ foodIngredients: 'food.errors.required' })
    const past = await updateListing(t.db, { shop: acting, productId: product.id, input: input(honey.id, { ...food, foodBestBefore: '2020-01-01' }) }).catch((e: unknown) => e)
    expect((past as FoodInformationError).fields).toEqual({ foodBestBefore: 'food.errors.bestBeforePast' })
    expect((await productRow(product.id)).categoryId).toBe(categoryId)
    await updateListing(t.db, { shop: acting, productId: product.id, input: input(honey.id, food) })
    expect(await productRow(product.id)).toMatchObject({ categoryId: honey.id, foodIngredients: food.foodIngredients, foodBestBefore: '2028-06-30' })
    // Non-food categories ask for nothing.
    await updateListing(t.db, { shop: acting, productId: product.id, input: input(categoryId) })
  })

  it('a best-before date in the past takes the product off sale: page, cart and checkout', async () => {
    const shop = await createShop(t.db)
    const product = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 5, ...food })
    const buyer = await createUser(t.db)
    expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).toMatchObject({ foodBatch: 'L-2026-11' })
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    await t.db.update(products).set({ foodBestBefore: '2025-01-31' }).where(eq(products.id, product.id))
    expect(await getPublicProduct(t.db, { slug: product.slug, language: 'ar' })).toBeNull()
    await expect(addToCart(t.db, { userId: buyer.id }, product.id, 1)).rejects.toBeInstanceOf(ProductUnavailableError)
    expect((await listCartLines(t.db, { userId: buyer.id }))[0]!.available).toBe(false)
    await expect(convertCartToOrders(t.db, request(buyer.id))).rejects.toBeInstanceOf(CartChangedError)
    expect((await productRow(product.id)).stock).toBe(5)
  })
})

describe('food categories', () => {
  it('an admin flags a category as food; the change is audited; an unknown category changes nothing', async () => {
    const category = await createCategory(t.db)
    const admin = await createUser(t.db)
    expect(await setCategoryFood(t.db, { categoryId: category.id, food: true, actorId: admin.id, ip: null })).toBe(true)
    expect((await listFoodFlags(t.db)).find((c) => c.id === category.id)!.food).toBe(true)
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, category.id))
    expect(audit.map((a) => a.action)).toEqual(['category.food_on'])
    expect(await setCategoryFood(t.db, { categoryId: 'nope', food: true, actorId: admin.id, ip: null })).toBe(false)
  })
})
