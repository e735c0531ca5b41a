import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert } from '~/components/ui/form'
import { StockBadge } from '~/components/stock-badge'
import { listShopListings, ShopCannotPublishError, updateListingPrice, updateListingStock } from '~/modules/listings/listings.server'
import { PriceSchema, StockSchema } from '~/modules/listings/schemas'
import { notFoundOn } from '~/modules/listings/errors.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { auditAssisted } from '~/modules/assistance/assistance.server'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { i18nServer } from '~/utils/i18n.server'
import { centimesToDinars, formatDzd } from '~/utils/money'
import { createToastHeader } from '~/utils/toast.server'
import { useLanguage } from '~/utils/use-language'
import { StatusBadge } from '~/components/listing-status-badge'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const listings = await listShopListings(await getDb(), getMediaStorage(), shop.id)
  return { shop: { status: shop.status, slug: shop.slug }, listings }
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, assist } = await requireProducerShop(request)
  const db = await getDb()
  const t = await i18nServer.getFixedT(request)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const productId = String(formData.get('productId') ?? '')
  const submission = parseWithZod(formData, { schema: intent === 'price' ? PriceSchema : StockSchema })
  if (submission.status !== 'success') {
    return { productId, intent: String(intent), message: firstErrorMessage(t, submission.error, [intent === 'price' ? 'price' : 'stock']) }
  }
  try {
    const value = submission.value
    if (value.intent === 'price') await updateListingPrice(db, { shop, productId: value.productId, price: value.price })
    else await updateListingStock(db, { shop, productId: value.productId, stock: value.stock })
    await auditAssisted(db, assist, { what: value.intent === 'price' ? 'listings.toast.priceSaved' : 'listings.toast.stockSaved', targetType: 'product', targetId: value.productId })
  } catch (error) {
    if (error instanceof ShopCannotPublishError) return { productId, intent: String(intent), message: t('listings.errors.cannotPublish') }
    notFoundOn(error)
  }
  const toast = await createToastHeader({ key: intent === 'price' ? 'listings.toast.priceSaved' : 'listings.toast.stockSaved', type: 'success' })
  // Back to the same row: the list is long on a phone and the producer is working down it.
  return redirect(`/dashboard/products#p-${productId}`, { headers: { 'Set-Cookie': toast } })
}

const quickInput = 'min-h-11 w-full min-w-0 rounded-lg border border-stone-300 bg-white px-2 text-base tabular-nums aria-[invalid]:border-red-600'
const quickButton = 'min-h-11 shrink-0 rounded-lg bg-brand-600 px-3 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60'

