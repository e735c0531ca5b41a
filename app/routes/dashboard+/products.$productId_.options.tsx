import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert, SubmitButton } from '~/components/ui/form'
import { listingErrorMessage, notFoundOn } from '~/modules/listings/errors.server'
import { getShopListing } from '~/modules/listings/listings.server'
import { GridSchema, MAX_OPTION_NAME, MAX_SKU, OptionsSchema } from '~/modules/listings/variant-schemas'
import { DuplicateSkuError, listVariants, saveVariantGrid, setListingOptions, variantLabel } from '~/modules/listings/variants.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { centimesToDinars } from '~/utils/money'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

// A product's options and the grid of its combinations: two plain forms (no JavaScript needed), one
// row per combination on the phone. Rules in ~/modules/listings/variants.server.ts.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const db = await getDb()
  const listing = await getShopListing(db, getMediaStorage(), { shopId: shop.id, productId: params.productId! })
  if (!listing) throw new Response('Not found', { status: 404 })
  const variants = await listVariants(db, listing.id)
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))]
  return {
    canEdit: shop.status === 'approved',
    listing: { id: listing.id, title: listing.title, status: listing.status, images: listing.images.map(({ id, src }) => ({ id, src })) },
    options: {
      option1Name: listing.option1Name ?? '',
      option1Values: distinct(variants.map((v) => v.option1)).join(', '),
      option2Name: listing.option2Name ?? '',
      option2Values: distinct(variants.map((v) => v.option2)).join(', '),
    },
    rows: variants.map((v) => ({
      id: v.id,
      label: variantLabel(v),
      price: centimesToDinars(v.price),
      stock: v.stock,
      sku: v.sku ?? '',
      imageId: v.imageId ?? '',
    })),
  }
}

type ActionResult = { intent: 'options' | 'grid'; errors: string[] }

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const { shop } = await requireProducerShop(request)
  const productId = params.productId!
  const db = await getDb()
  const t = await i18nServer.getFixedT(request)
  if (!(await getShopListing(db, getMediaStorage(), { shopId: shop.id, productId }))) throw new Response('Not found', { status: 404 })
  const formData = await readForm(request)
  const back = async (key: string) =>
    redirect(`/dashboard/products/${productId}/options`, { headers: { 'Set-Cookie': await createToastHeader({ key, type: 'success' }) } })
  const messages = (error: Record<string, string[] | null | undefined> | null | undefined) =>
    Object.entries(error ?? {}).flatMap(([path, list]) => {
      const row = /^rows\[(\d+)\]/.exec(path)
      return (list ?? []).map((key) => {
        const message = t(key, { defaultValue: t('validation.invalid') })
        return row ? t('variants.errors.row', { row: Number(row[1]) + 1, message }) : message
      })
    })
  try {
    if (formData.get('intent') === 'options') {
      const submission = parseWithZod(formData, { schema: OptionsSchema })
      if (submission.status !== 'success') return { intent: 'options', errors: messages(submission.error) }
      const { intent: _, ...options } = submission.value
      const { sentToReview } = await setListingOptions(db, { shop, productId, options })
      throw await back(sentToReview ? 'variants.toast.optionsToReview' : 'variants.toast.optionsSaved')
    }
    if (formData.get('intent') === 'grid') {
      const submission = parseWithZod(formData, { schema: GridSchema })
      if (submission.status !== 'success') return { intent: 'grid', errors: messages(submission.error) }
      await saveVariantGrid(db, { shop, productId, rows: submission.value.rows })
      throw await back('variants.toast.gridSaved')
    }
  } catch (error) {
    if (error instanceof Response) throw error
    if (error instanceof DuplicateSkuError) return { intent: 'grid', errors: [t('variants.errors.duplicateSku', { sku: error.sku })] }
    const refusal = listingErrorMessage(error, t)
    if (refusal) return { intent: formData.get('intent') === 'grid' ? 'grid' : 'options', errors: [refusal.message] }
    notFoundOn(error)
  }
  throw new Response('Unknown intent', { status: 400 })
}

