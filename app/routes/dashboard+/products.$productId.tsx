import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert, SubmitButton } from '~/components/ui/form'
import { listingErrorMessage, notFoundOn, uploadRefusal } from '~/modules/listings/errors.server'
import {
  addListingPhotos,
  archiveListing,
  FoodInformationError,
  getShopListing,
  listCategoryOptions,
  moveListingPhoto,
  PhotoRequiredError,
  removeListingPhoto,
  restoreListing,
  updateListing,
} from '~/modules/listings/listings.server'
import { foodFormValues, MAX_PHOTOS, ProductSchema, toListingInput, translationFormValues } from '~/modules/listings/schemas'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { auditAssisted } from '~/modules/assistance/assistance.server'
import { getDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { centimesToDinars } from '~/utils/money'
import { createToastHeader } from '~/utils/toast.server'
import { ProductFields } from '~/components/product-fields'
import { StatusBadge } from '~/components/listing-status-badge'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  const db = await getDb()
  const listing = await getShopListing(db, getMediaStorage(), { shopId: shop.id, productId: params.productId! })
  if (!listing) throw new Response('Not found', { status: 404 })
  return {
    canEdit: shop.status === 'approved',
    categories: await listCategoryOptions(db, await getLanguage(request)),
    listing: {
      id: listing.id,
      slug: listing.slug,
      status: listing.status,
      reviewReasonCode: listing.reviewReasonCode,
      reviewReason: listing.reviewReason,
      images: listing.images.map(({ id, src, srcSet, width, height }) => ({ id, src, srcSet, width, height })),
      values: {
        title: listing.title,
        description: listing.description,
        categoryId: listing.categoryId,
        price: centimesToDinars(listing.price),
        stock: String(listing.stock),
        madeToOrderDays: String(listing.madeToOrderDays),
        capacityPerWeek: listing.capacityPerWeek === null ? '' : String(listing.capacityPerWeek),
        availableFrom: listing.availableFrom ?? '',
        availableUntil: listing.availableUntil ?? '',
        weightG: listing.weightG === null ? '' : String(listing.weightG),
        ...translationFormValues(listing),
        ...foodFormValues(listing),
      },
      title: listing.title,
    },
  }
}

type ActionResult = { intent: string; result?: SubmissionResult<string[]>; message: string | null }

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const { shop, assist } = await requireProducerShop(request)
  const productId = params.productId!
  const db = await getDb()
  const storage = getMediaStorage()
  const t = await i18nServer.getFixedT(request)
  // Another shop's product, or none: 404 before anything else is read from the request.
  if (!(await getShopListing(db, storage, { shopId: shop.id, productId }))) throw new Response('Not found', { status: 404 })
  // Every change ends here: a facilitator's is audited on the producer's behalf before the redirect.
  const back = async (key: string) => {
    await auditAssisted(db, assist, { what: key, targetType: 'product', targetId: productId })
    return redirect(`/dashboard/products/${productId}`, { headers: { 'Set-Cookie': await createToastHeader({ key, type: 'success' }) } })
  }

  if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    const upload = await parseMultipartWithFiles(request, { fileField: 'photos', maxFiles: MAX_PHOTOS })
    const refused = uploadRefusal(upload, t)
    if (refused) return { intent: 'photos', message: refused }
    if (upload.files.length === 0) return { intent: 'photos', message: t('listings.errors.photoRequired') }
    try {
      await addListingPhotos(db, storage, { shop, productId, photos: upload.files })
    } catch (error) {
      const refusal = listingErrorMessage(error, t)
      if (!refusal) notFoundOn(error)
      return { intent: 'photos', message: refusal.message }
    }
    throw await back('listings.toast.photosAdded')
  }

  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  const imageId = String(formData.get('imageId') ?? '')
  try {
    if (intent === 'details') {
      const submission = parseWithZod(formData, { schema: ProductSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply(), message: null }
      try {
        const { sentToReview } = await updateListing(db, { shop, productId, input: toListingInput(submission.value) })
        throw await back(sentToReview ? 'listings.toast.sentToReview' : 'listings.toast.saved')
      } catch (error) {
        if (error instanceof FoodInformationError) {
          return { intent, result: submission.reply({ fieldErrors: Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, [key]])) }), message: null }
        }
        const refusal = error instanceof Response ? null : listingErrorMessage(error, t)
        if (!refusal) throw error
        return {
          intent,
          result: submission.reply(refusal.field === 'categoryId' ? { fieldErrors: { categoryId: ['listings.errors.category'] } } : undefined),
          message: refusal.field === 'form' ? refusal.message : null,
        }
      }
    }
    if (intent === 'photo') {
      // One form per photo; the button pressed says what to do with it.
      const op = formData.get('op')
      if (op === 'remove') {
        await removeListingPhoto(db, storage, { shop, productId, imageId })
        throw await back('listings.toast.photoRemoved')
      }
      if (op !== 'earlier' && op !== 'later' && op !== 'cover') throw new Response('Bad request', { status: 400 })
      await moveListingPhoto(db, { shop, productId, imageId, to: op })
      throw await back('listings.toast.photoMoved')
    }
    if (intent === 'archive') {
      await archiveListing(db, { shop, productId })
      throw await back('listings.toast.archived')
    }
    if (intent === 'restore') {
      await restoreListing(db, { shop, productId })
      throw await back('listings.toast.restored')
    }
  } catch (error) {
    if (error instanceof Response) throw error
    if (error instanceof PhotoRequiredError) return { intent: 'photos', message: t('listings.errors.lastPhoto') }
    const refusal = listingErrorMessage(error, t)
    if (refusal) return { intent, message: refusal.message }
    notFoundOn(error)
  }
  throw new Response('Unknown intent', { status: 400 })
}

