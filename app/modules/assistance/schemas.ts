import { z } from 'zod'
import { PhoneSchema } from '~/modules/accounts/schemas'
import { LegalStepSchema, PayoutStepSchema, producerCategories, ShopStepSchema } from '~/modules/shops/schemas'

// The facilitator's one-page application for a producer: who she is (her own account), her shop,
// its place, its legal numbers and her payout account — the same rules as the producer's own steps.

export const AssistedApplicationSchema = z
  .object({
    producerName: z.string({ error: 'validation.required' }).trim().min(2, 'validation.nameTooShort').max(80, 'validation.tooLong'),
    producerEmail: z.string({ error: 'validation.required' }).trim().toLowerCase().max(254, 'validation.tooLong').pipe(z.email('validation.email')),
    producerPhone: PhoneSchema,
    name: ShopStepSchema.shape.name,
    producerCategory: z.enum(producerCategories, { error: 'validation.required' }),
    communeCode: z.string({ error: 'validation.required' }).regex(/^\d{4,5}$/, 'validation.required'),
    artisanCardNumber: z.string().trim().max(40, 'validation.tooLong').optional(),
    tradeRegisterNumber: z.string().trim().max(40, 'validation.tooLong').optional(),
    nif: z.string({ error: 'validation.required' }),
    payoutMethod: z.string({ error: 'validation.required' }),
    payoutAccount: z.string({ error: 'validation.required' }),
    payoutHolderName: z.string({ error: 'validation.required' }),
  })
  .transform((v, ctx) => {
    const legal = LegalStepSchema.safeParse(v)
    const payout = PayoutStepSchema.safeParse(v)
    for (const issue of [...(legal.error?.issues ?? []), ...(payout.error?.issues ?? [])]) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    if (!legal.success || !payout.success) return z.NEVER
    return { ...v, ...legal.data, ...payout.data }
  })

export const FacilitatorSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(2, 'validation.nameTooShort').max(80, 'validation.tooLong'),
  email: z.string({ error: 'validation.required' }).trim().toLowerCase().max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  wilayaCodes: z.array(z.coerce.number().int().min(1).max(58), { error: 'validation.required' }).min(1, 'validation.required'),
})
