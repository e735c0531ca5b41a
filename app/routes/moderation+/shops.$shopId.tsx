import { useForm } from '@conform-to/react'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { DecisionButton, DecisionHistory, DecisionSection, Field, ReasonFields, Section } from '~/components/reason-fields'
import { FormAlert } from '~/components/ui/form'
import { placeName } from '~/modules/geo/geo.server'
import { decisionAction } from '~/modules/moderation/decision-action.server'
import { assistedShops } from '~/modules/assistance/assistance.server'
import {
  decideOnShop,
  getShopForReview,
  REASON_MAX_LENGTH,
  reviewReasonCodes,
  ShopDecisionSchema,
  suspensionReasonCodes,
  type ShopDecision,
} from '~/modules/moderation/shop-review.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { algeriaDateFormat } from '~/utils/dates'
import { intlLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'
import { useLanguage } from '~/utils/use-language'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.shop.name} · Taswiq` : 'Taswiq' }]

/** The forms of this page: reject and request-changes share one (same reasons, two buttons). */
type FormId = 'approve' | 'review' | 'suspend' | 'reinstate'
const formOf: Record<ShopDecision, FormId> = { approve: 'approve', reject: 'review', request_changes: 'review', suspend: 'suspend', reinstate: 'reinstate' }
const formIdFor = (intent: FormDataEntryValue | null): FormId | null =>
  typeof intent === 'string' && Object.hasOwn(formOf, intent) ? formOf[intent as ShopDecision] : null

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const review = await getShopForReview(db, params.shopId ?? '')
  invariantResponse(review, 'Not found', { status: 404 })
  const { shop, owner } = review
  const assistedBy = (await assistedShops(db, [shop.id])).get(shop.id) ?? null
  const place = (nameAr: string | null, nameFr: string | null) => (nameAr && nameFr ? placeName({ nameAr, nameFr }, language) : null)
  return {
    assistedBy,
    shop: {
      id: shop.id,
      name: shop.name,
      slug: shop.slug,
      story: shop.story,
      status: shop.status,
      producerCategory: shop.producerCategory,
      commune: place(review.communeNameAr, review.communeNameFr),
      wilaya: place(review.wilayaNameAr, review.wilayaNameFr),
      wilayaCode: review.wilayaCode,
      phone: shop.phone,
      artisanCardNumber: shop.artisanCardNumber,
      tradeRegisterNumber: shop.tradeRegisterNumber,
      nif: shop.nif,
      payoutMethod: shop.payoutMethod,
      payoutAccount: shop.payoutAccount,
      payoutHolderName: shop.payoutHolderName,
      submittedAt: shop.submittedAt?.toISOString() ?? null,
      reviewedAt: shop.reviewedAt?.toISOString() ?? null,
      reviewerName: review.reviewerName,
      reviewReasonCode: shop.reviewReasonCode,
      reviewReason: shop.reviewReason,
    },
    owner: {
      name: owner.name,
      email: owner.email,
      phone: owner.phone,
      createdAt: owner.createdAt.toISOString(),
      emailVerified: Boolean(owner.emailVerifiedAt),
      disabled: Boolean(owner.disabledAt),
    },
    documents: review.documents.map((d) => ({ id: d.id, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes })),
    audit: review.audit,
    allowedDecisions: review.allowedDecisions,
    reviewReasonCodes: [...reviewReasonCodes],
    suspensionReasonCodes: [...suspensionReasonCodes],
    // Sent from here because a server module's constant cannot reach the browser bundle.
    reasonMaxLength: REASON_MAX_LENGTH,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const formData = await readForm(request)
  return decisionAction(request, {
    formData,
    formId: formIdFor(formData.get('intent')),
    schema: ShopDecisionSchema,
    // InvalidTransitionError: another moderator decided first, or the page was stale.
    texts: { notAllowed: 'moderationShops.errors.notAllowed', reasonRequired: 'moderationShops.errors.reasonRequired', conflict: 'moderationShops.errors.invalidTransition' },
    decide: async ({ intent, reasonCode, reason }) =>
      decideOnShop(await getDb(), {
        shopId: params.shopId ?? '',
        actor: { id: user.id, role: user.role },
        decision: intent,
        reasonCode,
        reason,
        ip: context.clientIp ?? null,
        siteUrl: getEnv().APP_URL,
      }),
    done: ({ intent }) => ({ redirectTo: '/moderation/shops', toast: `moderationShops.toast.${intent}` }),
  })
}

// A 409 means the shop changed under the moderator: reload its data so the page shows the new
// status and the forms that now apply (Remix skips revalidation after 4xx answers by default).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate

type DecisionFields = { intent: ShopDecision; reasonCode?: string; reason?: string }

export default function ModerationShopReview() {
  const { assistedBy, shop, owner, documents, audit, allowedDecisions, reviewReasonCodes, suspensionReasonCodes, reasonMaxLength } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST'
  const { t } = useTranslation()
  const language = useLanguage()
  const locale = intlLocale(language)
  // Algerian time on the server and in any browser alike (and so no hydration mismatch).
  const dateTime = algeriaDateFormat(language, 'dateTime')
  const date = algeriaDateFormat(language, 'date')
  const lastResult = (id: FormId) => (actionData?.formId === id ? actionData.result : undefined)

  const [approveForm] = useForm<DecisionFields>({ id: 'approve', lastResult: lastResult('approve') })
  const [reviewForm, reviewFields] = useForm<DecisionFields>({ id: 'review', lastResult: lastResult('review') })
  const [suspendForm, suspendFields] = useForm<DecisionFields>({ id: 'suspend', lastResult: lastResult('suspend') })
  const [reinstateForm] = useForm<DecisionFields>({ id: 'reinstate', lastResult: lastResult('reinstate') })
  const can = (decision: ShopDecision) => allowedDecisions.includes(decision)
  const missing = t('moderationShops.notProvided')

  return (
    <div className="flex flex-col gap-4">
      <Link to="/moderation/shops" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('moderationShops.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="min-w-0 text-2xl font-bold break-words">{shop.name || t('moderationShops.unnamed')}</h1>
        <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium text-stone-800">{t(`moderationShops.status.${shop.status}`)}</span>
        {assistedBy ? <span className="rounded-full bg-sky-100 px-3 py-1 text-sm font-medium text-sky-900">{t('assistance.assistedBy', { name: assistedBy })}</span> : null}
        {shop.status === 'approved' ? (
          <Link to={`/s/${shop.slug}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
            {t('moderationShops.publicPage')}
          </Link>
        ) : null}
      </div>
      <FormAlert message={actionData?.pageError} />
      {shop.submittedAt ? (
        <p className="text-sm text-stone-600">{t('moderationShops.submittedOn', { date: dateTime.format(new Date(shop.submittedAt)) })}</p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3 lg:items-start">
        <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          <Section id="application" title={t('moderationShops.sections.application')}>
            <Fields>
              <Field label={t('moderationShops.fields.name')}>{shop.name || missing}</Field>
              <Field label={t('moderationShops.fields.producerCategory')}>{t(`producerCategory.${shop.producerCategory}`)}</Field>
              <Field label={t('moderationShops.fields.story')} wide>
                <span className="whitespace-pre-line" dir="auto">
                  {shop.story || missing}
                </span>
              </Field>
              <Field label={t('moderationShops.fields.commune')}>{shop.commune ?? missing}</Field>
              <Field label={t('moderationShops.fields.wilaya')}>{shop.wilaya ? `${shop.wilayaCode} · ${shop.wilaya}` : missing}</Field>
              <Field label={t('moderationShops.fields.phone')}>
                {shop.phone ? (
                  <a href={`tel:${shop.phone}`} dir="ltr" className="inline-flex min-h-11 items-center text-brand-700 underline">
                    {shop.phone}
                  </a>
                ) : (
                  missing
                )}
              </Field>
            </Fields>
          </Section>

          <Section id="legal" title={t('moderationShops.sections.legal')}>
            <Fields>
              <Field label={t('moderationShops.fields.artisanCardNumber')} ltr>
                {shop.artisanCardNumber ?? missing}
              </Field>
              <Field label={t('moderationShops.fields.tradeRegisterNumber')} ltr>
                {shop.tradeRegisterNumber ?? missing}
              </Field>
              <Field label={t('moderationShops.fields.nif')} ltr>
                {shop.nif ?? missing}
              </Field>
            </Fields>
          </Section>

          <Section id="payout" title={t('moderationShops.sections.payout')}>
            <Fields>
              <Field label={t('moderationShops.fields.payoutMethod')}>
                {shop.payoutMethod ? t(`moderationShops.payoutMethods.${shop.payoutMethod}`) : missing}
              </Field>
              <Field label={t('moderationShops.fields.payoutAccount')} ltr>
                {shop.payoutAccount ?? missing}
              </Field>
              <Field label={t('moderationShops.fields.payoutHolderName')}>{shop.payoutHolderName ?? missing}</Field>
            </Fields>
          </Section>

          <Section id="owner" title={t('moderationShops.sections.owner')}>
            <Fields>
              <Field label={t('moderationShops.fields.ownerName')}>{owner.name}</Field>
              <Field label={t('moderationShops.fields.ownerEmail')} ltr>
                {owner.email ? (
                  <a href={`mailto:${owner.email}`} className="inline-flex min-h-11 items-center break-all text-brand-700 underline">
                    {owner.email}
                  </a>
                ) : (
                  '—'
                )}
                <span className="ms-2 text-xs text-stone-600" dir="auto">
                  {owner.emailVerified ? t('moderationShops.fields.emailVerified') : t('moderationShops.fields.emailNotVerified')}
                </span>
              </Field>
              <Field label={t('moderationShops.fields.ownerPhone')} ltr>
                {owner.phone ?? missing}
              </Field>
              <Field label={t('moderationShops.fields.ownerSince')}>{date.format(new Date(owner.createdAt))}</Field>
              {owner.disabled ? <Field label={t('moderationShops.fields.account')}>{t('moderationShops.fields.accountDisabled')}</Field> : null}
            </Fields>
          </Section>

          <Section id="documents" title={t('moderationShops.sections.documents')}>
            {documents.length === 0 ? (
              <p className="text-sm text-clay-600">{t('moderationShops.documentsEmpty')}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {documents.map((document) => (
                  <li key={document.id}>
                    <a
                      href={`/resources/shop-documents/${document.id}`}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="flex min-h-11 flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-xl border border-stone-200 px-3 py-2 hover:border-brand-600"
                    >
                      <span className="min-w-0 font-medium break-all text-brand-700 underline" dir="auto">
                        {document.fileName}
                      </span>
                      <span className="text-xs text-stone-600">
                        {document.contentType === 'application/pdf' ? 'PDF' : t('moderationShops.image')} · {formatSize(document.sizeBytes, locale)}
                        <span className="sr-only"> ({t('moderationShops.newTab')})</span>
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <DecisionHistory
            target="shop"
            targetId={shop.id}
            rows={audit}
            formatDate={(iso) => dateTime.format(new Date(iso))}
            intro={
              shop.reviewedAt ? (
                <p className="mb-3 text-sm text-stone-700">
                  {t('moderationShops.lastReview', { date: dateTime.format(new Date(shop.reviewedAt)), name: shop.reviewerName ?? missing })}
                </p>
              ) : null
            }
          />
        </div>

        <aside className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4" aria-label={t('moderationShops.sections.decision')}>
          {allowedDecisions.length === 0 ? (
            <p className="rounded-2xl border border-stone-200 bg-white p-4 text-sm text-stone-600">{t('moderationShops.decisions.none')}</p>
          ) : null}

          {can('approve') ? (
            <DecisionSection id="approve" title={t('moderationShops.decisions.approveTitle')} form={approveForm} help={t('moderationShops.decisions.approveHelp')}>
              <DecisionButton decision="approve" tone="primary" busy={busy}>
                {t('moderationShops.decisions.approve')}
              </DecisionButton>
            </DecisionSection>
          ) : null}

          {can('reject') || can('request_changes') ? (
            <DecisionSection id="review" title={t('moderationShops.decisions.reviewTitle')} form={reviewForm} help={t('moderationShops.decisions.reviewHelp')}>
              <ReasonFields codeField={reviewFields.reasonCode} textField={reviewFields.reason} codes={reviewReasonCodes} maxLength={reasonMaxLength} target="shop" />
              <DecisionButton decision="request_changes" tone="secondary" busy={busy}>
                {t('moderationShops.decisions.requestChanges')}
              </DecisionButton>
              <DecisionButton decision="reject" tone="danger" busy={busy}>
                {t('moderationShops.decisions.reject')}
              </DecisionButton>
            </DecisionSection>
          ) : null}

          {can('suspend') ? (
            <DecisionSection id="suspend" title={t('moderationShops.decisions.suspendTitle')} form={suspendForm} help={t('moderationShops.decisions.suspendHelp')}>
              <ReasonFields codeField={suspendFields.reasonCode} textField={suspendFields.reason} codes={suspensionReasonCodes} maxLength={reasonMaxLength} target="shop" />
              <DecisionButton decision="suspend" tone="danger" busy={busy}>
                {t('moderationShops.decisions.suspend')}
              </DecisionButton>
            </DecisionSection>
          ) : null}

          {can('reinstate') ? (
            <DecisionSection id="reinstate" title={t('moderationShops.decisions.reinstateTitle')} form={reinstateForm} help={t('moderationShops.decisions.reinstateHelp')}>
              <DecisionButton decision="reinstate" tone="primary" busy={busy}>
                {t('moderationShops.decisions.reinstate')}
              </DecisionButton>
            </DecisionSection>
          ) : null}
        </aside>
      </div>
    </div>
  )
}

function formatSize(bytes: number, locale: string) {
  const kb = bytes / 1024
  const [value, unit] = kb >= 1024 ? [kb / 1024, 'megabyte'] : [kb, 'kilobyte']
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value)
}

function Fields({ children }: { children: React.ReactNode }) {
  return <dl className="grid gap-x-4 gap-y-3 sm:grid-cols-2">{children}</dl>
}