const smallButton = 'min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm font-medium hover:bg-stone-50 disabled:opacity-40'

export default function EditProductPage() {
  const { listing, categories, canEdit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const busy = navigation.state !== 'idle'
  const [form, fields] = useForm<Record<string, string | undefined>>({
    id: `product-${listing.id}`,
    lastResult: actionData?.intent === 'details' ? actionData.result : undefined,
    defaultValue: listing.values,
    shouldRevalidate: 'onBlur',
  })
  const photoMessage = actionData?.intent === 'photos' ? actionData.message : null
  const otherMessage = actionData && actionData.intent !== 'photos' ? actionData.message : null
  const count = listing.images.length
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to="/dashboard/products" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('listings.back')}
      </Link>
      <div className="flex flex-col gap-2">
        <h1 dir="auto" className="text-start text-2xl font-bold break-words">
          {listing.title}
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={listing.status} />
          {listing.status === 'active' ? (
            <Link to={`/p/${listing.slug}`} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
              {t('listings.viewPublic')}
            </Link>
          ) : null}
        </div>
        <p className="text-sm text-stone-600">{t(`listings.statusHelp.${listing.status}`)}</p>
      </div>
      {listing.status === 'rejected' ? (
        <section role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-4 text-red-900">
          <h2 className="font-semibold">{t('listings.rejectedTitle')}</h2>
          {listing.reviewReasonCode ? <p className="mt-1">{t(`listingReasons.${listing.reviewReasonCode}`, { defaultValue: t('reasons.other') })}</p> : null}
          {listing.reviewReason ? (
            <p className="mt-1 text-sm">
              <span className="font-medium">{t('listings.moderatorNote')}</span> <span dir="auto">{listing.reviewReason}</span>
            </p>
          ) : null}
        </section>
      ) : null}
      {canEdit ? null : <FormAlert tone="info" message={t('listings.suspended')} />}
      <FormAlert message={otherMessage} />
      <Link
        to={`/dashboard/products/${listing.id}/options`}
        className="inline-flex min-h-12 items-center justify-center rounded-full border border-brand-600 px-6 font-semibold text-brand-700 hover:bg-brand-50"
      >
        {t('variants.manage')}
      </Link>

      <section aria-labelledby="photos-heading" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="photos-heading" className="text-lg font-semibold">
            {t('listings.photosSection')}
          </h2>
          <span className="text-sm text-stone-600">{t('listings.photosCount', { count })}</span>
        </div>
        <ol className="flex flex-col gap-3">
          {listing.images.map((image, index) => (
            <li key={image.id} className="flex gap-3">
              <div className="relative size-24 shrink-0 overflow-hidden rounded-xl bg-stone-100">
                <img
                  src={image.src}
                  srcSet={image.srcSet}
                  sizes="96px"
                  width={96}
                  height={96}
                  alt={t('listings.photoAlt', { n: index + 1, title: listing.title })}
                  className="size-full object-cover"
                />
                {index === 0 ? (
                  <span className="absolute inset-x-0 bottom-0 bg-brand-700/90 py-0.5 text-center text-xs font-semibold text-white">{t('listings.cover')}</span>
                ) : null}
              </div>
              {canEdit ? (
                <Form method="post" preventScrollReset className="flex min-w-0 flex-1 flex-wrap content-start gap-2">
                  <input type="hidden" name="imageId" value={image.id} />
                  <input type="hidden" name="intent" value="photo" />
                  {index > 0 ? (
                    <button type="submit" name="op" value="cover" disabled={busy} className={smallButton}>
                      {t('listings.makeCover')}
                    </button>
                  ) : null}
                  <button type="submit" name="op" value="earlier" disabled={busy || index === 0} className={smallButton}>
                    {t('listings.moveEarlier')}
                  </button>
                  <button type="submit" name="op" value="later" disabled={busy || index === count - 1} className={smallButton}>
                    {t('listings.moveLater')}
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value="remove"
                    disabled={busy || count === 1}
                    className={`${smallButton} border-red-300 text-red-800 hover:bg-red-50`}
                  >
                    {t('listings.removePhoto')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        {canEdit && count < MAX_PHOTOS ? (
          <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2 border-t border-stone-200 pt-3">
            <label htmlFor="photos" className="text-sm font-medium">
              {t('listings.addPhotos')}
            </label>
            <input
              id="photos"
              name="photos"
              type="file"
              accept="image/*"
              multiple
              required
              aria-describedby="photos-error"
              className="min-h-12 w-full min-w-0 rounded-xl border border-dashed border-stone-400 bg-stone-50 p-2 text-sm file:me-3 file:min-h-10 file:rounded-full file:border-0 file:bg-brand-600 file:px-4 file:font-semibold file:text-white"
            />
            <SubmitButton pending={busy}>{t('listings.addPhotos')}</SubmitButton>
          </Form>
        ) : canEdit ? (
          <p className="text-sm text-stone-600">{t('listings.photosFull')}</p>
        ) : null}
        {photoMessage ? (
          <p id="photos-error" role="alert" className="text-sm text-red-700">
            {photoMessage}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="details-heading" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="details-heading" className="text-lg font-semibold">
          {t('listings.editTitle')}
        </h2>
        {listing.status === 'active' ? <FormAlert tone="info" message={t('listings.reviewWarning')} /> : null}
        <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="details" />
          <fieldset disabled={!canEdit} className="flex flex-col gap-4">
            <ProductFields fields={fields as never} categories={categories} />
          </fieldset>
          {canEdit ? <SubmitButton pending={busy}>{t('listings.saveChanges')}</SubmitButton> : null}
        </Form>
      </section>

      <section className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
        {listing.status === 'archived' ? (
          canEdit ? (
            <Form method="post" className="flex flex-col gap-2">
              <input type="hidden" name="intent" value="restore" />
              <p className="text-sm text-stone-600">{t('listings.restoreHelp')}</p>
              <SubmitButton pending={busy}>{t('listings.restore')}</SubmitButton>
            </Form>
          ) : null
        ) : (
          <Form method="post" className="flex flex-col gap-2">
            <input type="hidden" name="intent" value="archive" />
            <p className="text-sm text-stone-600">{t('listings.archiveHelp')}</p>
            <button type="submit" disabled={busy} className="min-h-12 rounded-full border border-stone-400 px-6 font-semibold text-stone-800 hover:bg-stone-50">
              {t('listings.archive')}
            </button>
          </Form>
        )}
      </section>
    </div>
  )
}
