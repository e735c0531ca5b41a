import { createId } from '@paralleldrive/cuid2'
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { products, productVariants } from '#db/schema'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { applyCatalogImport, CatalogImportError, exportCatalogCsv, planCatalogImport } from '~/modules/listings/catalog-csv.server'
import { OptionsSchema } from '~/modules/listings/variant-schemas'
import { listVariants, saveVariantGrid, setListingOptions } from '~/modules/listings/variants.server'
import { CsvEncodingError, decodeCsvBytes, parseCsv } from '~/utils/csv-parse'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createProduct, createShop } from '../support/factories'

// Issue 20: "CSV round trip (export → import unchanged = no change), a CSV with 5 bad rows → 5
// translated errors and nothing written, a good CSV of 500 rows applies atomically".

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

/** A shop with a plain product, a formula-looking title and a 2×3 dress (SKUs set). */
async function catalog() {
  const shop = await createShop(t.db, { status: 'approved' })
  const acting = { id: shop.id, status: 'approved' }
  const jar = await createProduct(t.db, { shopId: shop.id, categoryId, title: 'Jarre de Tasga', description: 'Argile,\n"cuite" au bois', price: 350_050, stock: 4 })
  const odd = await createProduct(t.db, { shopId: shop.id, categoryId, title: '=HYPERLINK("http://x")', price: 100_000, stock: 1 })
  const dress = await createProduct(t.db, { shopId: shop.id, categoryId, title: 'جبة قبائلية', price: 900_000, stock: 1 })
  const { intent: _, ...options } = OptionsSchema.parse({ intent: 'options', option1Name: 'المقاس', option1Values: 'M، L', option2Name: 'اللون', option2Values: 'أحمر, أزرق, أخضر' })
  await setListingOptions(t.db, { shop: acting, productId: dress.id, options })
  await t.db.update(products).set({ status: 'active' }).where(eq(products.id, dress.id))
  const variants = await listVariants(t.db, dress.id)
  await saveVariantGrid(t.db, { shop: acting, productId: dress.id, rows: variants.map((v, i) => ({ id: v.id, price: 1_000_000 + i * 100_000, stock: i + 1, sku: `JB-${i}`, imageId: '' })) })
  return { shop, acting, jar, odd, dress, variants: await listVariants(t.db, dress.id) }
}

const snapshot = async (shopId: string) => {
  const rows = await t.db.select().from(products).where(eq(products.shopId, shopId)).orderBy(products.id)
  const variants = await t.db.select().from(productVariants).where(inArray(productVariants.productId, rows.map((r) => r.id))).orderBy(productVariants.id)
  return { rows, variants }
}
const edit = (csv: string, fn: (rows: string[][]) => void) => {
  const rows = parseCsv(csv)
  fn(rows)
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')
}
const translated = (key: string) => [ar, fr, en].every((locale) => typeof key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], locale) === 'string')

