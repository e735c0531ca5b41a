import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { products, productVariants } from '#db/schema'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { errorsByRow, listBulkRows, readBulkForm } from '~/modules/listings/bulk-edit.server'
import { applyCatalogRows, CatalogImportError } from '~/modules/listings/catalog-csv.server'
import { ShopCannotPublishError } from '~/modules/listings/listings.server'
import { OptionsSchema } from '~/modules/listings/variant-schemas'
import { listVariants, setListingOptions } from '~/modules/listings/variants.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createProduct, createShop } from '../support/factories'

// Issue 20: the price/stock table (/dashboard/products/bulk) saves through the catalog import's
// check and transaction: a valid multi-row save, one bad row → translated error and nothing
// written, a foreign product id refused.

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

async function shopWithCatalog() {
  const shop = await createShop(t.db, { status: 'approved' })
  const acting = { id: shop.id, status: 'approved' }
  const jar = await createProduct(t.db, { shopId: shop.id, categoryId, title: 'Jarre', price: 350_000, stock: 4 })
  const dress = await createProduct(t.db, { shopId: shop.id, categoryId, title: 'جبة', price: 900_000, stock: 1 })
  const { intent: _, ...options } = OptionsSchema.parse({ intent: 'options', option1Name: 'المقاس', option1Values: 'M، L' })
  await setListingOptions(t.db, { shop: acting, productId: dress.id, options })
  return { shop, acting, jar, dress, variants: await listVariants(t.db, dress.id) }
}

/** The form as the page posts it, from the page's rows with some values typed over. */
function formOf(rows: { productId: string; variantId: string | null; price: string; stock: string }[], typed: Record<number, { price?: string; stock?: string }>) {
  const form = new FormData()
  rows.forEach((row, i) => {
    form.append('productId', row.productId)
    form.append('variantId', row.variantId ?? '')
    form.append('price0', row.price)
    form.append('stock0', row.stock)
    form.append('price', typed[i]?.price ?? row.price)
    form.append('stock', typed[i]?.stock ?? row.stock)
  })
  return form
}

const state = async (shopId: string) => {
  const rows = await t.db.select({ id: products.id, price: products.price, stock: products.stock, status: products.status, updatedAt: products.updatedAt }).from(products).where(eq(products.shopId, shopId)).orderBy(products.id)
  const variants = await t.db.select({ id: productVariants.id, price: productVariants.price, stock: productVariants.stock }).from(productVariants).where(inArray(productVariants.productId, rows.map((r) => r.id))).orderBy(productVariants.id)
  return { rows, variants }
}
const lookup = (key: string) => [ar, fr, en].map((locale) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], locale))

describe('price/stock table', () => {
  it('lists one row per product or combination and saves several changed rows at once', async () => {
    const { shop, acting, jar, variants } = await shopWithCatalog()
    const { rows, pages } = await listBulkRows(t.db, shop.id, 1)
    expect(pages).toBe(1)
    // A page number typed into the URL is read as a whole page in range.
    for (const odd of [0.5, 1.5, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect((await listBulkRows(t.db, shop.id, odd)).page).toBe(1)
    expect(rows).toHaveLength(1 + variants.length)
    const jarRow = rows.findIndex((r) => r.productId === jar.id)
    const lRow = rows.findIndex((r) => r.variantId === variants[1]!.id)
    // Arabic digits and a comma decimal, as typed on a phone.
    const submitted = readBulkForm(formOf(rows, { [jarRow]: { price: '٤٠٠٠,٥', stock: '7' }, [lRow]: { stock: '١٢' } }))!
    expect(submitted.changed).toHaveLength(2)
    await applyCatalogRows(t.db, { shop: acting, rows: submitted.changed })
    const after = await state(shop.id)
    expect(after.rows.find((r) => r.id === jar.id)).toMatchObject({ price: 400_050, stock: 7 })
    expect(after.variants.find((v) => v.id === variants[1]!.id)).toMatchObject({ stock: 12 })
    expect(after.variants.find((v) => v.id === variants[0]!.id)).toMatchObject({ stock: variants[0]!.stock, price: variants[0]!.price })
  })

  it('one bad row: a translated error on that row and nothing written', async () => {
    const { shop, acting, jar, variants } = await shopWithCatalog()
    const { rows } = await listBulkRows(t.db, shop.id, 1)
    const before = await state(shop.id)
    const jarRow = rows.findIndex((r) => r.productId === jar.id)
    const mRow = rows.findIndex((r) => r.variantId === variants[0]!.id)
    const submitted = readBulkForm(formOf(rows, { [jarRow]: { stock: '9' }, [mRow]: { price: '12.345' } }))!
    const error = await applyCatalogRows(t.db, { shop: acting, rows: submitted.changed }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CatalogImportError)
    const byRow = errorsByRow((error as CatalogImportError).errors)
    expect(Object.keys(byRow).map(Number)).toEqual([mRow + 1])
    for (const e of byRow[mRow + 1]!) expect(lookup(e.key).every((v) => typeof v === 'string')).toBe(true)
    expect(await state(shop.id)).toEqual(before)
  })

  it("refuses another shop's product id", async () => {
    const mine = await shopWithCatalog()
    const other = await shopWithCatalog()
    const before = await state(other.shop.id)
    const rows = [{ productId: other.jar.id, variantId: null, price: '3500', stock: '4' }]
    const submitted = readBulkForm(formOf(rows, { 0: { stock: '99' } }))!
    const error = await applyCatalogRows(t.db, { shop: mine.acting, rows: submitted.changed }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CatalogImportError)
    expect((error as CatalogImportError).errors).toEqual([expect.objectContaining({ line: 1, key: 'catalogCsv.errors.unknownProduct' })])
    expect(await state(other.shop.id)).toEqual(before)
  })

  it('a suspended shop changes nothing (its page shows no form; a forged post is refused)', async () => {
    const { shop, jar } = await shopWithCatalog()
    const { rows } = await listBulkRows(t.db, shop.id, 1)
    const before = await state(shop.id)
    const submitted = readBulkForm(formOf(rows, { [rows.findIndex((r) => r.productId === jar.id)]: { stock: '40' } }))!
    const error = await applyCatalogRows(t.db, { shop: { id: shop.id, status: 'suspended' }, rows: submitted.changed }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ShopCannotPublishError)
    expect(await state(shop.id)).toEqual(before)
  })

  it('a form that is not the table is refused', () => {
    expect(readBulkForm(new FormData())).toBeNull()
    const form = new FormData()
    form.append('productId', 'x')
    expect(readBulkForm(form)).toBeNull()
  })
})
