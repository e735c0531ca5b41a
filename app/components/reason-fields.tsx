import { getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from '~/utils/translate'
import { FieldErrors } from '~/components/ui/form'

// Pieces of the moderators' decision pages (shop applications, listing review, reports queue).

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
  /** Whose reasons: a shop's (`reasons.*`, moderationShops texts) or a listing's. */
  target?: 'shop' | 'product'
}) {
  const { t } = useTranslation()
  const texts = target === 'shop' ? 'moderationShops' : 'moderationProducts'
  const reasons = target === 'shop' ? 'reasons' : 'listingReasons'
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
