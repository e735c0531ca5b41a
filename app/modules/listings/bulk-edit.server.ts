import { and, asc, count, eq, inArray, ne } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { products, productVariants } from '#db/schema'
import { centimesToDinars } from '~/utils/money'
import { MAX_IMPORT_ROWS, type CatalogRowInput, type ImportError } from './catalog-csv.server'
import { variantLabel } from './variants.server'

// The price/stock table on the phone (`/dashboard/products/bulk`, decision 026): one row per
// product, or per combination for a product with options, 100 products a page. Saving turns the
// rows the producer changed into the catalog import's row shape and applies them with the import's
// own check and transaction (applyCatalogRows): the same locks, rules and translated errors.

export const BULK_PAGE_SIZE = 100

export type BulkRow = { productId: string; variantId: string | null; title: string; label: string | null; price: string; stock: string }

/** One page of the shop's products (archived ones left out), expanded to their combinations. */
export async function listBulkRows(db: DbOrTx, shopId: string, page: number) {
  const where = and(eq(products.shopId, shopId), ne(products.status, 'archived'))
  const [{ total }] = (await db.select({ total: count() }).from(products).where(where)) as [{ total: number }]
  const pages = Math.max(1, Math.ceil(total / BULK_PAGE_SIZE))
  // A page number from the URL may be anything (2.5, -1, 1e309): a whole page within range.
  const current = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages)
  const productRows = await db
    .select()
    .from(products)
    .where(where)
    .orderBy(asc(products.title), asc(products.id))
    .limit(BULK_PAGE_SIZE)
    .offset((current - 1) * BULK_PAGE_SIZE)
  const ids = productRows.map((p) => p.id)
  const variantRows = ids.length
    ? await db.select().from(productVariants).where(inArray(productVariants.productId, ids)).orderBy(asc(productVariants.productId), asc(productVariants.position), asc(productVariants.id))
    : []
  const rows = productRows.flatMap<BulkRow>((p) => {
    const variants = p.option1Name ? variantRows.filter((v) => v.productId === p.id) : []
    if (!variants.length) return [{ productId: p.id, variantId: null, title: p.title, label: null, price: centimesToDinars(p.price), stock: String(p.stock) }]
    return variants.map((v) => ({ productId: p.id, variantId: v.id, title: p.title, label: variantLabel(v), price: centimesToDinars(v.price), stock: String(v.stock) }))
  })
  return { rows, page: current, pages }
}

/**
 * The submitted table: every row as typed (to show again on an error), and the rows whose price or
 * stock differ from what the page showed (`price0`, `stock0`) in the import's shape. Only those
 * are checked and written, so a sale between loading and saving is not undone on an untouched row.
 * `line` is the row's position in the form (1-based). Null when the form is not the table's.
 */
export function readBulkForm(form: FormData) {
  const text = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : null))
  const productIds = text('productId')
  const variantIds = text('variantId')
  const prices = text('price')
  const stocks = text('stock')
  const prices0 = text('price0')
  const stocks0 = text('stock0')
  const n = productIds.length
  if (!n || n > MAX_IMPORT_ROWS || [variantIds, prices, stocks].some((list) => list.length !== n)) return null
  if ([productIds, variantIds, prices, stocks].some((list) => list.some((v) => v === null || v.length > 200))) return null
  const typed = productIds.map((productId, i) => ({ productId: productId!, variantId: variantIds[i] || null, price: prices[i]!, stock: stocks[i]! }))
  const changed: CatalogRowInput[] = []
  typed.forEach((row, i) => {
    const same = prices0[i] === row.price && stocks0[i] === row.stock
    if (!same) changed.push({ line: i + 1, productId: row.productId, variantId: row.variantId, price: row.price, stock: row.stock })
  })
  return { typed, changed }
}

/** The errors by row (form position), each a locale key and its values. */
export function errorsByRow(errors: ImportError[]) {
  const byRow: Record<number, ImportError[]> = {}
  for (const e of errors) (byRow[e.line] ??= []).push(e)
  return byRow
}
