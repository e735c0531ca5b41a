import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import { QueryBuilder } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '#db/client'
import { cartItems, carts, productImages, products, productVariants, shops } from '#db/schema'
import { isInSeason, isPubliclyVisible } from '~/modules/catalog/catalog.server'
import { MAX_LINE_QUANTITY } from './limits'

/** Whose cart: an account's, or an anonymous visitor's (the SHA-256 of their cookie token). */
export type CartOwner = { userId: string } | { visitorTokenHash: string }

export { MAX_LINE_QUANTITY }

export class ProductUnavailableError extends Error {
  constructor() {
    super('This product is not for sale')
  }
}

/** A product with options is bought as one of its combinations: the buyer must pick one. */
export class OptionRequiredError extends Error {
  constructor() {
    super('Choose an option first')
  }
}

/** The cart line of this product (and combination: null for a product without options). */
const lineOf = (cartId: string, productId: string, variantId: string | null): SQL =>
  and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId), variantId ? eq(cartItems.variantId, variantId) : isNull(cartItems.variantId))!

const ownerCondition = (owner: CartOwner) => ('userId' in owner ? eq(carts.userId, owner.userId) : eq(carts.visitorTokenHash, owner.visitorTokenHash))

export async function findCartId(db: DbOrTx, owner: CartOwner) {
  const [row] = await db.select({ id: carts.id }).from(carts).where(ownerCondition(owner)).limit(1)
  return row?.id ?? null
}

/**
 * Locks the owner's cart row until the transaction ends and returns its id (null: no cart). Every
 * change to a cart's lines, and checkout, goes through it: a cart read, then changed, is never
 * changed by someone else in between (two tabs, two log-ins, a checkout racing an add).
 */
export async function lockCart(tx: DbOrTx, owner: CartOwner) {
  const [row] = await tx.select({ id: carts.id }).from(carts).where(ownerCondition(owner)).limit(1).for('update')
  return row?.id ?? null
}

/** The owner's cart, created if need be, locked like `lockCart` (call it in a transaction). */
async function ensureCartId(db: DbOrTx, owner: CartOwner) {
  const values = 'userId' in owner ? { userId: owner.userId } : { visitorTokenHash: owner.visitorTokenHash }
  // Two tabs adding at once both try to create the cart: the unique index keeps one.
  await db.insert(carts).values(values).onConflictDoNothing()
  const id = await lockCart(db, owner)
  if (!id) throw new Error('cart vanished right after creation')
  return id
}

/**
 * A public product's (or combination's) stock, or null when it cannot be bought (not active, shop
 * not approved, unknown, a combination of another product). A product with options needs its
 * combination (OptionRequiredError); a product without options takes none.
 */
async function buyableStock(db: DbOrTx, productId: string, variantId: string | null = null) {
  const [row] = await db
    .select({ stock: products.stock, hasOptions: isNotNull(products.option1Name), variantStock: productVariants.stock })
    .from(products)
    .innerJoin(shops, eq(shops.id, products.shopId))
    .leftJoin(productVariants, and(eq(productVariants.productId, products.id), eq(productVariants.id, variantId ?? '')))
    .where(and(eq(products.id, productId), isPubliclyVisible, isInSeason))
    .limit(1)
  if (!row) return null
  if (!row.hasOptions) return variantId ? null : row.stock
  if (!variantId) throw new OptionRequiredError()
  return row.variantStock
}

export type CartChange = { quantity: number; capped: boolean }

/**
 * Adds to the line of this product (or creates it). The quantity never exceeds the stock: the
 * answer says how many are in the cart and whether the request was cut down.
 */
export async function addToCart(db: DbOrTx, owner: CartOwner, productId: string, quantity: number, variantId: string | null = null): Promise<CartChange> {
  const stock = await buyableStock(db, productId, variantId)
  if (stock === null || stock <= 0) throw new ProductUnavailableError()
  // The line is read, then written: under the cart's lock, so two adds at once both count.
  return db.transaction(async (tx) => {
    const cartId = await ensureCartId(tx, owner)
    const [current] = await tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(lineOf(cartId, productId, variantId))
    const wanted = (current?.quantity ?? 0) + Math.max(1, Math.floor(quantity))
    const allowed = Math.min(wanted, stock, MAX_LINE_QUANTITY)
    await tx
      .insert(cartItems)
      .values({ cartId, productId, variantId, quantity: allowed })
      .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.productId, cartItems.variantId], set: { quantity: allowed } })
    await touch(tx, cartId)
    return { quantity: allowed, capped: allowed < wanted }
  })
}

/** Sets a line's quantity (0 removes it), bounded by the stock. */
export async function setCartQuantity(db: DbOrTx, owner: CartOwner, productId: string, quantity: number, variantId: string | null = null): Promise<CartChange> {
  const wanted = Math.max(0, Math.floor(quantity))
  const stock = wanted === 0 ? 0 : ((await buyableStock(db, productId, variantId).catch(() => 0)) ?? 0)
  const allowed = Math.min(wanted, stock, MAX_LINE_QUANTITY)
  // Under the cart's lock: a checkout converting this cart finishes first, and this change then
  // applies to what is left (a line already ordered is not brought back).
  return db.transaction(async (tx) => {
    const cartId = await lockCart(tx, owner)
    if (!cartId) return { quantity: 0, capped: false }
    const line = lineOf(cartId, productId, variantId)
    if (allowed <= 0) await tx.delete(cartItems).where(line)
    else await tx.update(cartItems).set({ quantity: allowed }).where(line)
    await touch(tx, cartId)
    return { quantity: allowed, capped: allowed < wanted }
  })
}

