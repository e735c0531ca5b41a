import { getFormProps, getSelectProps, getTextareaProps, type FieldMetadata, type FormMetadata } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FieldErrors, FormAlert } from '~/components/ui/form'

// Pieces of the moderators' decision pages (shop applications, listing review, reports queue):
// the decision forms and their reason fields, the decision history, the labelled values.

/** Whose texts a piece shows: a shop's (moderationShops, `reasons.*`) or a listing's (moderationProducts, `listingReasons.*`). */
export type DecisionTarget = 'shop' | 'product'
const textsOf = (target: DecisionTarget) => (target === 'shop' ? 'moderationShops' : 'moderationProducts')
const reasonsOf = (target: DecisionTarget) => (target === 'shop' ? 'reasons' : 'listingReasons')

export function buttonClass(tone: 'primary' | 'secondary' | 'danger') {
  const colours = {
    primary: 'bg-brand-600 text-white hover:bg-brand-700',
    secondary: 'border border-stone-300 bg-white text-stone-900 hover:bg-stone-100',
    danger: 'bg-red-700 text-white hover:bg-red-800',
  }[tone]
  return `min-h-12 rounded-full px-6 font-semibold disabled:opacity-60 ${colours}`
}

/** The reason list and the moderator's words; shared with the reports queue's take-down form. */
export function ReasonFields({
  codeField,
  textField,
  codes,
  maxLength,
  defaultCode,
  target = 'product',
}: {
  codeField: FieldMetadata<string | undefined>
  textField: FieldMetadata<string | undefined>
  codes: string[]
  maxLength: number
  defaultCode?: string
  target?: DecisionTarget
}) {
  const { t } = useTranslation()
  const texts = textsOf(target)
  const reasons = reasonsOf(target)
  const selectProps = getSelectProps(codeField)
  const textareaProps = getTextareaProps(textField)
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={codeField.id} className="text-sm font-medium text-stone-800">
          {t(`${texts}.decisions.reasonCode`)}
        </label>
        <select
          {...selectProps}
          key={selectProps.key}
          defaultValue={selectProps.defaultValue ?? defaultCode}
          className="min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base aria-[invalid]:border-red-600"
        >
          <option value="">{t(`${texts}.decisions.chooseReason`)}</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {t(`${reasons}.${code}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={codeField.errorId} errors={codeField.errors} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={textField.id} className="text-sm font-medium text-stone-800">
          {t(`${texts}.decisions.reason`)}
        </label>
        <textarea
          {...textareaProps}
          key={textareaProps.key}
          rows={4}
          maxLength={maxLength}
          dir="auto"
          className="w-full rounded-xl border border-stone-300 bg-white p-3 text-base aria-[invalid]:border-red-600"
        />
        <p className="text-xs text-stone-600">{t(`${texts}.decisions.reasonHint`, { max: maxLength })}</p>
        <FieldErrors id={textField.errorId} errors={textField.errors} />
      </div>
    </>
  )
}

/** A titled card of a moderation page. */
export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

/**
 * One decision form: its errors at the top, the help text, then the fields and buttons given as
 * children. `error` replaces the form's own error (the reports queue shows the page's there).
 */
export function DecisionForm<Fields extends Record<string, unknown>>({
  form,
  help,
  error,
  className = 'flex flex-col gap-3',
  children,
}: {
  form: FormMetadata<Fields, string[]>
  help?: string
  error?: string | null
  className?: string
  children: React.ReactNode
}) {
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <FormAlert message={error === undefined ? form.errors?.[0] : error} />
      {help ? <p className="text-sm text-stone-600">{help}</p> : null}
      {children}
    </Form>
  )
}

/** A decision form in its own titled card, as on the shop and listing review pages. */
export function DecisionSection<Fields extends Record<string, unknown>>({
  id,
  title,
  ...form
}: { id: string; title: string } & React.ComponentProps<typeof DecisionForm<Fields>>) {
  return (
    <Section id={id} title={title}>
      <DecisionForm {...form} />
    </Section>
  )
}

/** A submit button sending one decision (`intent`). */
export function DecisionButton({ decision, tone, busy, children }: { decision: string; tone: Parameters<typeof buttonClass>[0]; busy: boolean; children: React.ReactNode }) {
  return (
    <button type="submit" name="intent" value={decision} disabled={busy} className={buttonClass(tone)}>
      {children}
    </button>
  )
}

export type DecisionHistoryRow = { id: string; createdAt: string; actorName: string; action: string; reasonCode: string | null; reason: string | null }

/**
 * A subject's decision history: what `intro` says about the last review, the latest audit rows
 * (when, who, why) and a link to its full history in the audit log.
 */
export function DecisionHistory({
  target,
  targetId,
  rows,
  formatDate,
  intro,
}: {
  target: DecisionTarget
  targetId: string
  rows: DecisionHistoryRow[]
  formatDate: (iso: string) => string
  intro?: React.ReactNode
}) {
  const { t } = useTranslation()
  const texts = textsOf(target)
  const reasons = reasonsOf(target)
  return (
    <Section id="history" title={t(`${texts}.sections.history`)}>
      {intro}
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">{t(`${texts}.historyEmpty`)}</p>
      ) : (
        <ol className="flex flex-col divide-y divide-stone-100">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-col gap-0.5 py-2 text-sm">
              <span className="font-medium">{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</span>
              <span className="text-stone-600">
                {formatDate(row.createdAt)} · {row.actorName}
              </span>
              {row.reasonCode ? <span>{t(`${reasons}.${row.reasonCode}`, { defaultValue: row.reasonCode })}</span> : null}
              {row.reason ? (
                <span className="whitespace-pre-line text-stone-700" dir="auto">
                  {row.reason}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Link to={`/moderation/audit?targetId=${targetId}`} className="mt-2 inline-flex min-h-11 items-center text-sm text-brand-700 underline">
        {t(`${texts}.fullHistory`)}
      </Link>
    </Section>
  )
}

/** One label and value of a review page; `ltr` for numbers and addresses, which read left to right in every language. */
export function Field({ label, children, wide = false, ltr = false }: { label: string; children: React.ReactNode; wide?: boolean; ltr?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? 'sm:col-span-2' : ''}`}>
      <dt className="text-sm text-stone-600">{label}</dt>
      {/* An inline ltr span, not a ltr block: the value keeps its order but sits on the page's start side. */}
      <dd className="break-words text-stone-900">{ltr ? <span dir="ltr">{children}</span> : children}</dd>
    </div>
  )
}