describe('catalog CSV', () => {
  it('exports one row per product or combination; importing it back changes nothing', async () => {
    const { shop, acting, odd } = await catalog()
    const csv = await exportCatalogCsv(t.db, shop.id)
    expect(csv.startsWith('\uFEFFproduct_id,variant_id,options,title,description,price_dzd,stock,sku\r\n')).toBe(true)
    expect(parseCsv(csv)).toHaveLength(1 + 1 + 1 + 6)
    // A formula-looking title is written as text for spreadsheets and read back as it was.
    expect(csv).toContain(`${odd.id},,,"'=HYPERLINK(""http://x"")"`)
    const before = await snapshot(shop.id)
    const plan = await planCatalogImport(t.db, shop.id, csv)
    expect(plan).toMatchObject({ errors: [], changedRows: 0 })
    await applyCatalogImport(t.db, { shop: acting, csv })
    expect(await snapshot(shop.id)).toEqual(before)
  })

  it('previews then applies price, stock and SKU per combination at once; a new title sends the listing to review', async () => {
    const { shop, acting, jar, dress, variants } = await catalog()
    const csv = edit(await exportCatalogCsv(t.db, shop.id), (rows) => {
      const jarRow = rows.find((r) => r[0] === jar.id)!
      jarRow[5] = '4000'
      const v = rows.find((r) => r[1] === variants[2]!.id)!
      v[6] = '9'
      v[7] = 'JB-NEW'
      for (const r of rows.filter((r) => r[0] === dress.id)) r[3] = 'جبة قبائلية حمراء'
    })
    const plan = await planCatalogImport(t.db, shop.id, csv)
    expect(plan.errors).toEqual([])
    expect(plan.changedRows).toBe(3)
    expect(plan.rows.find((r) => r.productId === jar.id)!.changes).toEqual([{ field: 'price', from: '3500.5', to: '4000' }])
    expect(plan.rows.find((r) => r.variantId === variants[0]!.id)).toMatchObject({ toReview: true, changes: [{ field: 'title', from: 'جبة قبائلية', to: 'جبة قبائلية حمراء' }] })
    // Preview writes nothing.
    expect((await t.db.select().from(products).where(eq(products.id, jar.id)))[0]!.price).toBe(350_050)

    await applyCatalogImport(t.db, { shop: acting, csv })
    const after = await snapshot(shop.id)
    expect(after.rows.find((r) => r.id === jar.id)).toMatchObject({ price: 400_000, status: 'active' })
    expect(after.rows.find((r) => r.id === dress.id)).toMatchObject({ title: 'جبة قبائلية حمراء', status: 'pending_review' })
    expect(after.variants.find((v) => v.id === variants[2]!.id)).toMatchObject({ stock: 9, sku: 'JB-NEW' })
    // Applying the same file again is idempotent.
    expect((await planCatalogImport(t.db, shop.id, csv)).changedRows).toBe(0)
  })

  it('a file with 5 bad rows gets 5 translated errors (row, column) and nothing is written', async () => {
    const { shop, acting, jar, variants } = await catalog()
    const other = await createProduct(t.db, { shopId: (await createShop(t.db)).id, categoryId })
    const csv = edit(await exportCatalogCsv(t.db, shop.id), (rows) => {
      rows.find((r) => r[0] === jar.id)![5] = '-5' // line of the jar: negative price
      rows.find((r) => r[1] === variants[0]!.id)![6] = 'beaucoup' // not a number
      rows.find((r) => r[1] === variants[1]!.id)![7] = 'JB-2' // the SKU of another row
      rows.push([other.id, '', '', 'Pas à moi', '', '100', '1', '']) // another shop's product
      rows.push([jar.id, 'nope', '', 'Jarre de Tasga', '', '100', '1', '']) // a combination it has not
      rows.find((r) => r[1] === variants[5]!.id)![6] = '12' // a good change, refused with the rest
    })
    const before = await snapshot(shop.id)
    const plan = await planCatalogImport(t.db, shop.id, csv)
    expect(plan.errors.map((e) => e.column).sort()).toEqual(['price_dzd', 'product_id', 'sku', 'stock', 'variant_id'])
    expect(plan.errors.every((e) => e.line > 1 && translated(e.key))).toBe(true)
    await expect(applyCatalogImport(t.db, { shop: acting, csv })).rejects.toBeInstanceOf(CatalogImportError)
    expect(await snapshot(shop.id)).toEqual(before)
  })

  it('a good file of 500 rows applies in one transaction; one bad row among them and none applies', async () => {
    const shop = await createShop(t.db, { status: 'approved' })
    const acting = { id: shop.id, status: 'approved' }
    await t.db.insert(products).values(
      Array.from({ length: 500 }, (_, i) => ({ id: createId(), shopId: shop.id, categoryId, slug: `p-${createId()}`, title: `Produit ${i}`, description: '', price: 100_000, stock: 1, status: 'active' as const })),
    )
    const export1 = await exportCatalogCsv(t.db, shop.id)
    const bad = edit(export1, (rows) => rows.slice(1).forEach((r, i) => ((r[5] = String(2000 + i)), (r[6] = i === 499 ? '-1' : '7'))))
    await expect(applyCatalogImport(t.db, { shop: acting, csv: bad })).rejects.toBeInstanceOf(CatalogImportError)
    expect((await snapshot(shop.id)).rows.every((r) => r.price === 100_000 && r.stock === 1)).toBe(true)

    const good = edit(export1, (rows) => rows.slice(1).forEach((r, i) => ((r[5] = String(2000 + i)), (r[6] = '7'))))
    const started = Date.now()
    const plan = await applyCatalogImport(t.db, { shop: acting, csv: good })
    console.info(`500-row import applied in ${Date.now() - started} ms`)
    expect(plan.changedRows).toBe(500)
    const after = (await snapshot(shop.id)).rows
    expect(after.every((r) => r.stock === 7 && r.status === 'active')).toBe(true)
    expect(new Set(after.map((r) => r.price)).size).toBe(500)
  })

  it('hostile files: not UTF-8, a wrong header, too large, semicolons from French Excel', async () => {
    const { shop, jar } = await catalog()
    expect(() => decodeCsvBytes(new Uint8Array([0x70, 0xe9, 0x74, 0x65]))).toThrow(CsvEncodingError) // "péte" in Latin-1
    expect(decodeCsvBytes(new TextEncoder().encode('\uFEFFa,b'))).toBe('a,b')
    expect((await planCatalogImport(t.db, shop.id, 'nom;prix\r\nx;1')).errors).toMatchObject([{ line: 1, key: 'catalogCsv.errors.header' }])
    expect((await planCatalogImport(t.db, shop.id, 'x'.repeat(2 * 1024 * 1024 + 1))).errors).toMatchObject([{ key: 'catalogCsv.errors.tooLarge' }])
    const semicolons = `product_id;variant_id;options;title;description;price_dzd;stock;sku\r\n${jar.id};;;Jarre de Tasga;"Argile,\n""cuite"" au bois";3600,50;4;`
    const plan = await planCatalogImport(t.db, shop.id, semicolons)
    expect(plan.errors).toEqual([])
    expect(plan.rows[0]!.changes).toEqual([{ field: 'price', from: '3500.5', to: '3600.5' }])
  })
})
