import { useForm } from '@conform-to/react'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { z } from 'zod'
import { DecisionButton, DecisionForm, ReasonFields } from '~/components/reason-fields'
import { FormAlert } from '~/components/ui/form'
import { decisionAction } from '~/modules/moderation/decision-action.server'
import { decideOnProduct, ProductDecisionSchema, REASON_MAX_LENGTH, takeDownReasonCodes } from '~/modules/moderation/product-review.server'
import { dismissReport, listOpenReports } from '~/modules/moderation/reports.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { algeriaDateFormat } from '~/utils/dates'
import { requireRole } from '~/utils/permissions.server'
import { useLanguage } from '~/utils/use-language'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

const DismissSchema = z.object({ intent: z.literal('dismiss'), reportId: z.string().min(1).max(64) })
const idField = z.string().min(1).max(64)

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const listings = await listOpenReports(await getDb())
  return {
    listings: listings.map((listing) => ({
      productId: listing.productId,
      slug: listing.slug,
      title: listing.title,
      status: listing.status,
      shopName: listing.shopName,
      isPublic: listing.status === 'active' && listing.shopStatus === 'approved',
      image: listing.image,
      reportCount: listing.reportCount,
      reports: listing.reports.map((report) => ({
        id: report.id,
        reasonCode: report.reasonCode,
        note: report.note,
        reporterName: report.reporterName,
        createdAt: report.createdAt.toISOString(),
      })),
    })),
    takeDownReasonCodes: [...takeDownReasonCodes],
    reasonMaxLength: REASON_MAX_LENGTH,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, 'moderator')
  const formData = await readForm(request)
  const actor = { id: user.id, role: user.role }
  const ip = context.clientIp ?? null

  if (formData.get('intent') === 'dismiss') {
    return decisionAction(request, {
      formData,
      formId: null,
      schema: DismissSchema,
      texts: {
        notAllowed: 'moderationProducts.errors.notAllowed',
        reasonRequired: 'moderationProducts.errors.reasonRequired',
        conflict: 'reports.queue.errors.alreadyHandled',
        gone: 'reports.queue.errors.alreadyHandled',
        invalid: 'validation.invalid',
      },
      decide: async ({ reportId }) => dismissReport(await getDb(), { reportId, actor, ip }),
      done: () => ({ redirectTo: '/moderation/reports', toast: 'reports.queue.toast.dismissed' }),
    })
  }

  // A take-down: the same decision as on the listing's review page.
  const productId = idField.safeParse(formData.get('productId'))
  return decisionAction(request, {
    formData,
    formId: productId.success ? `take_down-${productId.data}` : null,
    valid: productId.success && formData.get('intent') === 'take_down',
    schema: ProductDecisionSchema,
    texts: {
      notAllowed: 'moderationProducts.errors.notAllowed',
      reasonRequired: 'moderationProducts.errors.reasonRequired',
      conflict: 'reports.queue.errors.notPublic',
    },
    decide: async ({ reasonCode, reason }) =>
      decideOnProduct(await getDb(), {
        productId: productId.data ?? '',
        actor,
        decision: 'take_down',
        reasonCode,
        reason,
        ip,
        siteUrl: getEnv().APP_URL,
      }),
    done: () => ({ redirectTo: '/moderation/reports', toast: 'moderationProducts.toast.take_down' }),
  })
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate

type Listing = Awaited<ReturnType<typeof loader>>['listings'][number]

