import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { CommuneSelect, WilayaPicker } from '~/components/place-picker'
import { useShrinkOnSubmit } from '~/components/photo-uploader/shrink-on-submit'
import { FieldErrors, FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { localPhone } from '~/modules/accounts/schemas'
import { getCommune, placeName, placeOptions, wilayas } from '~/modules/geo/geo.server'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getPrivateStorage } from '~/modules/media/storage.server'
import {
  addShopDocument,
  ApplicationLockedError,
  DocumentRejectedError,
  getShopOfOwner,
  IncompleteApplicationError,
  isEditable,
  listShopDocuments,
  missingForSubmission,
  removeShopDocument,
  saveApplication,
  submitApplication,
} from '~/modules/shops/application.server'
import { DOCUMENT_PHOTO_MAX_EDGE, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from '~/modules/shops/limits'
import {
  applicationSteps,
  LegalStepSchema,
  PayoutStepSchema,
  PlaceStepSchema,
  producerCategories,
  ShopStepSchema,
  type ApplicationStep,
} from '~/modules/shops/schemas'
import { getDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Taswiq' }]

function stepOf(url: URL): ApplicationStep {
  const step = url.searchParams.get('step')
  return (applicationSteps as readonly string[]).includes(step ?? '') ? (step as ApplicationStep) : 'shop'
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const db = await getDb()
  const language = await getLanguage(request)
  const t = await i18nServer.getFixedT(request)
  const shop = await getShopOfOwner(db, user.id)
  if (shop && (shop.status === 'approved' || shop.status === 'suspended')) throw redirect('/dashboard')

  const url = new URL(request.url)
  const step = stepOf(url)
  const savedCommune = shop?.communeCode ? getCommune(shop.communeCode) : undefined
  const wilayaCode = Number(url.searchParams.get('wilaya')) || savedCommune?.wilayaCode || null
  return {
    title: t('sell.title'),
    step,
    status: shop?.status ?? 'new',
    submittedAt: shop?.submittedAt ?? null,
    review: shop && shop.reviewReasonCode ? { code: shop.reviewReasonCode, reason: shop.reviewReason } : null,
    shop: shop
      ? {
          name: shop.name,
          story: shop.story,
          producerCategory: shop.producerCategory,
          communeCode: shop.communeCode,
          phone: shop.phone ? localPhone(shop.phone) : '',
          artisanCardNumber: shop.artisanCardNumber ?? '',
          tradeRegisterNumber: shop.tradeRegisterNumber ?? '',
          nif: shop.nif ?? '',
          payoutMethod: shop.payoutMethod,
          payoutAccount: shop.payoutAccount ?? '',
          payoutHolderName: shop.payoutHolderName ?? '',
          place: savedCommune
            ? { commune: placeName(savedCommune, language), wilaya: placeName(wilayas.find((w) => w.code === savedCommune.wilayaCode)!, language) }
            : null,
        }
      : null,
    documents: shop ? await listShopDocuments(db, shop.id) : [],
    missing: shop ? await missingForSubmission(db, shop) : ['name'],
    wilayaCode,
    ...placeOptions(language, wilayaCode),
  }
}

const nextStep = (step: ApplicationStep) => applicationSteps[applicationSteps.indexOf(step) + 1] ?? 'review'

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const db = await getDb()
  const t = await i18nServer.getFixedT(request)
  const step = stepOf(new URL(request.url))
  // The documents form is multipart; the other steps are plain forms, which the parser reads as such.
  const upload = await parseMultipartWithFiles(request, { fileField: 'document', maxFiles: 1, maxFileBytes: MAX_DOCUMENT_BYTES })
  if (upload.oversize.length > 0) return { step, result: null, message: t('sell.documents.tooBig') }
  // One document a post: several files (never the page's own form) are refused whole.
  if (upload.tooMany) return { step, result: null, message: t('validation.oneFile') }
  const formData = upload.formData
  const intent = formData.get('intent')
  const go = (to: ApplicationStep) => redirect(`/sell?step=${to}`)

  try {
    if (intent === 'save') {
      const schema = { shop: ShopStepSchema, place: PlaceStepSchema, legal: LegalStepSchema, payout: PayoutStepSchema }[step as 'shop']
      if (!schema) throw new Response('Unknown step', { status: 400 })
      const submission = parseWithZod(formData, { schema: schema as typeof ShopStepSchema })
      if (submission.status !== 'success') return { step, result: submission.reply(), message: null }
      const value = submission.value as Record<string, unknown>
      if (step === 'place') {
        const commune = typeof value.communeCode === 'string' ? getCommune(value.communeCode) : undefined
        if (!commune || commune.wilayaCode !== value.wilayaCode) {
          return { step, result: submission.reply({ fieldErrors: { communeCode: ['validation.required'] } }), message: null }
        }
        await saveApplication(db, user.id, { communeCode: commune.code, phone: value.phone as string })
      } else {
        await saveApplication(db, user.id, value)
      }
      throw go(nextStep(step))
    }

    const shop = await getShopOfOwner(db, user.id)
    if (!shop) throw go('shop')
    if (intent === 'upload') {
      const file = upload.files[0]
      if (!file || file.bytes.length === 0) return { step, result: null, message: t('sell.documents.choose') }
      if (!isEditable(shop)) throw new ApplicationLockedError()
      await addShopDocument(db, getPrivateStorage(), { shopId: shop.id, fileName: file.name, bytes: file.bytes })
      throw go('documents')
    }
    if (intent === 'removeDocument') {
      if (!isEditable(shop)) throw new ApplicationLockedError()
      await removeShopDocument(db, getPrivateStorage(), { shopId: shop.id, documentId: String(formData.get('documentId') ?? '') })
      throw go('documents')
    }
    if (intent === 'submit') {
      await submitApplication(db, user.id)
      throw redirect('/sell?step=review', { headers: { 'Set-Cookie': await createToastHeader({ key: 'sell.submitted', type: 'success' }) } })
    }
  } catch (error) {
    if (error instanceof DocumentRejectedError) return { step, result: null, message: t(`sell.documents.rejected.${error.reason}`, { max: MAX_DOCUMENTS }) }
    if (error instanceof IncompleteApplicationError) return { step, result: null, message: t('sell.incomplete') }
    if (error instanceof ApplicationLockedError) return { step, result: null, message: t('sell.locked') }
    throw error
  }
  throw new Response('Unknown intent', { status: 400 })
}

export default function SellPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const editable = data.status === 'new' || data.status === 'draft' || data.status === 'rejected'
  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold">{t('sell.title')}</h1>
        <p className="mt-1 text-stone-600">{t('sell.intro')}</p>
        {data.status === 'new' || data.status === 'draft' ? (
          <div data-testid="sell-before-you-start" className="mt-3 rounded-xl border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900">
            <p>{t('sell.beforeYouStart')}</p>
            <p>{t('sell.beforeYouStartPhoto')}</p>
          </div>
        ) : null}
      </div>
      {data.status === 'pending' ? <FormAlert tone="info" message={t('sell.pending')} /> : null}
      {data.review && editable ? (
        <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-semibold">{t(data.status === 'rejected' ? 'sell.rejectedTitle' : 'sell.changesTitle')}</p>
          <p>{t(`reasons.${data.review.code}`, { defaultValue: data.review.code })}</p>
          {data.review.reason ? (
            <p dir="auto" className="mt-1 whitespace-pre-line">
              {data.review.reason}
            </p>
          ) : null}
        </div>
      ) : null}
      {editable ? <StepNav current={data.step} /> : null}
      <FormAlert message={actionData?.message} />
      {editable ? <StepForm key={data.step} /> : <Summary />}
    </div>
  )
}

