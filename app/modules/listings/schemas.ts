import { z } from 'zod'
import { moneyField } from '~/utils/money-field'
import { wholeNumberField } from '~/utils/number-field'
import type { ListingInput } from './listings.server'

// A product as the producer fills it in. The price is typed in dinars and parsed to centimes here.
// Messages are locale keys.

export const MAX_PHOTOS = 8
export const MAX_TITLE = 120
export const MAX_DESCRIPTION = 5000
export const MAX_PRICE_DZD = 10_000_000
export const MAX_STOCK = 100_000
export const MAX_MADE_TO_ORDER_DAYS = 90
export const MAX_CAPACITY_PER_WEEK = 10_000

/** A whole number from 0 to `max` (Arabic-Indic digits read, see number-field.ts). */
const count = (max: number) => wholeNumberField({ max })

/** Centimes, at least 1 (a price of 0.001 DA is refused, not rounded to a free product). */
export const PriceField = moneyField(
  { maxDzd: MAX_PRICE_DZD },
  { negative: 'listings.validation.pricePositive', tooSmall: 'listings.validation.pricePositive' }
)
export const StockField = count(MAX_STOCK)

/** The optional versions of the title and description in the site's languages (decision 013). */
export const translationFields = ['titleAr', 'titleFr', 'titleEn', 'descriptionAr', 'descriptionFr', 'descriptionEn'] as const
export type TranslationField = (typeof translationFields)[number]
const optionalTitle = z.string().trim().max(MAX_TITLE, 'validation.tooLong').optional()
const optionalDescription = z.string().trim().max(MAX_DESCRIPTION, 'validation.tooLong').optional()

/** The food information fields (required in food categories: checked by the module, which knows the category). */
export const foodFields = ['foodIngredients', 'foodAllergens', 'foodNetQuantity', 'foodBatch', 'foodBestBefore', 'foodStorage'] as const
export type FoodField = (typeof foodFields)[number]
const foodText = (max: number) => z.string().trim().max(max, 'validation.tooLong').optional()
const optionalDay = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'validation.invalid')
  .refine((v) => {
    // Runs after a failed regex too: anything that is not a real day (30 February) is refused, never thrown.
    if (!v) return true
    const day = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v
  }, 'validation.invalid')
  .optional()

export const ProductSchema = z.object({
  title: z.string({ error: 'validation.required' }).trim().min(3, 'listings.validation.titleTooShort').max(MAX_TITLE, 'validation.tooLong'),
  description: z.string().trim().max(MAX_DESCRIPTION, 'validation.tooLong').default(''),
  categoryId: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(40, 'validation.invalid'),
  price: PriceField,
  stock: StockField,
  madeToOrderDays: count(MAX_MADE_TO_ORDER_DAYS).default(0),
  /** Made to order: pieces a week (empty: no limit); only with preparation days. */
  capacityPerWeek: wholeNumberField({ min: 1, max: MAX_CAPACITY_PER_WEEK }).optional(),
  /** Seasonal: on sale only from / until these days (either may be empty). */
  availableFrom: optionalDay,
  availableUntil: optionalDay,
  weightG: wholeNumberField({ min: 1, max: 100_000 }).optional(),
  titleAr: optionalTitle,
  titleFr: optionalTitle,
  titleEn: optionalTitle,
  descriptionAr: optionalDescription,
  descriptionFr: optionalDescription,
  descriptionEn: optionalDescription,
  foodIngredients: foodText(2000),
  foodAllergens: foodText(500),
  foodNetQuantity: foodText(60),
  foodBatch: foodText(100),
  foodBestBefore: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'validation.invalid')
    .refine((v) => !v || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'validation.invalid')
    .optional(),
  foodStorage: foodText(500),
})
  .superRefine((value, ctx) => {
    if (value.capacityPerWeek && !value.madeToOrderDays)
      ctx.addIssue({ code: 'custom', path: ['capacityPerWeek'], message: 'listings.validation.capacityNeedsDays' })
    if (value.availableFrom && value.availableUntil && value.availableUntil < value.availableFrom)
      ctx.addIssue({ code: 'custom', path: ['availableUntil'], message: 'listings.validation.seasonEndsBeforeStart' })
  })
export type ProductFormValue = z.infer<typeof ProductSchema>

export const PriceSchema = z.object({ intent: z.literal('price'), productId: z.string().min(1), price: PriceField })
export const StockSchema = z.object({ intent: z.literal('stock'), productId: z.string().min(1), stock: StockField })

/** The module's input from a valid form: an empty weight to null. */
export function toListingInput(value: ProductFormValue) {
  return {
    title: value.title,
    description: value.description,
    categoryId: value.categoryId,
    price: value.price,
    stock: value.stock,
    madeToOrderDays: value.madeToOrderDays,
    capacityPerWeek: value.capacityPerWeek ?? null,
    availableFrom: value.availableFrom || null,
    availableUntil: value.availableUntil || null,
    weightG: value.weightG ?? null,
    // An empty field means "no version in that language": the original is shown instead.
    ...Object.fromEntries(translationFields.map((field) => [field, value[field] || null])),
    ...Object.fromEntries(foodFields.map((field) => [field, value[field] || null])),
  } as ListingInput
}

/** The translations as the form's default values ('' for none). */
export function translationFormValues(product: Record<TranslationField, string | null>) {
  return Object.fromEntries(translationFields.map((field) => [field, product[field] ?? ''])) as Record<TranslationField, string>
}

/** The food information as the form's default values ('' for none). */
export function foodFormValues(product: Record<FoodField, string | null>) {
  return Object.fromEntries(foodFields.map((field) => [field, product[field] ?? ''])) as Record<FoodField, string>
}
