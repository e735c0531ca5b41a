import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from '~/utils/translate'
import { FieldErrors, TextField } from '~/components/ui/form'
import { MAX_DESCRIPTION, type FoodField, type TranslationField } from '~/modules/listings/schemas'

// The product's fields, shared by the "new" and "edit" pages (the photos are handled by each page).

type Fields = Record<
  'title' | 'description' | 'categoryId' | 'price' | 'stock' | 'madeToOrderDays' | 'capacityPerWeek' | 'availableFrom' | 'availableUntil' | 'weightG' | TranslationField | FoodField,
  FieldMetadata<string | undefined>
>

export function ProductFields({ fields, categories }: { fields: Fields; categories: { id: string; name: string }[] }) {
  const { t } = useTranslation()
  const description = getTextareaProps(fields.description)
  const category = getSelectProps(fields.categoryId)
  return (
    <>
      <TextField field={fields.title} label={t('listings.fields.title')} dir="auto" autoComplete="off" />
      <div className="flex flex-col gap-1">
        <label htmlFor={fields.description.id} className="text-sm font-medium text-stone-800">{t('listings.fields.description')}</label>
        <textarea
          {...description}
          key={description.key}
          rows={5}
          maxLength={MAX_DESCRIPTION}
          dir="auto"
          className="rounded-xl border border-stone-300 bg-white p-3 text-base aria-[invalid]:border-red-600"
        />
        <p className="text-xs text-stone-500">{t('listings.fields.descriptionHint')}</p>
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={fields.categoryId.id} className="text-sm font-medium text-stone-800">{t('listings.fields.category')}</label>
        <select {...category} key={category.key} className="min-h-12 rounded-xl border border-stone-300 bg-white px-3 text-base aria-[invalid]:border-red-600">
          <option value="">{t('listings.fields.chooseCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
        <FieldErrors id={fields.categoryId.errorId} errors={fields.categoryId.errors} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        {/* Text, not number: phones type Arabic-Indic digits and a decimal comma, which the server reads (moneyField). */}
        <NumberField field={fields.price} label={t('listings.fields.price')} type="text" inputMode="decimal" dir="ltr" autoComplete="off" />
        <NumberField field={fields.stock} label={t('listings.fields.stock')} inputMode="numeric" min={0} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <NumberField field={fields.madeToOrderDays} label={t('listings.fields.madeToOrderDays')} hint={t('listings.fields.madeToOrderHint')} inputMode="numeric" min={0} />
        <NumberField field={fields.capacityPerWeek} label={t('listings.fields.capacityPerWeek')} hint={t('listings.fields.capacityHint')} inputMode="numeric" min={1} />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-stone-800">{t('listings.fields.season')}</legend>
        <p className="text-xs text-stone-500">{t('listings.fields.seasonHint')}</p>
        {/* One under the other on a phone: a date input needs the width. */}
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberField field={fields.availableFrom} label={t('listings.fields.availableFrom')} type="date" dir="ltr" />
          <NumberField field={fields.availableUntil} label={t('listings.fields.availableUntil')} type="date" dir="ltr" />
        </div>
      </fieldset>
      <NumberField field={fields.weightG} label={t('listings.fields.weightG')} hint={t('listings.fields.weightHint')} inputMode="numeric" min={1} />
      <OtherLanguages fields={fields} />
      <FoodInformation fields={fields} />
    </>
  )
}

// Food information: required in food categories (the server says which, with an error per field).
// Folded unless filled in or refused, like the other languages.
function FoodInformation({ fields }: { fields: Fields }) {
  const { t } = useTranslation()
  const names = ['foodIngredients', 'foodAllergens', 'foodNetQuantity', 'foodBatch', 'foodBestBefore', 'foodStorage'] as const
  const labels = { foodIngredients: 'ingredients', foodAllergens: 'allergens', foodNetQuantity: 'netQuantity', foodBatch: 'batch', foodBestBefore: 'bestBefore', foodStorage: 'storage' } as const
  const open = names.some((n) => fields[n].initialValue || fields[n].errors)
  return (
    <details open={open} className="rounded-xl border border-stone-200 bg-stone-50 p-3" data-testid="food-information">
      <summary className="min-h-11 cursor-pointer py-2 font-medium">{t('food.title')}</summary>
      <p className="mb-3 text-xs text-stone-500">{t('food.help')}</p>
      <div className="flex flex-col gap-3">
        {names.map((name) =>
          name === 'foodIngredients' || name === 'foodStorage' ? (
            <div key={name} className="flex flex-col gap-1">
              <label htmlFor={fields[name].id} className="text-sm font-medium text-stone-800">{t(`food.fields.${labels[name]}`)}</label>
              <textarea {...getTextareaProps(fields[name])} key={fields[name].key} rows={3} dir="auto" className="rounded-xl border border-stone-300 bg-white p-3 text-base aria-[invalid]:border-red-600" />
              <FieldErrors id={fields[name].errorId} errors={fields[name].errors} />
            </div>
          ) : name === 'foodBestBefore' ? (
            <NumberField key={name} field={fields[name]} label={t('food.fields.bestBefore')} type="date" dir="ltr" />
          ) : (
            <TextField
              key={name}
              field={fields[name]}
              label={t(`food.fields.${labels[name]}`)}
              dir="auto"
              autoComplete="off"
            />
          )
        )}
      </div>
    </details>
  )
}

// The title and description in the site's languages, folded: most producers write one version.
// Open when one is filled in (editing) or refused by validation.
function OtherLanguages({ fields }: { fields: Fields }) {
  const { t } = useTranslation()
  const languages = [
    { code: 'ar', title: fields.titleAr, description: fields.descriptionAr },
    { code: 'fr', title: fields.titleFr, description: fields.descriptionFr },
    { code: 'en', title: fields.titleEn, description: fields.descriptionEn },
  ] as const
  const open = languages.some((l) => l.title.initialValue || l.description.initialValue || l.title.errors || l.description.errors)
  return (
    <details open={open} className="rounded-xl border border-stone-200 bg-stone-50 p-3" data-testid="other-languages">
      <summary className="min-h-11 cursor-pointer py-2 font-medium">{t('listingTranslations.title')}</summary>
      <p className="mb-3 text-xs text-stone-500">{t('listingTranslations.hint')}</p>
      <div className="flex flex-col gap-3">
        {languages.map(({ code, title, description }) => {
          const key = code === 'ar' ? 'Ar' : code === 'fr' ? 'Fr' : 'En'
          const textarea = getTextareaProps(description)
          return (
            <div key={code} className="flex flex-col gap-2">
              <TextField field={title} label={t(`listingTranslations.title${key}`)} lang={code} dir={code === 'ar' ? 'rtl' : 'ltr'} autoComplete="off" />
              <label htmlFor={description.id} className="text-sm font-medium text-stone-800">{t(`listingTranslations.description${key}`)}</label>
              <textarea {...textarea} key={textarea.key} lang={code} dir={code === 'ar' ? 'rtl' : 'ltr'} rows={3} maxLength={MAX_DESCRIPTION} className="rounded-xl border border-stone-300 bg-white p-3 text-base aria-[invalid]:border-red-600" />
              <FieldErrors id={description.errorId} errors={description.errors} />
            </div>
          )
        })}
      </div>
    </details>
  )
}

function NumberField({ field, label, hint, ...rest }: { field: FieldMetadata<string | undefined>; label: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const props = getInputProps(field, { type: 'number' })
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={field.id} className="text-sm font-medium text-stone-800">{label}</label>
      <input {...props} {...rest} key={props.key} className="min-h-12 w-full min-w-0 rounded-xl border border-stone-300 bg-white px-3 text-base tabular-nums aria-[invalid]:border-red-600" />
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}