const input = 'min-h-12 w-full min-w-0 rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function ProductOptionsPage() {
  const { listing, options, rows, canEdit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const busy = navigation.state !== 'idle'
  const errorsOf = (intent: ActionResult['intent']) => (actionData?.intent === intent ? actionData.errors : [])
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to={`/dashboard/products/${listing.id}`} className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline" dir="auto">
        {listing.title}
      </Link>
      <h1 className="text-2xl font-bold">{t('variants.manage')}</h1>
      <p className="text-sm text-stone-600">{t('variants.help')}</p>
      {canEdit ? null : <FormAlert tone="info" message={t('listings.suspended')} />}

      <Form method="post" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="options-heading">
        <h2 id="options-heading" className="text-lg font-semibold">
          {t('variants.title')}
        </h2>
        <p className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">{t('variants.reviewWarning')}</p>
        {errorsOf('options').map((message) => (
          <FormAlert key={message} message={message} />
        ))}
        <input type="hidden" name="intent" value="options" />
        {([1, 2] as const).map((n) => (
          <fieldset key={n} className="flex flex-col gap-2">
            <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
              {t(`variants.option${n}Name`)}
              <input name={`option${n}Name`} defaultValue={options[`option${n}Name`]} maxLength={MAX_OPTION_NAME} dir="auto" autoComplete="off" className={input} />
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
              {t('variants.values')}
              <input
                name={`option${n}Values`}
                defaultValue={options[`option${n}Values`]}
                dir="auto"
                autoComplete="off"
                placeholder={t('variants.valuesHint')}
                className={input}
              />
            </label>
          </fieldset>
        ))}
        <SubmitButton pending={busy || !canEdit}>
          {t('variants.saveOptions')}
        </SubmitButton>
      </Form>

      <section aria-labelledby="grid-heading" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="grid-heading" className="text-lg font-semibold">
          {t('variants.grid')}
        </h2>
        {rows.length === 0 ? (
          <p className="text-sm text-stone-600">{t('variants.none')}</p>
        ) : (
          <Form method="post" className="flex flex-col gap-3">
            <p className="text-sm text-stone-600">{t('variants.gridHelp')}</p>
            {errorsOf('grid').map((message) => (
              <FormAlert key={message} message={message} />
            ))}
            <input type="hidden" name="intent" value="grid" />
            <ul className="flex flex-col divide-y divide-stone-100">
              {rows.map((row, i) => (
                <li key={row.id} className="flex flex-col gap-2 py-3" data-testid="variant-row">
                  <input type="hidden" name={`rows[${i}].id`} value={row.id} />
                  <p className="font-semibold" dir="auto">
                    {row.label}
                  </p>
                  <div className="grid grid-cols-2 gap-2">
                    <label className="flex min-w-0 flex-col gap-1 text-sm">
                      {t('variants.price')}
                      <input
                        name={`rows[${i}].price`}
                        defaultValue={row.price}
                        inputMode="decimal"
                        dir="ltr"
                        autoComplete="off"
                        aria-label={`${t('variants.price')} — ${row.label}`}
                        className={input}
                      />
                    </label>
                    <label className="flex min-w-0 flex-col gap-1 text-sm">
                      {t('variants.stock')}
                      <input
                        name={`rows[${i}].stock`}
                        defaultValue={row.stock}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        aria-label={`${t('variants.stock')} — ${row.label}`}
                        className={input}
                      />
                    </label>
                    <label className="flex min-w-0 flex-col gap-1 text-sm">
                      {t('variants.sku')}
                      <input name={`rows[${i}].sku`} defaultValue={row.sku} maxLength={MAX_SKU} dir="ltr" autoComplete="off" className={input} />
                    </label>
                    <label className="flex min-w-0 flex-col gap-1 text-sm">
                      {t('variants.photo')}
                      <select name={`rows[${i}].imageId`} defaultValue={row.imageId} className={input}>
                        <option value="">{t('variants.noPhoto')}</option>
                        {listing.images.map((image, n) => (
                          <option key={image.id} value={image.id}>
                            {t('variants.photoN', { n: n + 1 })}
                          </option>
                        ))}
                      </select>
                    </label>
                  </div>
                </li>
              ))}
            </ul>
            <SubmitButton pending={busy || !canEdit}>
              {t('variants.saveGrid')}
            </SubmitButton>
          </Form>
        )}
      </section>
    </div>
  )
}
