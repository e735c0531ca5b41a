import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { products, productVariants } from '#db/schema'
import { toCsv } from '~/utils/csv'
import { csvText, parseCsv } from '~/utils/csv-parse'
import { centimesToDinars, normalizeDigits, parseDinars } from '~/utils/money'
import { afterContentChange, assertCanPublish, type ActingShop } from './listings.server'
import { MAX_DESCRIPTION, MAX_PRICE_DZD, MAX_STOCK, MAX_TITLE } from './schemas'
import { MAX_SKU } from './variant-schemas'
import { variantLabel } from './variants.server'

// A producer's whole catalog as one CSV file (docs/decisions/026-claims-bulk-capacity.md): one row
// per product, or per combination for a product with options. Export, edit in a spreadsheet,
// import: a preview lists per row what will change and every error (row, column, translated
// reason) before anything is written; applying is all-or-nothing in one transaction, checked again
// on the locked rows. Importing the file just exported changes nothing. Price, stock and SKU apply
// at once; a changed title or description sends a live listing back to review (decision 003).

export const CATALOG_COLUMNS = ['product_id', 'variant_id', 'options', 'title', 'description', 'price_dzd', 'stock', 'sku'] as const
type Column = (typeof CATALOG_COLUMNS)[number]
/** Columns the import reads (the others are there for the reader: the options' label). */
const REQUIRED_COLUMNS: Column[] = ['product_id', 'variant_id', 'title', 'description', 'price_dzd', 'stock', 'sku']

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024
export const MAX_IMPORT_ROWS = 5000

/** One refusal: the file line (1 = header), the column, a locale key and its values. */
export type ImportError = { line: number; column: Column | null; key: string; values?: Record<string, string | number> }
export type FieldChange = { field: 'title' | 'description' | 'price' | 'stock' | 'sku'; from: string; to: string }
export type ImportRowPlan = { line: number; productId: string; variantId: string | null; title: string; label: string | null; changes: FieldChange[]; toReview: boolean }
export type ImportPlan = { rows: ImportRowPlan[]; errors: ImportError[]; changedRows: number }

export class CatalogImportError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`${errors.length} errors in the catalog file`)
    this.name = 'CatalogImportError'
  }
}

async function shopCatalog(db: DbOrTx, shopId: string, { lock = false } = {}) {
  const productQuery = db.select().from(products).where(eq(products.shopId, shopId)).orderBy(asc(products.id))
  const productRows = lock ? await productQuery.for('update') : await productQuery
  const ids = productRows.map((p) => p.id)
  const variantQuery = ids.length
    ? db.select().from(productVariants).where(inArray(productVariants.productId, ids)).orderBy(asc(productVariants.productId), asc(productVariants.position), asc(productVariants.id))
    : null
  const variantRows = variantQuery ? (lock ? await variantQuery.for('update') : await variantQuery) : []
  return { productRows, variantRows }
}

/** The shop's catalog as CSV (UTF-8 with BOM; formula-like text guarded by csvCell). Archived products included. */
export async function exportCatalogCsv(db: DbOrTx, shopId: string) {
  const { productRows, variantRows } = await shopCatalog(db, shopId)
  const byProduct = new Map<string, typeof variantRows>()
  for (const v of variantRows) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v])
  const rows = productRows.flatMap((p) => {
      const variants = p.option1Name ? (byProduct.get(p.id) ?? []) : []
      if (!variants.length) return [[p.id, '', '', p.title, p.description, centimesToDinars(p.price, { fixed: true }), p.stock, '']]
      return variants.map((v) => [p.id, v.id, variantLabel(v), p.title, p.description, centimesToDinars(v.price, { fixed: true }), v.stock, v.sku ?? ''])
    })
  return toCsv(CATALOG_COLUMNS, rows)
}

/**
 * One row to check, from the CSV file or from the dashboard's table (`/dashboard/products/bulk`).
 * A text field left undefined keeps the catalog's current value (the table edits price and stock only).
 */
export type CatalogRowInput = { line: number; productId: string; variantId: string | null; title?: string; description?: string; price: string; stock: string; sku?: string }

