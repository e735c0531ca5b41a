import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { buttonClass, ReasonFields, Section } from '~/components/reason-fields'
import { FormAlert } from '~/components/ui/form'
import {
  decideOnProduct,
  getProductForReview,
  listingReasonCodes,
  NotAllowedError,
  ProductAlreadyDecidedError,
  ProductDecisionSchema,
  ProductNotFoundError,
  REASON_MAX_LENGTH,
  ReasonRequiredError,
  ShopNotApprovedError,
  takeDownReasonCodes,
  type ProductDecision,
} from '~/modules/moderation/product-review.server'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { algeriaDateFormat } from '~/utils/dates'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireRole } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'
import { createToastHeader } from '~/utils/toast.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.product.title} · Taswiq` : 'Taswiq' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const review = await getProductForReview(db, params.productId ?? '', { language })
  invariantResponse(review, 'Not found', { status: 404 })
  const { product, shop } = review
  return {
    product: {
      id: product.id,
      slug: product.slug,
      title: product.title,
      description: product.description,
      status: product.status,
      price: product.price,
      stock: product.stock,
      madeToOrderDays: product.madeToOrderDays,
      weightG: product.weightG,
      categoryName: review.categoryName,
      submittedAt: product.submittedAt?.toISOString() ?? null,
      publishedAt: product.publishedAt?.toISOString() ?? null,
      reviewedAt: product.reviewedAt?.toISOString() ?? null,
      reviewerName: review.reviewerName,
      reviewReasonCode: product.reviewReasonCode,
      reviewReason: product.reviewReason,
    },
    shop: { id: shop.id, name: shop.name, slug: shop.slug, status: shop.status, ownerName: review.ownerName, ownerEmail: review.ownerEmail },
    images: review.images,
    wasActive: review.wasActive,
    openReports: review.openReports,
    audit: review.audit.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actorName: row.actorName,
      action: row.action,
      reasonCode: row.reasonCode,
      reason: row.reason,
    })),
    allowedDecisions: review.allowedDecisions,
    listingReasonCodes: [...listingReasonCodes],
    takeDownReasonCodes: [...takeDownReasonCodes],
    // Sent from here because a server module's constant cannot reach the browser bundle.
    reasonMaxLength: REASON_MAX_LENGTH,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const productId = params.productId ?? ''
  const formData = await request.formData()
  const intent = formData.get('intent')
  const formId = typeof intent === 'string' && (['approve', 'reject', 'take_down'] as string[]).includes(intent) ? (intent as ProductDecision) : null
  const submission = parseWithZod(formData, { schema: ProductDecisionSchema })
  const fail = (status: number, result: ReturnType<typeof submission.reply>, pageError: string | null = null) => data({ formId, result, pageError }, { status })
  if (!formId || submission.status !== 'success') return fail(400, submission.reply())

  const { intent: decision, reasonCode, reason } = submission.value
  const t = await i18nServer.getFixedT(request)
  try {
    await decideOnProduct(await getDb(), {
      productId,
      actor: { id: user.id, role: user.role },
      decision,
      reasonCode,
      reason,
      ip: context.clientIp ?? null,
      siteUrl: getEnv().APP_URL,
    })
  } catch (error) {
    if (error instanceof ProductNotFoundError) throw new Response('Not found', { status: 404 })
    // Another moderator decided first (or the page was stale): say so at the top of the page,
    // because the re-rendered page may no longer have that form.
    if (error instanceof ProductAlreadyDecidedError) return fail(409, submission.reply(), t('moderationProducts.errors.alreadyDecided'))
    if (error instanceof ShopNotApprovedError) return fail(409, submission.reply(), t('moderationProducts.errors.shopNotApproved'))
    if (error instanceof ReasonRequiredError) {
      return fail(400, submission.reply({ fieldErrors: { reasonCode: ['moderationProducts.errors.reasonRequired'] } }))
    }
    if (error instanceof NotAllowedError) return fail(403, submission.reply(), t('moderationProducts.errors.notAllowed'))
    throw error
  }
  // The email was queued in the decision's transaction; now that it committed, send it soon.
  kickOutbox()
  throw redirect(decision === 'take_down' ? '/moderation/reports' : '/moderation/products', {
    headers: { 'Set-Cookie': await createToastHeader({ key: `moderationProducts.toast.${decision}`, type: 'success' }) },
  })
}

// A 409 means the listing changed under the moderator: reload it so the page shows its new status
// and the forms that now apply (Remix skips revalidation after 4xx answers by default).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate

type DecisionFields = { intent: ProductDecision; reasonCode?: string; reason?: string }