export default function ProductsPage() {
  const { shop, listings } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const language = useLanguage()
  const { t } = useTranslation()
  const canEdit = shop.status === 'approved'
  const busy = navigation.state !== 'idle'
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t('listings.title')}</h1>
        {canEdit ? (
          <Link
            to="/dashboard/products/new"
            className="inline-flex min-h-12 items-center rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700"
          >
            {t('listings.add')}
          </Link>
        ) : null}
      </div>
      <Link to="/dashboard/products/import" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('catalogCsv.link')}
      </Link>
      <Link to="/dashboard/products/bulk" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('bulkEdit.link')}
      </Link>
      {canEdit ? null : <FormAlert tone="info" message={t('listings.suspended')} />}
      {listings.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-stone-300 bg-white p-6 text-center text-stone-600">{t('listings.empty')}</p>
      ) : null}
      <ul className="flex flex-col gap-3">
        {listings.map((listing) => {
          const error = actionData && 'productId' in actionData && actionData.productId === listing.id ? actionData : null
          return (
            <li key={listing.id} id={`p-${listing.id}`} className="scroll-mt-20 rounded-2xl border border-stone-200 bg-white p-3">
              <div className="flex gap-3">
                <div className="size-20 shrink-0 overflow-hidden rounded-xl bg-stone-100">
                  {listing.cover ? (
                    <img
                      src={listing.cover.src}
                      srcSet={listing.cover.srcSet}
                      sizes="80px"
                      alt=""
                      width={80}
                      height={80}
                      loading="lazy"
                      decoding="async"
                      className="size-full object-cover"
                    />
                  ) : null}
                </div>
                <div className="flex min-w-0 flex-1 flex-col gap-1.5">
                  <h2 dir="auto" className="line-clamp-2 text-start font-semibold leading-snug">
                    <Link to={`/dashboard/products/${listing.id}`} className="inline-flex min-h-11 min-w-11 items-center justify-center underline-offset-2 hover:underline">
                      {listing.title}
                    </Link>
                  </h2>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <StatusBadge status={listing.status} />
                    {listing.stockStatus !== 'inStock' ? (
                      <StockBadge stock={listing.stock} className={listing.stockStatus === 'outOfStock' ? '!bg-red-100 !text-red-800' : ''} />
                    ) : null}
                  </div>
                  {listing.status === 'rejected' && listing.reviewReasonCode ? (
                    <p className="text-sm text-red-800">{t('notices.reason', { reason: t(`listingReasons.${listing.reviewReasonCode}`) })}</p>
                  ) : null}
                  <p className="text-sm font-bold text-brand-700">{formatDzd(listing.price, language)}</p>
                </div>
              </div>
              {canEdit && listing.hasOptions ? (
                // Priced and stocked per combination: the grid, not the one-tap fields.
                <Link
                  to={`/dashboard/products/${listing.id}/options`}
                  className="mt-3 inline-flex min-h-11 items-center justify-center rounded-lg border border-stone-300 bg-white px-3 text-sm font-medium hover:bg-stone-50"
                >
                  {t('variants.hasOptions')}
                </Link>
              ) : canEdit ? (
                <div className="mt-3 grid grid-cols-2 gap-2">
                  <Form method="post" preventScrollReset className="flex flex-col gap-1">
                    <input type="hidden" name="intent" value="price" />
                    <input type="hidden" name="productId" value={listing.id} />
                    <label htmlFor={`price-${listing.id}`} className="text-xs font-medium text-stone-600">
                      {t('listings.quickPrice')}
                    </label>
                    <div className="flex gap-1">
                      <input
                        id={`price-${listing.id}`}
                        name="price"
                        type="text"
                        inputMode="decimal"
                        dir="ltr"
                        autoComplete="off"
                        required
                        defaultValue={centimesToDinars(listing.price)}
                        aria-label={t('listings.priceOf', { title: listing.title })}
                        aria-invalid={error?.intent === 'price' || undefined}
                        className={quickInput}
                      />
                      <button type="submit" disabled={busy} aria-label={t('listings.savePriceOf', { title: listing.title })} className={quickButton}>
                        {t('listings.save')}
                      </button>
                    </div>
                  </Form>
                  <Form method="post" preventScrollReset className="flex flex-col gap-1">
                    <input type="hidden" name="intent" value="stock" />
                    <input type="hidden" name="productId" value={listing.id} />
                    <label htmlFor={`stock-${listing.id}`} className="text-xs font-medium text-stone-600">
                      {t('listings.quickStock')}
                    </label>
                    <div className="flex gap-1">
                      <input
                        id={`stock-${listing.id}`}
                        name="stock"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        step={1}
                        required
                        defaultValue={listing.stock}
                        aria-label={t('listings.stockOf', { title: listing.title })}
                        aria-invalid={error?.intent === 'stock' || undefined}
                        className={quickInput}
                      />
                      <button type="submit" disabled={busy} aria-label={t('listings.saveStockOf', { title: listing.title })} className={quickButton}>
                        {t('listings.save')}
                      </button>
                    </div>
                  </Form>
                  {error ? (
                    <p role="alert" className="col-span-2 text-sm text-red-700">
                      {error.message}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