/** The file's rows in the shape the check reads, or the file-level refusal (size, header, row count). */
function readCatalogCsv(csv: string): { rows: CatalogRowInput[] } | { errors: ImportError[] } {
  if (csv.length > MAX_IMPORT_BYTES) return { errors: [{ line: 0, column: null, key: 'catalogCsv.errors.tooLarge' }] }
  const table = parseCsv(csv)
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase())
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c))
  if (!table.length || missing.length) return { errors: [{ line: 1, column: null, key: 'catalogCsv.errors.header', values: { columns: missing.join(', ') || CATALOG_COLUMNS.join(', ') } }] }
  if (table.length - 1 > MAX_IMPORT_ROWS) return { errors: [{ line: 0, column: null, key: 'catalogCsv.errors.tooManyRows', values: { max: MAX_IMPORT_ROWS } }] }
  const at = (cells: string[], column: Column) => csvText(cells[header.indexOf(column)] ?? '').trim()
  return {
    rows: table.slice(1).map((cells, index) => ({
      line: index + 2,
      productId: at(cells, 'product_id'),
      variantId: at(cells, 'variant_id') || null,
      title: at(cells, 'title'),
      description: at(cells, 'description'),
      price: at(cells, 'price_dzd'),
      stock: at(cells, 'stock'),
      sku: at(cells, 'sku'),
    })),
  }
}

/**
 * Reads and checks the file against the shop's catalog as `db` sees it. Never writes. Every error
 * is collected (not only the first), each with its line and column.
 */
export async function planCatalogImport(db: DbOrTx, shopId: string, csv: string, { lock = false } = {}): Promise<ImportPlan> {
  const read = readCatalogCsv(csv)
  if ('errors' in read) return { rows: [], errors: read.errors, changedRows: 0 }
  return planCatalogRows(db, shopId, read.rows, { lock })
}

/** Checks rows (from the file or the table) against the shop's catalog as `db` sees it. Never writes. */
export async function planCatalogRows(db: DbOrTx, shopId: string, input: CatalogRowInput[], { lock = false } = {}): Promise<ImportPlan> {
  const errors: ImportError[] = []
  const fail = (line: number, column: Column | null, key: string, values?: ImportError['values']) => errors.push({ line, column, key, ...(values ? { values } : {}) })
  if (input.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: 0, column: null, key: 'catalogCsv.errors.tooManyRows', values: { max: MAX_IMPORT_ROWS } }], changedRows: 0 }

  const { productRows, variantRows } = await shopCatalog(db, shopId, { lock })
  const productsById = new Map(productRows.map((p) => [p.id, p]))
  const variantsById = new Map(variantRows.map((v) => [v.id, v]))

  const rows: ImportRowPlan[] = []
  const seen = new Set<string>()
  const textOf = new Map<string, { title: string; description: string; line: number }>()
  const skusOf = new Map<string, Map<string, number>>()
  for (const cells of input) {
    const line = cells.line
    const before = errors.length
    const productId = cells.productId.trim()
    const variantId = cells.variantId?.trim() || null
    const product = productsById.get(productId)
    if (!product) {
      fail(line, 'product_id', productId ? 'catalogCsv.errors.unknownProduct' : 'catalogCsv.errors.newProduct')
      continue
    }
    const variant = variantId ? variantsById.get(variantId) : undefined
    if (product.option1Name ? !variant || variant.productId !== product.id : variantId !== null) {
      fail(line, 'variant_id', 'catalogCsv.errors.variantMismatch')
      continue
    }
    const key = `${productId}/${variantId ?? ''}`
    if (seen.has(key)) {
      fail(line, 'variant_id', 'catalogCsv.errors.duplicateRow')
      continue
    }
    seen.add(key)

    const title = (cells.title ?? product.title).trim().replace(/\s+/g, ' ')
    // Line breaks inside a description are the producer's own: kept, only the ends trimmed.
    const description = (cells.description ?? product.description).trim().replace(/\r\n?/g, '\n')
    if (title.length < 3) fail(line, 'title', 'listings.validation.titleTooShort')
    else if (title.length > MAX_TITLE) fail(line, 'title', 'validation.tooLong')
    if (description.length > MAX_DESCRIPTION) fail(line, 'description', 'validation.tooLong')
    const firstText = textOf.get(productId)
    if (!firstText) textOf.set(productId, { title, description, line })
    else if (firstText.title !== title || firstText.description !== description)
      fail(line, 'title', 'catalogCsv.errors.textDiffers', { line: firstText.line })

    const price = parseDinars(cells.price, { maxDzd: MAX_PRICE_DZD })
    if ('refusal' in price) fail(line, 'price_dzd', price.refusal === 'negative' || price.refusal === 'tooSmall' ? 'listings.validation.pricePositive' : `money.${price.refusal}`)
    const stockText = normalizeDigits(cells.stock).trim()
    const stock = /^\d{1,7}$/.test(stockText) ? Number(stockText) : NaN
    if (Number.isNaN(stock)) fail(line, 'stock', 'validation.number')
    else if (stock > MAX_STOCK) fail(line, 'stock', 'validation.tooBig')
    const sku = (cells.sku ?? variant?.sku ?? '').trim()
    if (sku && !variant) fail(line, 'sku', 'catalogCsv.errors.skuWithoutOptions')
    else if (sku.length > MAX_SKU) fail(line, 'sku', 'validation.tooLong')
    else if (sku) {
      const skus = skusOf.get(productId) ?? new Map<string, number>()
      skusOf.set(productId, skus)
      const other = skus.get(sku)
      if (other) fail(line, 'sku', 'catalogCsv.errors.duplicateSku', { line: other })
      else skus.set(sku, line)
    }
    if (errors.length > before || 'refusal' in price) continue

    const changes: FieldChange[] = []
    // The product's text is reported (and written) once, on its first row.
    if (!firstText) {
      if (product.title !== title) changes.push({ field: 'title', from: product.title, to: title })
      if (product.description !== description) changes.push({ field: 'description', from: product.description, to: description })
    }
    const current = variant ?? product
    if (current.price !== price.centimes) changes.push({ field: 'price', from: centimesToDinars(current.price), to: centimesToDinars(price.centimes) })
    if (current.stock !== stock) changes.push({ field: 'stock', from: String(current.stock), to: String(stock) })
    if (variant && (variant.sku ?? '') !== sku) changes.push({ field: 'sku', from: variant.sku ?? '', to: sku })
    const textChanged = changes.some((c) => c.field === 'title' || c.field === 'description')
    rows.push({
      line,
      productId,
      variantId,
      title: product.title,
      label: variant ? variantLabel(variant) : null,
      changes,
      toReview: textChanged && 'status' in afterContentChange(product, new Date()),
    })
  }
  return { rows: errors.length ? [] : rows, errors, changedRows: errors.length ? 0 : rows.filter((r) => r.changes.length).length }
}