export default function ReportsQueue() {
  const { listings, takeDownReasonCodes, reasonMaxLength } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t('reports.queue.title')}</h1>
        <Link to="/moderation/products" className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
          {t('reports.queue.productsLink')}
        </Link>
      </div>
      {!actionData?.formId ? <FormAlert message={actionData?.pageError} /> : null}
      {listings.length ? <p className="text-sm text-stone-600">{t('reports.queue.intro')}</p> : null}
      {listings.length === 0 ? (
        <p className="rounded-2xl border border-stone-200 bg-white p-4 text-stone-600">{t('reports.queue.empty')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {listings.map((listing) => (
            <li key={listing.productId}>
              <ReportedListing listing={listing} codes={takeDownReasonCodes} maxLength={reasonMaxLength} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function ReportedListing({ listing, codes, maxLength }: { listing: Listing; codes: string[]; maxLength: number }) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST'
  const { t } = useTranslation()
  const language = useLanguage()
  const dateTime = algeriaDateFormat(language, 'dateTime')
  const formId = `take_down-${listing.productId}`
  const mine = actionData?.formId === formId
  const [form, fields] = useForm<{ intent: 'take_down'; reasonCode?: string; reason?: string }>({ id: formId, lastResult: mine ? actionData.result : undefined })
  const headingId = `listing-${listing.productId}`
  return (
    <article className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby={headingId}>
      <div className="flex gap-3">
        {listing.image ? (
          <img
            src={listing.image.src}
            srcSet={listing.image.srcSet}
            sizes="80px"
            width={listing.image.width}
            height={listing.image.height}
            alt=""
            loading="lazy"
            className="size-20 shrink-0 rounded-xl bg-stone-100 object-cover"
          />
        ) : null}
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <h2 id={headingId} className="text-lg font-semibold break-words">
            <Link to={`/moderation/products/${listing.productId}`} className="text-brand-800 underline-offset-2 hover:underline">
              <bdi>{listing.title}</bdi>
            </Link>
          </h2>
          <p className="text-sm break-words text-stone-700">
            <bdi>{listing.shopName}</bdi>
          </p>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="rounded-full bg-red-100 px-2 py-0.5 font-semibold text-red-800">{t('reports.queue.count', { count: listing.reportCount })}</span>
            {!listing.isPublic ? <span className="text-stone-600">{t(`moderationProducts.status.${listing.status}`)}</span> : null}
            {listing.isPublic ? (
              <a href={`/p/${listing.slug}`} target="_blank" rel="noopener noreferrer" className="inline-flex min-h-11 items-center text-brand-700 underline">
                {t('reports.queue.viewPublic')}
              </a>
            ) : null}
          </p>
        </div>
      </div>

      <ol className="flex flex-col divide-y divide-stone-100 rounded-xl border border-stone-100" aria-label={t('reports.queue.reportsLabel')}>
        {listing.reports.map((report) => (
          <li key={report.id} className="flex flex-wrap items-start justify-between gap-2 p-3">
            <div className="flex min-w-0 flex-1 flex-col gap-0.5 text-sm">
              <span className="font-semibold">{t(`reportReasons.${report.reasonCode}`, { defaultValue: report.reasonCode })}</span>
              {report.note ? (
                <span className="break-words whitespace-pre-line text-stone-800">
                  <bdi>{report.note}</bdi>
                </span>
              ) : null}
              <span className="text-xs text-stone-600">
                {dateTime.format(new Date(report.createdAt))} · {report.reporterName ?? t('reports.queue.visitor')}
              </span>
            </div>
            <Form method="post">
              <input type="hidden" name="reportId" value={report.id} />
              <button
                type="submit"
                name="intent"
                value="dismiss"
                disabled={busy}
                className="min-h-11 rounded-full border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-100 disabled:opacity-60"
              >
                {t('reports.queue.dismiss')}
              </button>
            </Form>
          </li>
        ))}
      </ol>

      {listing.status === 'active' ? (
        <details className="rounded-xl border border-stone-200 p-3" open={mine || undefined}>
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-red-800">{t('reports.queue.takeDownTitle')}</summary>
          <DecisionForm form={form} className="mt-2 flex flex-col gap-3" error={mine ? (actionData?.pageError ?? form.errors?.[0]) : null} help={t('moderationProducts.decisions.takeDownHelp')}>
            <input type="hidden" name="productId" value={listing.productId} />
            <ReasonFields codeField={fields.reasonCode} textField={fields.reason} codes={codes} maxLength={maxLength} defaultCode="reported_violation" />
            <DecisionButton decision="take_down" tone="danger" busy={busy}>
              {t('moderationProducts.decisions.takeDown')}
            </DecisionButton>
          </DecisionForm>
        </details>
      ) : null}
    </article>
  )
}
