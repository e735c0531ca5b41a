import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useCallback, useRef } from 'react'
import { useTranslation } from '~/utils/translate'
import { PhotoUploader, type PhotoUploaderHandle } from '~/components/photo-uploader/photo-uploader'
import { FormAlert, SubmitButton } from '~/components/ui/form'
import { listingErrorMessage, uploadRefusal } from '~/modules/listings/errors.server'
import { createListing, FoodInformationError, listCategoryOptions } from '~/modules/listings/listings.server'
import { MAX_PHOTOS, ProductSchema, toListingInput } from '~/modules/listings/schemas'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { auditAssisted } from '~/modules/assistance/assistance.server'
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
  const { shop, assist } = await requirePublishingShop(request)
  const t = await i18nServer.getFixedT(request)
  const upload = await parseMultipartWithFiles(request, { fileField: 'photos', maxFiles: MAX_PHOTOS })
  const submission = parseWithZod(upload.formData, { schema: ProductSchema })
  const refused = uploadRefusal(upload, t)
  // Photos the form uploaded one by one (with JavaScript): their ids, in the order chosen.
  const uploadIds = upload.formData.getAll('photoIds').map(String).filter((id) => /^[a-z0-9]{1,40}$/.test(id)).slice(0, MAX_PHOTOS)
  if (submission.status !== 'success' || refused) {
    return { result: submission.reply(), photoError: refused, formError: null }
  }
  try {
    const product = await createListing(await getDb(), getMediaStorage(), { shop, input: toListingInput(submission.value), photos: upload.files, uploadIds })
    await auditAssisted(await getDb(), assist, { what: 'listings.toast.created', targetType: 'product', targetId: product.id, details: { productTitle: product.title } })
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
  const formProps = getFormProps(form)
  const uploader = useRef<PhotoUploaderHandle | null>(null)
  const onUploaderReady = useCallback((handle: PhotoUploaderHandle) => {
    uploader.current = handle
  }, [])
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to="/dashboard/products" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('listings.back')}
      </Link>
      <h1 className="text-2xl font-bold">{t('listings.newTitle')}</h1>
      <p className="text-sm text-stone-600">{t('listings.newHelp')}</p>
      <FormAlert message={actionData?.formError} />
      <Form
        method="post"
        encType="multipart/form-data"
        {...formProps}
        onSubmit={(event) => {
          uploader.current?.onSubmit(event)
          if (!event.defaultPrevented) formProps.onSubmit(event)
        }}
        className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4"
      >
        <PhotoUploader maxPhotos={MAX_PHOTOS} serverError={actionData?.photoError} onReady={onUploaderReady} />
        <ProductFields fields={fields as never} categories={categories} />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('listings.submitNew')}</SubmitButton>
      </Form>
    </div>
  )
}
