import { z } from 'zod'
import { PriceField, StockField } from './schemas'

// The options form and the grid of combinations, as the producer fills them in (plain forms: they
// work without JavaScript). Messages are locale keys.

export const MAX_OPTION_VALUES = 12
export const MAX_OPTION_NAME = 30
export const MAX_OPTION_VALUE = 40
export const MAX_SKU = 40

/** "S, M, L" or one per line; the Arabic comma and semicolons too. Blank and repeated values are dropped. */
export function splitOptionValues(text: string) {
  const values = text
    .split(/[,،;؛\n\r]+/)
    .map((v) => v.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
  return [...new Set(values)]
}

const values = z
  .string()
  .trim()
  .max(2000, 'validation.tooLong')
  .default('')
  .transform((text) => splitOptionValues(text))
  .refine((list) => list.length <= MAX_OPTION_VALUES, 'variants.validation.tooManyValues')
  .refine((list) => list.every((v) => v.length <= MAX_OPTION_VALUE), 'variants.validation.valueTooLong')
const name = z.string().trim().max(MAX_OPTION_NAME, 'validation.tooLong').default('')

export const OptionsSchema = z
  .object({
    intent: z.literal('options'),
    option1Name: name,
    option1Values: values,
    option2Name: name,
    option2Values: values,
  })
  .superRefine((v, ctx) => {
    if (v.option1Name && !v.option1Values.length) ctx.addIssue({ code: 'custom', path: ['option1Values'], message: 'variants.validation.valuesRequired' })
    if (!v.option1Name && v.option1Values.length) ctx.addIssue({ code: 'custom', path: ['option1Name'], message: 'variants.validation.nameRequired' })
    if (v.option2Name && !v.option2Values.length) ctx.addIssue({ code: 'custom', path: ['option2Values'], message: 'variants.validation.valuesRequired' })
    if (!v.option2Name && v.option2Values.length) ctx.addIssue({ code: 'custom', path: ['option2Name'], message: 'variants.validation.nameRequired' })
    if (v.option2Name && !v.option1Name) ctx.addIssue({ code: 'custom', path: ['option1Name'], message: 'variants.validation.nameRequired' })
  })
export type OptionsInput = Omit<z.infer<typeof OptionsSchema>, 'intent'>

export const VariantRowSchema = z.object({
  id: z.string().trim().min(1).max(40),
  price: PriceField,
  stock: StockField,
  sku: z.string().trim().max(MAX_SKU, 'validation.tooLong').default(''),
  imageId: z.string().trim().max(40).default(''),
})
export type VariantRowInput = z.infer<typeof VariantRowSchema>

export const GridSchema = z.object({ intent: z.literal('grid'), rows: z.array(VariantRowSchema).max(MAX_OPTION_VALUES * MAX_OPTION_VALUES) })
