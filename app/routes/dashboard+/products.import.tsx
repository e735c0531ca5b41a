import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { applyCatalogImport, CatalogImportError, MAX_IMPORT_BYTES, planCatalogImport, type ImportError, type ImportRowPlan } from '~/modules/listings/catalog-csv.server'
import { ShopCannotPublishError } from '~/modules/listings/listings.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { CsvEncodingError, decodeCsvBytes } from '~/utils/csv-parse'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// Import the catalog file: check (a preview of every change and every error, nothing written),
// then apply (all or nothing). Rules in ~/modules/listings/catalog-csv.server.ts (decision 026).
// Works without JavaScript: the preview carries the file's text to the apply form.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  return { canEdit: shop.status === 'approved' }
}

type ActionResult = { message: string | null; errors: { line: number; column: string | null; message: string }[]; rows: ImportRowPlan[]; changedRows: number; csv: string }

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const { shop } = await requireProducerShop(request)
  const t = await i18nServer.getFixedT(request)
  const form = await readForm(request)
  const intent = form.get('intent')
  const translate = (errors: ImportError[]) => errors.map((e) => ({ line: e.line, column: e.column, message: t(e.key, e.values ?? {}) }))
  // The summary above the list of errors ("3 errors: nothing was saved"), null when the file is good.
  const summary = (count: number) => (count ? t('catalogCsv.errorsTitle', { count }) : null)
  const fileError = (key: string): ActionResult => ({ message: summary(1), errors: [{ line: 0, column: null, message: t(key) }], rows: [], changedRows: 0, csv: '' })
  let csv: string
  if (intent === 'preview') {
    const file = form.get('file')
    if (!(file instanceof File) || file.size === 0) return fileError('catalogCsv.errors.noFile')
    if (file.size > MAX_IMPORT_BYTES) return fileError('catalogCsv.errors.tooLarge')
    try {
      csv = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()))
    } catch (error) {
      if (error instanceof CsvEncodingError) return fileError('catalogCsv.errors.encoding')
      throw error
    }
  } else if (intent === 'apply') {
    const text = form.get('csv')
    if (typeof text !== 'string' || !text) return fileError('catalogCsv.errors.noFile')
    csv = text
  } else throw new Response('Bad request', { status: 400 })

  const db = await getDb()
  if (intent === 'preview') {
    const plan = await planCatalogImport(db, shop.id, csv)
    return { message: summary(plan.errors.length), errors: translate(plan.errors), rows: plan.rows.filter((r) => r.changes.length), changedRows: plan.changedRows, csv: plan.errors.length ? '' : csv }
  }
  try {
    await applyCatalogImport(db, { shop, csv })
    return redirect('/dashboard/products', {
      headers: { 'Set-Cookie': await createToastHeader({ key: 'catalogCsv.applied', type: 'success' }) },
    })
  } catch (error) {
    if (error instanceof CatalogImportError) return { message: summary(error.errors.length), errors: translate(error.errors), rows: [], changedRows: 0, csv: '' }
    // A shop not (or no longer) approved changes nothing; its page shows no form, a forged post gets this.
    if (error instanceof ShopCannotPublishError) return { message: t('listings.errors.cannotPublish'), errors: [], rows: [], changedRows: 0, csv: '' }
    throw error
  }
}

export default function CatalogImportPage() {
  const { canEdit } = useLoaderData<typeof loader>()
  // The redirect after applying never reaches the page: what comes back is a preview or errors.
  const data = useActionData<typeof action>() as ActionResult | undefined
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <Link to="/dashboard/products" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('listings.title')}
      </Link>
      <h1 className="text-xl font-bold">{t('catalogCsv.title')}</h1>
      <p className="text-stone-600">{t('catalogCsv.intro')}</p>
      <a href="/dashboard/products.csv" download className="inline-flex min-h-11 items-center justify-center self-start rounded-full border border-brand-600 px-5 font-semibold text-brand-700">
        {t('catalogCsv.export')}
      </a>
      {canEdit ? (
        <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
          <input type="hidden" name="intent" value="preview" />
          <label htmlFor="file" className="font-medium">
            {t('catalogCsv.file')}
          </label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required className="min-h-11 text-base" />
          <button type="submit" disabled={busy} className="inline-flex min-h-11 items-center justify-center self-start rounded-full bg-brand-600 px-6 font-semibold text-white">
            {t('catalogCsv.preview')}
          </button>
        </Form>
      ) : null}
      {data && data.errors.length > 0 ? (
        <section role="alert" aria-labelledby="import-errors" className="rounded-2xl border border-red-300 bg-red-50 p-4">
          <h2 id="import-errors" className="font-bold text-red-900">
            {data.message}
          </h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm text-red-900" data-testid="import-errors">
            {data.errors.map((e, i) => (
              <li key={i}>
                {e.line > 0 ? <strong>{t('catalogCsv.line', { line: e.line })}</strong> : null}
                {e.column ? <span className="ms-1">({t('catalogCsv.column', { column: e.column })})</span> : null}
                <span className="ms-1">{e.message}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && data.errors.length === 0 ? (
        <section aria-labelledby="import-changes" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
          <h2 id="import-changes" className="font-bold">
            {t('catalogCsv.changesTitle')}
          </h2>
          {data.changedRows === 0 ? <p>{t('catalogCsv.noChange')}</p> : null}
          <ul className="flex flex-col gap-2" data-testid="import-changes">
            {data.rows.map((row) => (
              <li key={row.line} className="rounded-xl border border-stone-200 p-2 text-sm">
                <p className="font-semibold">
                  {t('catalogCsv.line', { line: row.line })} · <bdi>{row.title}</bdi>
                  {row.label ? (
                    <>
                      {' '}
                      · <bdi>{row.label}</bdi>
                    </>
                  ) : null}
                  {row.toReview ? <span className="ms-2 rounded-full bg-amber-100 px-2 text-xs text-amber-900">{t('catalogCsv.toReview')}</span> : null}
                </p>
                <ul>
                  {row.changes.map((c) => (
                    <li key={c.field}>
                      {t(`catalogCsv.fields.${c.field}`)}: <bdi className="line-through">{c.from}</bdi> → <bdi>{c.to}</bdi>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {data.changedRows > 0 && canEdit ? (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="apply" />
              <textarea name="csv" defaultValue={data.csv} hidden readOnly />
              <button type="submit" disabled={busy} className="inline-flex min-h-11 items-center justify-center rounded-full bg-brand-600 px-6 font-semibold text-white">
                {t('catalogCsv.apply', { count: data.changedRows })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
