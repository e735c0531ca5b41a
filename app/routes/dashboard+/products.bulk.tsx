import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { applyCatalogRows, CatalogImportError, type ImportError } from '~/modules/listings/catalog-csv.server'
import { errorsByRow, listBulkRows, readBulkForm } from '~/modules/listings/bulk-edit.server'
import { ShopCannotPublishError } from '~/modules/listings/listings.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// Price and stock of many rows at once, on the phone (issue 20, decision 026). A plain POST form:
// works without JavaScript. Saving reuses the catalog import's check and transaction.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

/** A row's key in the action's answer (product id / combination id). */
const rowKey = (row: { productId: string; variantId: string | null }) => `${row.productId}/${row.variantId ?? ''}`

const pageOf = (request: Request) => Number(new URL(request.url).searchParams.get('page')) || 1

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const db = await getDb()
  return { canEdit: shop.status === 'approved', ...(await listBulkRows(db, shop.id, pageOf(request))) }
}

type ActionResult = { message: string; errors: Record<string, string[]>; values: Record<string, { price: string; stock: string }> }

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const { shop } = await requireProducerShop(request)
  const t = await i18nServer.getFixedT(request)
  const submitted = readBulkForm(await readForm(request))
  if (!submitted) throw new Response('Bad request', { status: 400 })
  const page = pageOf(request)
  const back = `/dashboard/products/bulk${page > 1 ? `?page=${page}` : ''}`
  if (!submitted.changed.length) return redirect(back, { headers: { 'Set-Cookie': await createToastHeader({ key: 'bulkEdit.noChange', type: 'success' }) } })
  try {
    await applyCatalogRows(await getDb(), { shop, rows: submitted.changed })
    return redirect(back, { headers: { 'Set-Cookie': await createToastHeader({ key: 'bulkEdit.saved', type: 'success' }) } })
  } catch (error) {
    // A shop not (or no longer) approved changes nothing; its page shows no form, a forged post gets this.
    if (error instanceof ShopCannotPublishError) return { message: t('listings.errors.cannotPublish'), errors: {}, values: {} }
    if (!(error instanceof CatalogImportError)) throw error
    const byRow = errorsByRow(error.errors)
    const errors: Record<string, string[]> = {}
    const translate = (e: ImportError) => t(e.key, e.values ?? {})
    submitted.changed.forEach((row) => {
      const list = byRow[row.line]
      if (list) errors[rowKey(row)] = list.map(translate)
    })
    // An error on no row of the form (never expected): shown in the summary.
    const other = error.errors.filter((e) => !submitted.changed.some((r) => r.line === e.line)).map(translate)
    const values = Object.fromEntries(submitted.typed.map((row) => [rowKey(row), { price: row.price, stock: row.stock }]))
    return { message: [t('bulkEdit.errors', { count: error.errors.length }), ...other].join(' '), errors, values }
  }
}

export default function BulkEditPage() {
  const { canEdit, rows, page, pages } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as ActionResult | undefined
  const busy = useNavigation().state !== 'idle'
  const { t } = useTranslation()
  // A field brought into view (Tab, or the phone scrolling to the focused field) stops above the
  // sticky save button (3 rem high, 0.5 rem from the bottom) and, when it comes from out of view,
  // below the sticky site header (about 7.5 rem on a phone), not under either.
  const input = 'min-h-11 w-full rounded-lg border border-stone-300 px-2 text-base [scroll-margin-block-end:5rem] [scroll-margin-block-start:9rem]'
  return (
    <div className="flex flex-col gap-4">
      <Link to="/dashboard/products" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('listings.title')}
      </Link>
      <h1 className="text-xl font-bold">{t('bulkEdit.title')}</h1>
      <p className="text-stone-600">{t('bulkEdit.intro')}</p>
      {data ? (
        <p role="alert" className="rounded-2xl border border-red-300 bg-red-50 p-3 font-semibold text-red-900">
          {data.message}
        </p>
      ) : null}
      {rows.length === 0 ? <p>{t('listings.empty')}</p> : null}
      {rows.length > 0 ? (
        <Form method="post" action={`/dashboard/products/bulk${page > 1 ? `?page=${page}` : ''}`} className="flex flex-col gap-3">
          <ul className="flex flex-col gap-2" data-testid="bulk-rows">
            {rows.map((row, i) => {
              const key = rowKey(row)
              const typed = data?.values[key]
              const errors = data?.errors[key]
              const id = `row-${i}`
              return (
                <li key={key} className={`rounded-xl border bg-white p-2 ${errors ? 'border-red-400' : 'border-stone-200'}`} data-testid="bulk-row">
                  <p id={`${id}-name`} className="font-semibold">
                    <bdi>{row.title}</bdi>
                    {row.label ? (
                      <>
                        {' · '}
                        <bdi>{row.label}</bdi>
                      </>
                    ) : null}
                  </p>
                  <input type="hidden" name="productId" value={row.productId} />
                  <input type="hidden" name="variantId" value={row.variantId ?? ''} />
                  <input type="hidden" name="price0" value={row.price} />
                  <input type="hidden" name="stock0" value={row.stock} />
                  <div className="mt-1 grid grid-cols-2 gap-2">
                    <label className="flex flex-col text-sm">
                      {t('bulkEdit.price')}
                      <input
                        name="price"
                        inputMode="decimal"
                        dir="ltr"
                        defaultValue={typed?.price ?? row.price}
                        disabled={!canEdit}
                        aria-invalid={errors ? true : undefined}
                        aria-describedby={errors ? `${id}-errors` : `${id}-name`}
                        className={`${input} text-end`}
                      />
                    </label>
                    <label className="flex flex-col text-sm">
                      {t('bulkEdit.stock')}
                      <input
                        name="stock"
                        inputMode="numeric"
                        dir="ltr"
                        defaultValue={typed?.stock ?? row.stock}
                        disabled={!canEdit}
                        aria-invalid={errors ? true : undefined}
                        aria-describedby={errors ? `${id}-errors` : `${id}-name`}
                        className={`${input} text-end`}
                      />
                    </label>
                  </div>
                  {errors ? (
                    <ul id={`${id}-errors`} className="mt-1 text-sm text-red-800" data-testid="bulk-row-errors">
                      {errors.map((message) => (
                        <li key={message}>{message}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              )
            })}
          </ul>
          {canEdit ? (
            <button type="submit" disabled={busy} className="sticky bottom-2 inline-flex min-h-12 items-center justify-center rounded-full bg-brand-600 px-6 font-semibold text-white">
              {t('bulkEdit.save')}
            </button>
          ) : null}
        </Form>
      ) : null}
      {pages > 1 ? (
        <nav className="flex items-center gap-3" aria-label={t('bulkEdit.pages')}>
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} className="inline-flex min-h-11 items-center px-2 underline">
              {t('bulkEdit.previous')}
            </Link>
          ) : null}
          <span>{t('bulkEdit.pageOf', { page, pages })}</span>
          {page < pages ? (
            <Link to={`?page=${page + 1}`} className="inline-flex min-h-11 items-center px-2 underline">
              {t('bulkEdit.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  )
}
