import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert, SubmitButton } from '~/components/ui/form'
import { listingErrorMessage, uploadRefusal } from '~/modules/listings/errors.server'
import { createListing, FoodInformationError, listCategoryOptions } from '~/modules/listings/listings.server'
import { MAX_PHOTOS, ProductSchema, toListingInput } from '~/modules/listings/schemas'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { ProductFields } from '~/components/product-fields'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

// Only an approved shop adds products; a suspended one is sent to its list, where a notice explains why.
const requirePublishingShop = (request: Request) => requireProducerShop(request, { statuses: ['approved'], otherwise: '/dashboard/products' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePublishingShop(request)
  return { categories: await listCategoryOptions(await getDb(), await getLanguage(request)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requirePublishingShop(request)
  const t = await i18nServer.getFixedT(request)
  const upload = await parseMultipartWithFiles(request, { fileField: 'photos', maxFiles: MAX_PHOTOS })
  const submission = parseWithZod(upload.formData, { schema: ProductSchema })
  const refused = uploadRefusal(upload, t)
  if (submission.status !== 'success' || refused) {
    return { result: submission.reply(), photoError: refused, formError: null }
  }
  try {
    await createListing(await getDb(), getMediaStorage(), { shop, input: toListingInput(submission.value), photos: upload.files })
  } catch (error) {
    if (error instanceof FoodInformationError) {
      return { result: submission.reply({ fieldErrors: Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, [key]])) }), photoError: null, formError: null }
    }
    const refusal = listingErrorMessage(error, t)
    if (!refusal) throw error
    return {
      result: submission.reply(refusal.field === 'categoryId' ? { fieldErrors: { categoryId: ['listings.errors.category'] } } : undefined),
      photoError: refusal.field === 'photos' ? refusal.message : null,
      formError: refusal.field === 'form' ? refusal.message : null,
    }
  }
  throw redirect('/dashboard/products', { headers: { 'Set-Cookie': await createToastHeader({ key: 'listings.toast.created', type: 'success' }) } })
}

export default function NewProductPage() {
  const { categories } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm<Record<string, string | undefined>>({
    id: 'new-product',
    lastResult: actionData?.result,
    defaultValue: { madeToOrderDays: '0' },
    shouldRevalidate: 'onBlur',
  })
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to="/dashboard/products" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('listings.back')}
      </Link>
      <h1 className="text-2xl font-bold">{t('listings.newTitle')}</h1>
      <p className="text-sm text-stone-600">{t('listings.newHelp')}</p>
      <FormAlert message={actionData?.formError} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="photos" className="text-sm font-medium text-stone-800">{t('listings.fields.photos')}</label>
          <input
            id="photos"
            name="photos"
            type="file"
            accept="image/*"
            multiple
            required
            aria-describedby="photos-hint photos-error"
            aria-invalid={actionData?.photoError ? true : undefined}
            className="min-h-12 w-full min-w-0 rounded-xl border border-dashed border-stone-400 bg-stone-50 p-2 text-sm file:me-3 file:min-h-10 file:rounded-full file:border-0 file:bg-brand-600 file:px-4 file:font-semibold file:text-white"
          />
          <p id="photos-hint" className="text-xs text-stone-500">{t('listings.fields.photosHint')}</p>
          {actionData?.photoError ? <p id="photos-error" role="alert" className="text-sm text-red-700">{actionData.photoError}</p> : null}
        </div>
        <ProductFields fields={fields as never} categories={categories} />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('listings.submitNew')}</SubmitButton>
      </Form>
    </div>
  )
}
