import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from '~/utils/translate'

// Form primitives: labels above inputs, 44 px+ targets, errors (locale keys) translated under the
// field and tied to it with aria-describedby.

export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 flex flex-col gap-0.5 text-sm text-red-700">
      {errors.map((error) => (
        <li key={error}>{t(error, { defaultValue: t('validation.invalid') })}</li>
      ))}
    </ul>
  )
}

type InputType = 'text' | 'email' | 'password' | 'tel' | 'number' | 'search' | 'url'

export function TextField({
  field,
  label,
  type = 'text',
  hint,
  ...rest
}: {
  field: FieldMetadata<string | undefined>
  label: string
  type?: InputType
  hint?: string
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'id'>) {
  const inputProps = getInputProps(field, { type })
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={field.id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        {...inputProps}
        {...rest}
        key={inputProps.key}
        className="min-h-12 rounded-xl border border-stone-300 bg-white px-3 text-base aria-[invalid]:border-red-600"
      />
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function SubmitButton({ children, pending = false }: { children: React.ReactNode; pending?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {children}
    </button>
  )
}

export function FormAlert({ message, tone = 'error' }: { message?: string | null; tone?: 'error' | 'info' | 'success' }) {
  if (!message) return null
  const colours = {
    error: 'border-red-200 bg-red-50 text-red-800',
    info: 'border-sky-200 bg-sky-50 text-sky-900',
    success: 'border-brand-100 bg-brand-50 text-brand-800',
  }[tone]
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`rounded-xl border px-3 py-2 text-sm ${colours}`}>
      {message}
    </p>
  )
}

/** Hidden from people (and screen readers), tempting to bots: a filled value rejects the form. */
export function HoneypotField() {
  return (
    <div aria-hidden="true" className="absolute -start-[9999px] h-px w-px overflow-hidden">
      <label htmlFor="website-field">Website</label>
      <input id="website-field" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  )
}
