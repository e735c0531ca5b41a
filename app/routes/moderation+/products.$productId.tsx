import { useForm } from '@conform-to/react'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Fragment } from 'react'
import { Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { ClaimText } from '~/components/claim-text'
import { DecisionButton, DecisionHistory, DecisionSection, Field, ReasonFields, Section } from '~/components/reason-fields'
import { FormAlert } from '~/components/ui/form'
import { decisionAction } from '~/modules/moderation/decision-action.server'
import {
  decideOnProduct,
  getProductForReview,
  listingReasonCodes,
  ProductDecisionSchema,
  productDecisions,
  REASON_MAX_LENGTH,
  ShopNotApprovedError,
  takeDownReasonCodes,
  type ProductDecision,
} from '~/modules/moderation/product-review.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { algeriaDateFormat } from '~/utils/dates'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireRole } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'
import { useLanguage } from '~/utils/use-language'
import { readForm } from '~/utils/forms.server'

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
    versions: review.versions,
    wasActive: review.wasActive,
    openReports: review.openReports,
    claims: review.claims,
    audit: review.audit,
    allowedDecisions: review.allowedDecisions,
    listingReasonCodes: [...listingReasonCodes],
    takeDownReasonCodes: [...takeDownReasonCodes],
    // Sent from here because a server module's constant cannot reach the browser bundle.
    reasonMaxLength: REASON_MAX_LENGTH,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const formData = await readForm(request)
  const intent = formData.get('intent')
  return decisionAction(request, {
    formData,
    formId: typeof intent === 'string' && (productDecisions as readonly string[]).includes(intent) ? (intent as ProductDecision) : null,
    schema: ProductDecisionSchema,
    texts: {
      notAllowed: 'moderationProducts.errors.notAllowed',
      reasonRequired: 'moderationProducts.errors.reasonRequired',
      // Another moderator decided first (or the page was stale), or the shop is no longer approved.
      conflict: (error) => (error instanceof ShopNotApprovedError ? 'moderationProducts.errors.shopNotApproved' : 'moderationProducts.errors.alreadyDecided'),
    },
    decide: async ({ intent: decision, reasonCode, reason }) =>
      decideOnProduct(await getDb(), {
        productId: params.productId ?? '',
        actor: { id: user.id, role: user.role },
        decision,
        reasonCode,
        reason,
        ip: context.clientIp ?? null,
        siteUrl: getEnv().APP_URL,
      }),
    done: ({ intent: decision }) => ({
      redirectTo: decision === 'take_down' ? '/moderation/reports' : '/moderation/products',
      toast: `moderationProducts.toast.${decision}`,
    }),
  })
}

// A 409 means the listing changed under the moderator: reload it so the page shows its new status
// and the forms that now apply (Remix skips revalidation after 4xx answers by default).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate

type DecisionFields = { intent: ProductDecision; reasonCode?: string; reason?: string }

export default function ModerationProductReview() {
  const { product, shop, images, versions, wasActive, openReports, claims, audit, allowedDecisions, listingReasonCodes, takeDownReasonCodes, reasonMaxLength } =
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
      {claims.length > 0 ? (
        <p role="note" data-testid="claims-notice" className="rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t('moderationProducts.claimsNotice', { terms: claims.map((c) => c.term).join('، ') })}
        </p>
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
                <bdi>
                  <ClaimText text={product.title} claims={claims} />
                </bdi>
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
                  {product.description ? <ClaimText text={product.description} claims={claims} /> : t('moderationProducts.notProvided')}
                </span>
              </Field>
            </dl>
          </Section>

          {versions.length > 0 ? (
            // What buyers in each language see instead of the original: reviewed like it.
            <Section id="versions" title={t('listingTranslations.reviewTitle')}>
              <p className="mb-3 text-sm text-stone-600">{t('listingTranslations.reviewHint')}</p>
              <dl className="grid gap-x-4 gap-y-3 sm:grid-cols-2" data-testid="listing-versions">
                {versions.map(({ language: code, title, description }) => {
                  const key = code === 'ar' ? 'Ar' : code === 'fr' ? 'Fr' : 'En'
                  return (
                    <Fragment key={code}>
                      {title ? (
                        <Field label={t(`listingTranslations.title${key}`)} wide>
                          <bdi lang={code}>
                            <ClaimText text={title} claims={claims} />
                          </bdi>
                        </Field>
                      ) : null}
                      {description ? (
                        <Field label={t(`listingTranslations.description${key}`)} wide>
                          <span lang={code} className="block text-start whitespace-pre-line" dir="auto">
                            <ClaimText text={description} claims={claims} />
                          </span>
                        </Field>
                      ) : null}
                    </Fragment>
                  )
                })}
              </dl>
            </Section>
          ) : null}

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

          <DecisionHistory
            target="product"
            targetId={product.id}
            rows={audit}
            formatDate={(iso) => dateTime.format(new Date(iso))}
            intro={
              <>
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
              </>
            }
          />
        </div>

        <aside className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4" aria-label={t('moderationProducts.sections.decision')}>
          {allowedDecisions.length === 0 ? (
            <p className="rounded-2xl border border-stone-200 bg-white p-4 text-sm text-stone-600">{t('moderationProducts.decisions.none')}</p>
          ) : null}

          {can('approve') ? (
            <DecisionSection id="approve" title={t('moderationProducts.decisions.approveTitle')} form={approveForm}>
              {shopApproved ? (
                <p className="text-sm text-stone-600">{t('moderationProducts.decisions.approveHelp')}</p>
              ) : (
                <p className="text-sm font-medium text-clay-600">{t('moderationProducts.errors.shopNotApproved')}</p>
              )}
              <DecisionButton decision="approve" tone="primary" busy={busy || !shopApproved}>
                {t('moderationProducts.decisions.approve')}
              </DecisionButton>
            </DecisionSection>
          ) : null}

          {can('reject') ? (
            <DecisionSection id="reject" title={t('moderationProducts.decisions.rejectTitle')} form={rejectForm} help={t('moderationProducts.decisions.rejectHelp')}>
              <ReasonFields codeField={rejectFields.reasonCode} textField={rejectFields.reason} codes={listingReasonCodes} maxLength={reasonMaxLength} />
              <DecisionButton decision="reject" tone="danger" busy={busy}>
                {t('moderationProducts.decisions.reject')}
              </DecisionButton>
            </DecisionSection>
          ) : null}

          {can('take_down') ? (
            <DecisionSection id="take_down" title={t('moderationProducts.decisions.takeDownTitle')} form={takeDownForm} help={t('moderationProducts.decisions.takeDownHelp')}>
              <ReasonFields
                codeField={takeDownFields.reasonCode}
                textField={takeDownFields.reason}
                codes={takeDownReasonCodes}
                maxLength={reasonMaxLength}
                defaultCode="reported_violation"
              />
              <DecisionButton decision="take_down" tone="danger" busy={busy}>
                {t('moderationProducts.decisions.takeDown')}
              </DecisionButton>
            </DecisionSection>
          ) : null}
        </aside>
      </div>
    </div>
  )
}
