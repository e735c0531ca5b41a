import { useTranslation } from '~/utils/translate'
import { formatAlgeriaDay } from '~/utils/dates'
import type { Language } from '~/utils/i18n'

export type FoodInformation = {
  foodIngredients: string | null
  foodAllergens: string | null
  foodNetQuantity: string | null
  foodBatch: string | null
  foodBestBefore: string | null
  foodStorage: string | null
}

/** The food information of a product (product page, invoice); nothing when it has none. */
export function FoodFacts({ food, language, compact = false }: { food: FoodInformation; language: Language; compact?: boolean }) {
  const { t } = useTranslation()
  const rows = [
    ['ingredients', food.foodIngredients],
    ['allergens', food.foodAllergens],
    ['netQuantity', food.foodNetQuantity],
    ['batch', food.foodBatch],
    ['bestBefore', food.foodBestBefore ? formatAlgeriaDay(food.foodBestBefore, language) : null],
    ['storage', food.foodStorage],
  ] as const
  if (!rows.some(([, value]) => value)) return null
  return (
    <section aria-labelledby="food-heading" className={compact ? 'text-sm' : 'rounded-2xl border border-stone-200 bg-white p-4'} data-testid="food-facts">
      <h2 id="food-heading" className="mb-1 font-semibold">
        {t('food.title')}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map(([key, value]) =>
          value ? (
            <div key={key} className="contents">
              <dt className="text-stone-600">{t(`food.fields.${key}`)}</dt>
              <dd dir="auto" className="whitespace-pre-line text-start">
                {value}
              </dd>
            </div>
          ) : null
        )}
      </dl>
    </section>
  )
}