export default function ModerationProductReview() {
  const { product, shop, images, wasActive, openReports, audit, allowedDecisions, listingReasonCodes, takeDownReasonCodes, reasonMaxLength } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST'
  const { t } = useTranslation()
  const language = useLanguage()
  const dateTime = algeriaDateFormat(language, 'dateTime')
  const lastResult = (id: ProductDecision) => (actionData?.formId === id ? actionData.result : undefined)
  const [approveForm] = useForm<DecisionFields>({ id: 'approve', lastResult: lastResult('approve') })
  const [rejectForm, rejectFields] = useForm<DecisionFields>({ id: 'reject', lastResult: lastResult('reject') })
  const [takeDownForm, takeDownFields] = useForm<DecisionFields>({ id: 'take_down', lastResult: lastResult('take_down') })
  const can = (decision: ProductDecision) => allowedDecisions.includes(decision)
  const shopApproved = shop.status === 'approved'

  return (
    <div className="flex flex-col gap-4">
      <Link to="/moderation/products" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('moderationProducts.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="min-w-0 text-2xl font-bold break-words">
          <bdi>{product.title}</bdi>
        </h1>
        <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium text-stone-800">{t(`moderationProducts.status.${product.status}`)}</span>
      </div>
      <FormAlert message={actionData?.pageError} />
      {wasActive ? (
        <p className="rounded-xl border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('moderationProducts.reReviewNotice', { date: product.publishedAt ? dateTime.format(new Date(product.publishedAt)) : '' })}
        </p>
      ) : null}
      {openReports > 0 ? (
        <Link to="/moderation/reports" className="inline-flex min-h-11 items-center self-start text-sm font-semibold text-clay-600 underline">
          {t('moderationProducts.openReports', { count: openReports })}
        </Link>
      ) : null}
      {product.submittedAt ? (
        <p className="text-sm text-stone-600">{t('moderationProducts.submittedOn', { date: dateTime.format(new Date(product.submittedAt)) })}</p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3 lg:items-start">
        <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          <Section id="photos" title={t('moderationProducts.sections.photos', { count: images.length })}>
            {images.length === 0 ? (
              <p className="text-sm text-clay-600">{t('moderationProducts.noPhotos')}</p>
            ) : (
              <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                {images.map((image, index) => (
                  <li key={image.src}>
                    <a href={image.src.replace(/-\d+\.webp$/, '-1280.webp')} target="_blank" rel="noopener noreferrer" className="block">
                      <img
                        src={image.src}
                        srcSet={image.srcSet}
                        sizes="(min-width: 1024px) 20vw, (min-width: 640px) 33vw, 50vw"
                        width={image.width}
                        height={image.height}
                        alt={t('moderationProducts.photoAlt', { n: index + 1 })}
                        loading={index < 2 ? 'eager' : 'lazy'}
                        className="aspect-square w-full rounded-xl bg-stone-100 object-cover"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="listing" title={t('moderationProducts.sections.listing')}>
            <dl className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
              <Field label={t('moderationProducts.fields.title')} wide>
                <bdi>{product.title}</bdi>
              </Field>
              <Field label={t('moderationProducts.fields.category')}>{product.categoryName}</Field>
              <Field label={t('moderationProducts.fields.price')}>{formatDzd(product.price, language)}</Field>
              <Field label={t('moderationProducts.fields.stock')}>{product.stock}</Field>
              {product.madeToOrderDays > 0 ? (
                <Field label={t('moderationProducts.fields.madeToOrder')}>{t('moderationProducts.days', { count: product.madeToOrderDays })}</Field>
              ) : null}
              {product.weightG ? (
                <Field label={t('moderationProducts.fields.weight')}>{t('moderationProducts.grams', { grams: product.weightG })}</Field>
              ) : null}
              <Field label={t('moderationProducts.fields.description')} wide>
                <span className="block text-start whitespace-pre-line" dir="auto">
                  {product.description || t('moderationProducts.notProvided')}
                </span>
              </Field>
            </dl>
          </Section>

          <Section id="shop" title={t('moderationProducts.sections.shop')}>
            <dl className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
              <Field label={t('moderationProducts.fields.shop')}>
                <Link to={`/moderation/shops/${shop.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  <bdi>{shop.name}</bdi>
                </Link>
              </Field>
              <Field label={t('moderationProducts.fields.shopStatus')}>
                <span className={shopApproved ? '' : 'font-semibold text-clay-600'}>{t(`moderationShops.status.${shop.status}`)}</span>
              </Field>
              <Field label={t('moderationProducts.fields.owner')}>
                <span className="flex flex-col">
                  <span>{shop.ownerName}</span>
                  <span className="text-xs break-all text-stone-600">
                    <bdi>{shop.ownerEmail}</bdi>
                  </span>
                </span>
              </Field>
            </dl>
          </Section>

          <Section id="history" title={t('moderationProducts.sections.history')}>
            {product.reviewedAt ? (
              <p className="mb-3 text-sm text-stone-700">
                {t('moderationProducts.lastReview', { date: dateTime.format(new Date(product.reviewedAt)), name: product.reviewerName ?? '' })}
              </p>
            ) : null}
            {product.reviewReasonCode ? (
              <p className="mb-3 text-sm">
                <span className="font-medium">{t(`listingReasons.${product.reviewReasonCode}`, { defaultValue: product.reviewReasonCode })}</span>
                {product.reviewReason ? (
                  <span className="block whitespace-pre-line text-stone-700" dir="auto">
                    {product.reviewReason}
                  </span>
                ) : null}
              </p>
            ) : null}
            {audit.length === 0 ? (
              <p className="text-sm text-stone-600">{t('moderationProducts.historyEmpty')}</p>
            ) : (
              <ol className="flex flex-col divide-y divide-stone-100">
                {audit.map((row) => (
                  <li key={row.id} className="flex flex-col gap-0.5 py-2 text-sm">
                    <span className="font-medium">{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</span>
                    <span className="text-stone-600">
                      {dateTime.format(new Date(row.createdAt))} · {row.actorName}
                    </span>
                    {row.reasonCode ? <span>{t(`listingReasons.${row.reasonCode}`, { defaultValue: row.reasonCode })}</span> : null}
                    {row.reason ? (
                      <span className="whitespace-pre-line text-stone-700" dir="auto">
                        {row.reason}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
            <Link to={`/moderation/audit?targetId=${product.id}`} className="mt-2 inline-flex min-h-11 items-center text-sm text-brand-700 underline">
              {t('moderationProducts.fullHistory')}
            </Link>
          </Section>
        </div>

        <aside className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4" aria-label={t('moderationProducts.sections.decision')}>
          {allowedDecisions.length === 0 ? (
            <p className="rounded-2xl border border-stone-200 bg-white p-4 text-sm text-stone-600">{t('moderationProducts.decisions.none')}</p>
          ) : null}

          {can('approve') ? (
            <Section id="approve" title={t('moderationProducts.decisions.approveTitle')}>
              <Form method="post" {...getFormProps(approveForm)} className="flex flex-col gap-3">
                <FormAlert message={approveForm.errors?.[0]} />
                {shopApproved ? (
                  <p className="text-sm text-stone-600">{t('moderationProducts.decisions.approveHelp')}</p>
                ) : (
                  <p className="text-sm font-medium text-clay-600">{t('moderationProducts.errors.shopNotApproved')}</p>
                )}
                <button type="submit" name="intent" value="approve" disabled={busy || !shopApproved} className={buttonClass('primary')}>
                  {t('moderationProducts.decisions.approve')}
                </button>
              </Form>
            </Section>
          ) : null}

          {can('reject') ? (
            <Section id="reject" title={t('moderationProducts.decisions.rejectTitle')}>
              <Form method="post" {...getFormProps(rejectForm)} className="flex flex-col gap-3">
                <FormAlert message={rejectForm.errors?.[0]} />
                <p className="text-sm text-stone-600">{t('moderationProducts.decisions.rejectHelp')}</p>
                <ReasonFields codeField={rejectFields.reasonCode} textField={rejectFields.reason} codes={listingReasonCodes} maxLength={reasonMaxLength} />
                <button type="submit" name="intent" value="reject" disabled={busy} className={buttonClass('danger')}>
                  {t('moderationProducts.decisions.reject')}
                </button>
              </Form>
            </Section>
          ) : null}

          {can('take_down') ? (
            <Section id="take_down" title={t('moderationProducts.decisions.takeDownTitle')}>
              <Form method="post" {...getFormProps(takeDownForm)} className="flex flex-col gap-3">
                <FormAlert message={takeDownForm.errors?.[0]} />
                <p className="text-sm text-stone-600">{t('moderationProducts.decisions.takeDownHelp')}</p>
                <ReasonFields
                  codeField={takeDownFields.reasonCode}
                  textField={takeDownFields.reason}
                  codes={takeDownReasonCodes}
                  maxLength={reasonMaxLength}
                  defaultCode="reported_violation"
                />
                <button type="submit" name="intent" value="take_down" disabled={busy} className={buttonClass('danger')}>
                  {t('moderationProducts.decisions.takeDown')}
                </button>
              </Form>
            </Section>
          ) : null}
        </aside>
      </div>
    </div>
  )
}

function Field({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? 'sm:col-span-2' : ''}`}>
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="break-words text-stone-900">{children}</dd>
    </div>
  )
}