async function touch(db: DbOrTx, cartId: string) {
  await db.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId))
}

export type CartLine = {
  productId: string
  /** The chosen combination (null: a product without options) and its label ("M / أحمر"). */
  variantId: string | null
  variantLabel: string | null
  sku: string | null
  slug: string
  title: string
  /** Centimes, today's price. */
  unitPrice: number
  quantity: number
  stock: number
  /** False when the product was withdrawn, its shop suspended, or it sold out: it cannot be ordered. */
  available: boolean
  imageKey: string | null
  imageWidth: number | null
  imageHeight: number | null
  shop: { id: string; name: string; slug: string }
}

/** The cart's lines in the order they were added, each with what the buyer needs to decide. */
export async function listCartLines(db: DbOrTx, owner: CartOwner): Promise<CartLine[]> {
  const cartId = await findCartId(db, owner)
  if (!cartId) return []
  const cover = db
    .select({ productId: productImages.productId, storageKey: productImages.storageKey, width: productImages.width, height: productImages.height })
    .from(productImages)
    .where(eq(productImages.position, 0))
    .as('cover')
  const variantImage = db
    .select({ id: productImages.id, storageKey: productImages.storageKey, width: productImages.width, height: productImages.height })
    .from(productImages)
    .as('variant_image')
  const rows = await db
    .select({
      productId: products.id,
      variantId: cartItems.variantId,
      variantLabel: sql<string | null>`case when ${productVariants.option2} is null then ${productVariants.option1} else ${productVariants.option1} || ' / ' || ${productVariants.option2} end`,
      sku: productVariants.sku,
      slug: products.slug,
      title: products.title,
      unitPrice: sql<number>`coalesce(${productVariants.price}, ${products.price})`.mapWith(Number),
      quantity: cartItems.quantity,
      stock: sql<number>`coalesce(${productVariants.stock}, ${products.stock})`.mapWith(Number),
      // A line without its combination while the product now has options (or the reverse) cannot be ordered.
      coherent: sql<boolean>`(${cartItems.variantId} is null) = (${products.option1Name} is null)`,
      visible: sql<boolean>`${isPubliclyVisible} and ${isInSeason}`,
      imageKey: sql<string | null>`coalesce(${variantImage.storageKey}, ${cover.storageKey})`,
      imageWidth: sql<number | null>`coalesce(${variantImage.width}, ${cover.width})`,
      imageHeight: sql<number | null>`coalesce(${variantImage.height}, ${cover.height})`,
      shopId: shops.id,
      shopName: shops.name,
      shopSlug: shops.slug,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .innerJoin(shops, eq(shops.id, products.shopId))
    .leftJoin(cover, eq(cover.productId, products.id))
    .leftJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .leftJoin(variantImage, eq(variantImage.id, productVariants.imageId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id))
  return rows.map(({ shopId, shopName, shopSlug, visible, coherent, ...line }) => ({
    ...line,
    available: Boolean(visible) && Boolean(coherent) && line.stock > 0,
    shop: { id: shopId, name: shopName, slug: shopSlug },
  }))
}

/** How many units the header's cart badge shows. */
/** `countCartUnits` as one SQL value (a scalar subquery), for a statement that reads several counts at once. */
export function cartUnitsSql(owner: CartOwner): SQL<number> {
  return sql<number>`(${new QueryBuilder()
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(ownerCondition(owner))})`
}

export async function countCartUnits(db: DbOrTx, owner: CartOwner) {
  const cartId = await findCartId(db, owner)
  if (!cartId) return 0
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId))
  return row?.n ?? 0
}

/**
 * At log-in, the visitor's lines join the account's cart (quantities added, bounded by stock) and
 * the visitor's cart is deleted. In one transaction, so a failure leaves both carts as they were.
 */
export async function mergeVisitorCart(db: DbOrTx, visitorTokenHash: string, userId: string) {
  await db.transaction(async (tx) => {
    // Locked, so that two log-ins at once (two tabs) merge it once: the second finds it deleted.
    const visitorCartId = await lockCart(tx, { visitorTokenHash })
    if (!visitorCartId) return
    const lines = await tx
      .select({ productId: cartItems.productId, variantId: cartItems.variantId, quantity: cartItems.quantity })
      .from(cartItems)
      .where(eq(cartItems.cartId, visitorCartId))
    for (const line of lines) {
      try {
        await addToCart(tx, { userId }, line.productId, line.quantity, line.variantId)
      } catch (error) {
        // A product withdrawn since it was added is simply not carried over.
        if (!(error instanceof ProductUnavailableError) && !(error instanceof OptionRequiredError)) throw error
      }
    }
    await tx.delete(carts).where(eq(carts.id, visitorCartId))
  })
}

/** Groups cart lines by shop (one order per shop), in the order the shops first appear. */
export function groupByShop<T extends { shop: { id: string } }>(lines: T[]) {
  const groups = new Map<string, T[]>()
  for (const line of lines) groups.set(line.shop.id, [...(groups.get(line.shop.id) ?? []), line])
  return [...groups.entries()].map(([shopId, shopLines]) => ({ shopId, lines: shopLines }))
}

/** Removes these lines (product, and combination if any) from the account's cart: they were just ordered. */
export async function removeCartLines(db: DbOrTx, userId: string, lines: { productId: string; variantId: string | null }[]) {
  const cartId = await findCartId(db, { userId })
  if (!cartId || !lines.length) return
  await db.delete(cartItems).where(or(...lines.map((l) => lineOf(cartId, l.productId, l.variantId))))
}
