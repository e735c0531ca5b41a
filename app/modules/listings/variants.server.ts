import { createId } from '@paralleldrive/cuid2'
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { productImages, products, productVariants } from '#db/schema'
import { afterContentChange, assertCanPublish, ListingNotFoundError, lockOwnProduct, type ActingShop } from './listings.server'
import { MAX_OPTION_VALUES, type OptionsInput, type VariantRowInput } from './variant-schemas'

// A product's options (up to two types, e.g. size × colour) and their combinations, each with its
// own price, stock, SKU and photo (docs/decisions/019-variants.md). A product without options has
// no variant rows: the product row is its one implicit variant. For a product with options the
// database keeps products.price/stock as the cheapest price and the total stock (trigger
// `product_variants_summary`), so cards, search and filters read the product row as before.
//
// Lock order everywhere: the product row, then its variants (checkout and cancellation do the same).

export type Variant = typeof productVariants.$inferSelect

export class DuplicateSkuError extends Error {
  constructor(readonly sku: string) {
    super(`SKU ${sku} is used twice`)
    this.name = 'DuplicateSkuError'
  }
}

/** "M / أحمر": the combination as buyers, producers and invoices read it. */
export function variantLabel(variant: { option1: string; option2: string | null }) {
  return variant.option2 ? `${variant.option1} / ${variant.option2}` : variant.option1
}

/** The product's combinations in the order the producer gave the values. */
export function listVariants(db: DbOrTx, productId: string) {
  return db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(asc(productVariants.position), asc(productVariants.id))
}

/** Every combination of the values, in order (option 1 major). */
export function combinations(values1: string[], values2: string[]) {
  if (!values2.length) return values1.map((option1) => ({ option1, option2: null as string | null }))
  return values1.flatMap((option1) => values2.map((option2) => ({ option1, option2 })))
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i])
function distinctInOrder(values: (string | null)[]) {
  return [...new Set(values.filter((v): v is string => v !== null))]
}

/**
 * Sets the product's option types and their values. Combinations that stay keep their price, stock,
 * SKU and photo; new ones start at the product's price with no stock (the producer fills the grid);
 * dropped ones are deleted (their cart lines go; past order lines keep their copied label). Adding,
 * renaming or removing an option type or value changes what buyers read, so a live listing goes
 * back to review (decision 003); reordering the same values does not. Removing every option turns
 * the product back into a single item keeping the summary price and total stock.
 */
export async function setListingOptions(db: Db, { shop, productId, options }: { shop: ActingShop; productId: string; options: OptionsInput }, now = new Date()) {
  assertCanPublish(shop)
  return db.transaction(async (tx) => {
    const current = await lockOwnProduct(tx, shop.id, productId)
    const existing = await listVariants(tx, productId)
    const before = {
      name1: current.option1Name,
      name2: current.option2Name,
      values1: distinctInOrder(existing.map((v) => v.option1)),
      values2: distinctInOrder(existing.map((v) => v.option2)),
    }
    const name1 = options.option1Name && options.option1Values.length ? options.option1Name : null
    const name2 = name1 && options.option2Name && options.option2Values.length ? options.option2Name : null
    const values1 = name1 ? options.option1Values.slice(0, MAX_OPTION_VALUES) : []
    const values2 = name2 ? options.option2Values.slice(0, MAX_OPTION_VALUES) : []
    const changed =
      before.name1 !== name1 ||
      before.name2 !== name2 ||
      !sameList([...before.values1].sort(), [...values1].sort()) ||
      !sameList([...before.values2].sort(), [...values2].sort())

    const wanted = combinations(values1, values2)
    const key = (v: { option1: string; option2: string | null }) => `${v.option1}\u0000${v.option2 ?? ''}`
    const kept = new Map(existing.map((v) => [key(v), v]))
    const wantedKeys = new Set(wanted.map(key))
    const dropped = existing.filter((v) => !wantedKeys.has(key(v)))
    if (dropped.length)
      await tx.delete(productVariants).where(
        inArray(
          productVariants.id,
          dropped.map((v) => v.id)
        )
      )
    for (const [position, combination] of wanted.entries()) {
      const found = kept.get(key(combination))
      if (found) {
        if (found.position !== position) await tx.update(productVariants).set({ position }).where(eq(productVariants.id, found.id))
      } else {
        await tx.insert(productVariants).values({ id: createId(), productId, ...combination, price: current.price, stock: 0, position })
      }
    }
    const [product] = await tx
      .update(products)
      .set({ option1Name: name1, option2Name: name2, ...(changed ? afterContentChange(current, now) : { updatedAt: now }) })
      .where(eq(products.id, productId))
      .returning()
    return { product: product!, sentToReview: product!.status === 'pending_review' && current.status !== 'pending_review' }
  })
}

/**
 * Saves the grid of combinations: price, stock, SKU and photo of each. These apply at once and
 * never change the listing's status (like the product's own price and stock, decision 003). Rows
 * naming another product's variant are ignored.
 */
export async function saveVariantGrid(db: Db, { shop, productId, rows }: { shop: ActingShop; productId: string; rows: VariantRowInput[] }) {
  assertCanPublish(shop)
  const skus = rows.map((r) => r.sku).filter((s): s is string => !!s)
  const duplicate = skus.find((s, i) => skus.indexOf(s) !== i)
  if (duplicate) throw new DuplicateSkuError(duplicate)
  return db.transaction(async (tx) => {
    await lockOwnProduct(tx, shop.id, productId)
    const photos = new Set(
      (await tx.select({ id: productImages.id }).from(productImages).where(eq(productImages.productId, productId))).map((p) => p.id)
    )
    // Clear SKUs first so that two rows swapping theirs do not trip the unique index half-way.
    if (rows.some((r) => r.sku)) await tx.update(productVariants).set({ sku: null }).where(eq(productVariants.productId, productId))
    for (const row of rows) {
      await tx
        .update(productVariants)
        .set({ price: row.price, stock: row.stock, sku: row.sku || null, imageId: row.imageId && photos.has(row.imageId) ? row.imageId : null })
        .where(and(eq(productVariants.id, row.id), eq(productVariants.productId, productId)))
    }
    return listVariants(tx, productId)
  })
}

/** One combination's stock or price from a quick edit (the phone table): applies at once. */
export async function updateVariantQuick(
  db: Db,
  { shop, productId, variantId, price, stock }: { shop: ActingShop; productId: string; variantId: string; price?: number; stock?: number }
) {
  assertCanPublish(shop)
  return db.transaction(async (tx) => {
    await lockOwnProduct(tx, shop.id, productId)
    const [row] = await tx
      .update(productVariants)
      .set({ ...(price !== undefined ? { price } : {}), ...(stock !== undefined ? { stock } : {}) })
      .where(and(eq(productVariants.id, variantId), eq(productVariants.productId, productId)))
      .returning()
    if (!row) throw new ListingNotFoundError()
    return row
  })
}