/**
 * Applies the file: in one transaction, the shop's products and combinations locked (product rows
 * first, then combinations, in id order, as checkout does), the file checked again against them,
 * then every change written. Any error → CatalogImportError and nothing written. Returns the plan.
 */
export async function applyCatalogImport(db: Db, { shop, csv }: { shop: ActingShop; csv: string }, now = new Date()) {
  return applyPlan(db, shop, (tx) => planCatalogImport(tx, shop.id, csv, { lock: true }), now)
}

/** The table's save (`/dashboard/products/bulk`): the same check and writes as the file, all or nothing. */
export async function applyCatalogRows(db: Db, { shop, rows }: { shop: ActingShop; rows: CatalogRowInput[] }, now = new Date()) {
  return applyPlan(db, shop, (tx) => planCatalogRows(tx, shop.id, rows, { lock: true }), now)
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

async function applyPlan(db: Db, shop: ActingShop, planLocked: (tx: Tx) => Promise<ImportPlan>, now: Date) {
  assertCanPublish(shop)
  return db.transaction(async (tx) => {
    const plan = await planLocked(tx)
    if (plan.errors.length) throw new CatalogImportError(plan.errors)
    const changed = plan.rows.filter((r) => r.changes.length)
    // SKUs that change are cleared first so that two rows swapping theirs do not trip the unique index.
    const skuRows = changed.filter((r) => r.variantId && r.changes.some((c) => c.field === 'sku'))
    if (skuRows.length)
      await tx
        .update(productVariants)
        .set({ sku: null })
        .where(inArray(productVariants.id, skuRows.map((r) => r.variantId!)))
    const current = new Map((await tx.select({ id: products.id, status: products.status }).from(products).where(eq(products.shopId, shop.id))).map((p) => [p.id, p]))
    for (const row of changed) {
      const value = (field: FieldChange['field']) => row.changes.find((c) => c.field === field)?.to
      const price = value('price')
      const stock = value('stock')
      const centimes = price !== undefined ? (parseDinars(price, { maxDzd: MAX_PRICE_DZD }) as { centimes: number }).centimes : undefined
      const numbers = { ...(centimes !== undefined ? { price: centimes } : {}), ...(stock !== undefined ? { stock: Number(stock) } : {}) }
      if (row.variantId) {
        const sku = value('sku')
        if (Object.keys(numbers).length || sku !== undefined)
          await tx
            .update(productVariants)
            .set({ ...numbers, ...(sku !== undefined ? { sku: sku || null } : {}) })
            .where(and(eq(productVariants.id, row.variantId), eq(productVariants.productId, row.productId)))
      }
      const title = value('title')
      const description = value('description')
      const text = { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) }
      const productChanges = { ...(row.variantId ? {} : numbers), ...text }
      if (Object.keys(productChanges).length) {
        const status = current.get(row.productId)!
        await tx
          .update(products)
          .set({ ...productChanges, ...(Object.keys(text).length ? afterContentChange(status, now) : { updatedAt: now }) })
          .where(and(eq(products.id, row.productId), eq(products.shopId, shop.id)))
      }
    }
    return plan
  })
}
