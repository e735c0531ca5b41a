import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { FieldErrors, FormAlert, HoneypotField, SubmitButton } from '~/components/ui/form'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { createReport, getReportableProduct, ProductNotPublicError, REPORT_NOTE_MAX_LENGTH, reportReasonCodes, ReportSchema } from '~/modules/moderation/reports.server'
import { getDb } from '~/utils/db.server'
import { isBotSubmission } from '~/utils/honeypot.server'
import { i18nServer } from '~/utils/i18n.server'
import { getUser } from '~/utils/permissions.server'
import { invariantResponse } from '~/utils/responses'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

// A buyer's (or visitor's) report about a public listing. Named `p.$slug_` so the page stands on
// its own at /p/<slug>/report instead of nesting inside the product page, which has no outlet.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.product.title} — Taswiq` : 'Taswiq' }, { name: 'robots', content: 'noindex' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const product = await getReportableProduct(await getDb(), params.slug ?? '')
  invariantResponse(product, 'Not found', { status: 404 })
  return { product: { slug: product.slug, title: product.title, shopName: product.shopName }, reasonCodes: [...reportReasonCodes], noteMaxLength: REPORT_NOTE_MAX_LENGTH }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const slug = params.slug ?? ''
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: ReportSchema })
  const t = await i18nServer.getFixedT(request)
  const thanks = async () =>
    redirect(`/p/${encodeURIComponent(slug)}`, { headers: { 'Set-Cookie': await createToastHeader({ key: 'reports.toast.thanks', type: 'success' }) } })
  // A bot gets the same thanks as a person and writes nothing.
  if (isBotSubmission(formData)) throw await thanks()
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })

  const user = await getUser(request)
  try {
    const outcome = await createReport(await getDb(), {
      slug,
      reasonCode: submission.value.reasonCode,
      note: submission.value.note,
      reporterId: user?.id ?? null,
      ip: context.clientIp ?? null,
    })
    if (outcome.status === 'limited') return data({ result: submission.reply({ formErrors: [throttledMessage(t, outcome)] }) }, { status: 429 })
  } catch (error) {
    if (error instanceof ProductNotPublicError) throw new Response('Not found', { status: 404 })
    throw error
  }
  // Created or already reported by this person: either way they are thanked.
  throw await thanks()
}

export default function ReportListing() {
  const { product, reasonCodes, noteMaxLength } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm<z.input<typeof ReportSchema>>({ id: 'report', lastResult: actionData?.result })
  const noteProps = getTextareaProps(fields.note)
  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-4">
      <Link to={`/p/${product.slug}`} className="inline-flex min-h-11 items-center self-start text-sm font-medium text-brand-700 underline">
        {t('reports.form.back')}
      </Link>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">{t('reports.form.title')}</h1>
        <p className="font-semibold break-words text-stone-800">
          <bdi>{product.title}</bdi>
        </p>
        <p className="text-sm text-stone-600">
          <bdi>{product.shopName}</bdi>
        </p>
      </div>
      <p className="text-sm text-stone-700">{t('reports.form.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="relative flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4">
        <HoneypotField />
        <FormAlert message={form.errors?.[0]} />
        <fieldset className="flex flex-col gap-1" aria-describedby={fields.reasonCode.errors ? fields.reasonCode.errorId : undefined}>
          <legend className="mb-1 text-sm font-medium text-stone-800">{t('reports.form.reason')}</legend>
          {reasonCodes.map((code) => (
            <label key={code} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-xl border border-stone-200 px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input
                type="radio"
                name={fields.reasonCode.name}
                value={code}
                defaultChecked={fields.reasonCode.initialValue === code}
                className="size-5 shrink-0 accent-brand-600"
              />
              <span>{t(`reportReasons.${code}`)}</span>
            </label>
          ))}
          <FieldErrors id={fields.reasonCode.errorId} errors={fields.reasonCode.errors} />
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.note.id} className="text-sm font-medium text-stone-800">
            {t('reports.form.note')}
          </label>
          <textarea
            {...noteProps}
            key={noteProps.key}
            rows={5}
            maxLength={noteMaxLength}
            dir="auto"
            className="w-full rounded-xl border border-stone-300 bg-white p-3 text-base aria-[invalid]:border-red-600"
          />
          <p className="text-xs text-stone-600">{t('reports.form.noteHint', { max: noteMaxLength })}</p>
          <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <SubmitButton pending={navigation.state !== 'idle' && navigation.formMethod === 'POST'}>{t('reports.form.submit')}</SubmitButton>
      </Form>
    </div>
  )
}
