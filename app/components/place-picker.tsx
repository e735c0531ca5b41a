import type { FieldMetadata } from '@conform-to/react'
import { Form, useSubmit } from '@remix-run/react'
import { FieldErrors } from '~/components/ui/form'

type Option = { code: number | string; name: string }
const selectClass = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base aria-[invalid]:border-red-600'

/**
 * The wilaya chooser of an address form. A plain GET form that reloads the page with the
 * wilaya's communes, so it works without JavaScript; with it, choosing submits at once.
 */
export function WilayaPicker({
  wilayas,
  wilayaCode,
  hidden = {},
  labels,
}: {
  wilayas: Option[]
  wilayaCode: number | null
  /** Query values the reload keeps (the application's step). */
  hidden?: Record<string, string>
  labels: { wilaya: string; choose: string; showCommunes: string }
}) {
  const submit = useSubmit()
  return (
    <Form method="get" className="flex items-end gap-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="wilaya" className="text-sm font-medium">
          {labels.wilaya}
        </label>
        <select
          id="wilaya"
          name="wilaya"
          defaultValue={wilayaCode ?? ''}
          className={selectClass}
          onChange={(event) => submit(event.currentTarget.form, { replace: true, preventScrollReset: true })}
        >
          <option value="">{labels.choose}</option>
          {wilayas.map((w) => (
            <option key={w.code} value={w.code}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="min-h-12 rounded-xl border border-stone-300 bg-white px-4 text-sm font-medium">
        {labels.showCommunes}
      </button>
    </Form>
  )
}

/** The commune field of the address form, with the chosen wilaya alongside; empty until a wilaya is chosen. */
export function CommuneSelect({
  field,
  communes,
  wilayaCode,
  defaultValue,
  labels,
}: {
  field: FieldMetadata<string | undefined>
  communes: Option[]
  wilayaCode: number | null
  defaultValue: string
  labels: { commune: string; choose: string; chooseWilayaFirst: string }
}) {
  return (
    <>
      <input type="hidden" name="wilayaCode" value={wilayaCode ?? ''} />
      <div className="flex flex-col gap-1">
        <label htmlFor={field.id} className="text-sm font-medium">
          {labels.commune}
        </label>
        <select
          id={field.id}
          name="communeCode"
          defaultValue={defaultValue}
          disabled={!communes.length}
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={field.errors ? field.errorId : undefined}
          className={selectClass}
        >
          <option value="">{communes.length ? labels.choose : labels.chooseWilayaFirst}</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldErrors id={field.errorId} errors={field.errors} />
      </div>
    </>
  )
}
