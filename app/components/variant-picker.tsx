import { useState } from 'react'
import { useTranslation } from '~/utils/translate'
import { formatDzd } from '~/utils/money'
import type { Language } from '~/utils/i18n'

export type PickerVariant = { id: string; option1: string; option2: string | null; price: number; stock: number; photo: number | null }

/**
 * The combinations of a product with options as one radio group: each row says its price and how
 * many are left, so the choice works without JavaScript (the form posts `variantId`). With
 * JavaScript the price and stock above follow the choice (`onChange`).
 */
export function VariantPicker({
  names,
  variants,
  language,
  selected,
  onSelect,
}: {
  names: string[]
  variants: PickerVariant[]
  language: Language
  selected: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="flex flex-col gap-2" data-testid="variant-picker">
      <legend className="mb-1 text-sm font-semibold" dir="auto">
        {t('variants.choose', { options: names.join(' / ') })}
      </legend>
      <div className="grid grid-cols-1 gap-2 min-[360px]:grid-cols-2">
        {variants.map((variant) => {
          const soldOut = variant.stock <= 0
          return (
            <label
              key={variant.id}
              className={`flex min-h-14 cursor-pointer items-center gap-2 rounded-xl border px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                soldOut ? 'border-stone-200 bg-stone-50 text-stone-500' : 'border-stone-300 bg-white'
              }`}
            >
              <input
                type="radio"
                name="variantId"
                value={variant.id}
                required
                disabled={soldOut}
                defaultChecked={variant.id === selected}
                onChange={() => onSelect(variant.id)}
                className="size-5 shrink-0 accent-brand-600"
              />
              <span className="flex min-w-0 flex-col">
                <span className="font-medium break-words" dir="auto">
                  {variant.option2 ? `${variant.option1} / ${variant.option2}` : variant.option1}
                </span>
                <span className="text-sm font-semibold text-brand-700">{formatDzd(variant.price, language)}</span>
                <span className="text-xs text-stone-600">{soldOut ? t('product.stock.outOfStock') : t('variants.inStock', { count: variant.stock })}</span>
              </span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}

/** The first combination that can be bought: the one checked when the page opens. */
export function firstAvailable(variants: PickerVariant[]) {
  return variants.find((v) => v.stock > 0)?.id ?? null
}

export function useVariantChoice(variants: PickerVariant[]) {
  const [selected, setSelected] = useState(() => firstAvailable(variants))
  return { selected, setSelected, variant: variants.find((v) => v.id === selected) ?? null }
}