function StepNav({ current }: { current: ApplicationStep }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('sell.stepsLabel')}>
      <ol className="flex gap-1 overflow-x-auto pb-1 text-xs">
        {applicationSteps.map((step, index) => (
          <li key={step} className="shrink-0">
            <Link
              to={`/sell?step=${step}`}
              aria-current={step === current ? 'step' : undefined}
              className="flex min-h-11 items-center gap-1 rounded-full border border-stone-300 bg-white px-3 aria-[current]:border-brand-600 aria-[current]:bg-brand-600 aria-[current]:text-white"
            >
              <span>{index + 1}</span>
              <span>{t(`sell.steps.${step}`)}</span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/**
 * One document at a time. A photo of the card is shrunk on the phone before it leaves (decision
 * 017): a 4–5 MB camera photo took ~50 s at 750 kbit/s. Without JavaScript the original goes.
 */
function DocumentUploadForm({ pending }: { pending: boolean }) {
  const { t } = useTranslation()
  const { onSubmit, shrinking } = useShrinkOnSubmit('document', { maxEdge: DOCUMENT_PHOTO_MAX_EDGE })
  const busy = pending || shrinking
  return (
    <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} className="flex flex-col gap-3 rounded-xl border border-dashed border-stone-300 bg-white p-4">
      <input type="hidden" name="intent" value="upload" />
      <label htmlFor="document" className="text-sm font-medium">
        {t('sell.documents.add')}
      </label>
      <input id="document" name="document" type="file" accept="image/jpeg,image/png,image/webp,image/heic,application/pdf" className="min-h-11 text-sm" />
      <SubmitButton pending={busy}>{t('sell.documents.upload')}</SubmitButton>
      <p role="status" className="text-sm text-stone-700">
        {busy ? t('sell.documents.sending') : null}
      </p>
    </Form>
  )
}

function StepForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  const lastResult = actionData?.step === data.step ? actionData.result : undefined
  const shop = data.shop
  const { place: _place, ...defaults } = shop ?? { place: null }
  const [form, fields] = useForm<Record<string, string | undefined>>({
    id: `sell-${data.step}`,
    lastResult,
    defaultValue: defaults as Record<string, string | undefined>,
  })

  if (data.step === 'place') {
    return (
      <div className="flex flex-col gap-4">
        <WilayaPicker
          wilayas={data.wilayas}
          wilayaCode={data.wilayaCode}
          hidden={{ step: 'place' }}
          labels={{ wilaya: t('sell.fields.wilaya'), choose: t('sell.fields.choose'), showCommunes: t('sell.fields.showCommunes') }}
        />
        <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="save" />
          <CommuneSelect
            field={fields.communeCode!}
            communes={data.communes}
            wilayaCode={data.wilayaCode}
            defaultValue={shop?.communeCode ?? ''}
            labels={{ commune: t('sell.fields.commune'), choose: t('sell.fields.choose'), chooseWilayaFirst: t('sell.fields.chooseWilayaFirst') }}
          />
          <TextField field={fields.phone!} label={t('sell.fields.phone')} type="tel" inputMode="tel" dir="ltr" autoComplete="tel" placeholder="0555 12 34 56" />
          <SubmitButton pending={pending}>{t('sell.saveAndContinue')}</SubmitButton>
        </Form>
      </div>
    )
  }

  if (data.step === 'documents') {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-stone-700">{t('sell.documents.help', { max: MAX_DOCUMENTS })}</p>
        {data.documents.length ? (
          <ul className="flex flex-col gap-2">
            {data.documents.map((d) => (
              <li key={d.id} className="flex items-center justify-between gap-2 rounded-xl border border-stone-200 bg-white p-3 text-sm">
                <a href={`/resources/shop-documents/${d.id}`} target="_blank" rel="noreferrer" dir="auto" className="block min-h-11 min-w-0 content-center truncate text-brand-700 underline">
                  {d.fileName}
                </a>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeDocument" />
                  <input type="hidden" name="documentId" value={d.id} />
                  <button type="submit" className="min-h-11 rounded-full px-3 text-red-700 hover:bg-red-50">
                    {t('sell.documents.remove')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
        {data.documents.length < MAX_DOCUMENTS ? <DocumentUploadForm pending={pending} /> : null}
        <Link
          to="/sell?step=review"
          className="inline-flex min-h-12 items-center justify-center rounded-full border border-brand-600 px-6 font-semibold text-brand-700"
        >
          {t('sell.continue')}
        </Link>
      </div>
    )
  }

  if (data.step === 'review') return <Summary />

  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="save" />
      {data.step === 'shop' ? (
        <>
          <TextField field={fields.name!} label={t('sell.fields.name')} />
          <div className="flex flex-col gap-1">
            <label htmlFor={fields.story!.id} className="text-sm font-medium">
              {t('sell.fields.story')}
            </label>
            <textarea
              id={fields.story!.id}
              name="story"
              defaultValue={shop?.story ?? ''}
              rows={4}
              maxLength={2000}
              dir="auto"
              className="rounded-xl border border-stone-300 bg-white p-3 text-base"
            />
            <p className="text-xs text-stone-500">{t('sell.fields.storyHint')}</p>
            <FieldErrors errors={fields.story!.errors} />
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('sell.fields.producerCategory')}</legend>
            {producerCategories.map((category) => (
              <label key={category} className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 bg-white px-3">
                <input type="radio" name="producerCategory" value={category} defaultChecked={shop?.producerCategory === category} className="size-5" />
                <span>{t(`producerCategory.${category}`)}</span>
              </label>
            ))}
            <FieldErrors errors={fields.producerCategory!.errors} />
          </fieldset>
        </>
      ) : null}
      {data.step === 'legal' ? (
        <>
          <p className="text-sm text-stone-700">{t('sell.legalHelp')}</p>
          <TextField field={fields.artisanCardNumber!} label={t('sell.fields.artisanCardNumber')} dir="ltr" />
          <TextField field={fields.tradeRegisterNumber!} label={t('sell.fields.tradeRegisterNumber')} dir="ltr" />
          <TextField field={fields.nif!} label={t('sell.fields.nif')} dir="ltr" inputMode="numeric" hint={t('sell.fields.nifHint')} />
        </>
      ) : null}
      {data.step === 'payout' ? (
        <>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('sell.fields.payoutMethod')}</legend>
            {(['ccp', 'rip'] as const).map((method) => (
              <label key={method} className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 bg-white px-3">
                <input type="radio" name="payoutMethod" value={method} defaultChecked={(shop?.payoutMethod ?? 'ccp') === method} className="size-5" />
                <span>{t(`sell.payoutMethods.${method}`)}</span>
              </label>
            ))}
            <FieldErrors errors={fields.payoutMethod!.errors} />
          </fieldset>
          <TextField
            field={fields.payoutAccount!}
            label={t('sell.fields.payoutAccount')}
            dir="ltr"
            inputMode="numeric"
            hint={t('sell.fields.payoutAccountHint')}
          />
          <TextField field={fields.payoutHolderName!} label={t('sell.fields.payoutHolderName')} autoComplete="name" />
        </>
      ) : null}
      <SubmitButton pending={pending}>{t('sell.saveAndContinue')}</SubmitButton>
    </Form>
  )
}

function Summary() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const shop = data.shop
  const editable = data.status === 'new' || data.status === 'draft' || data.status === 'rejected'
  const rows: [string, string | null | undefined][] = shop
    ? [
        [t('sell.fields.name'), shop.name],
        [t('sell.fields.producerCategory'), t(`producerCategory.${shop.producerCategory}`)],
        [t('sell.fields.commune'), shop.place ? `${shop.place.commune} — ${shop.place.wilaya}` : null],
        [t('sell.fields.phone'), shop.phone],
        // One of the two is enough: the other is not "missing".
        [t('sell.fields.artisanCardNumber'), shop.artisanCardNumber || (shop.tradeRegisterNumber ? '—' : null)],
        [t('sell.fields.tradeRegisterNumber'), shop.tradeRegisterNumber || (shop.artisanCardNumber ? '—' : null)],
        [t('sell.fields.nif'), shop.nif],
        [t('sell.fields.payoutAccount'), shop.payoutMethod ? `${t(`sell.payoutMethods.${shop.payoutMethod}`)} ${shop.payoutAccount}` : null],
        [t('sell.fields.payoutHolderName'), shop.payoutHolderName],
        [t('sell.steps.documents'), String(data.documents.length)],
      ]
    : []
  return (
    <div className="flex flex-col gap-4">
      <dl className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white">
        {rows.map(([label, value]) => (
          <div key={label} className="flex flex-col gap-0.5 p-3 text-sm">
            <dt className="text-stone-500">{label}</dt>
            <dd dir="auto" className="text-start font-medium">
              {value || <span className="text-red-700">{t('sell.missing')}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {editable ? (
        <Form method="post" className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="submit" />
          {data.missing.length ? <FormAlert message={t('sell.incomplete')} /> : null}
          <SubmitButton>{t('sell.submit')}</SubmitButton>
          <p className="text-xs text-stone-500">{t('sell.submitHint')}</p>
        </Form>
      ) : null}
    </div>
  )
}
