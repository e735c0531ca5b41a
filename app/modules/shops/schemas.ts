import { z } from 'zod'
import { PhoneSchema } from '~/modules/accounts/schemas'

// The application to sell, one schema per step. Messages are locale keys under `validation.*`.

export const producerCategories = ['productive_family', 'rural_woman', 'artisan', 'cooperative'] as const
export const applicationSteps = ['shop', 'place', 'legal', 'payout', 'documents', 'review'] as const
export type ApplicationStep = (typeof applicationSteps)[number]

const text = (max: number) => z.string({ error: 'validation.required' }).trim().max(max, 'validation.tooLong')

export const ShopStepSchema = z.object({
  name: text(80).min(2, 'validation.nameTooShort'),
  story: text(2000).optional(),
  producerCategory: z.enum(producerCategories, { error: 'validation.required' }),
})

export const PlaceStepSchema = z.object({
  wilayaCode: z.coerce.number({ error: 'validation.required' }).int().min(1, 'validation.required').max(99),
  // Optional here so that choosing a wilaya without JavaScript can re-render the commune list.
  communeCode: z.string().regex(/^\d{4,5}$/, 'validation.required').optional(),
  phone: PhoneSchema,
})

/** Artisan card (carte d'artisan) or trade register number: law 18-05 puts one on every invoice, with the NIF. */
export const LegalStepSchema = z
  .object({
    artisanCardNumber: text(40).optional(),
    tradeRegisterNumber: text(40).optional(),
    nif: z
      .string({ error: 'validation.required' })
      .trim()
      .transform((v) => v.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{15,20}$/, 'validation.nif')),
  })
  .refine((v) => v.artisanCardNumber || v.tradeRegisterNumber, { path: ['artisanCardNumber'], message: 'validation.cardOrRegister' })

/**
 * CCP: account number (up to 10 digits) and its 2-digit key, stored as "0012345678 42".
 * RIP: the 20-digit relevé d'identité postale/bancaire.
 */
export const PayoutStepSchema = z
  .object({
    payoutMethod: z.enum(['ccp', 'rip'], { error: 'validation.required' }),
    payoutAccount: z.string({ error: 'validation.required' }).trim().max(40, 'validation.tooLong'),
    payoutHolderName: text(80).min(2, 'validation.nameTooShort'),
  })
  .transform((v, ctx) => {
    const digits = v.payoutAccount.replace(/[\s.-]/g, '')
    if (v.payoutMethod === 'ccp') {
      const match = digits.match(/^(\d{1,10})(?:cl[ée]?)?(\d{2})$/i)
      if (!match) {
        ctx.addIssue({ code: 'custom', path: ['payoutAccount'], message: 'validation.ccp' })
        return z.NEVER
      }
      return { ...v, payoutAccount: `${match[1]!.padStart(10, '0')} ${match[2]}` }
    }
    if (!/^\d{20}$/.test(digits)) {
      ctx.addIssue({ code: 'custom', path: ['payoutAccount'], message: 'validation.rip' })
      return z.NEVER
    }
    return { ...v, payoutAccount: digits }
  })

export const SettingsProfileSchema = z.object({
  intent: z.literal('profile'),
  story: text(2000).optional(),
  phone: PhoneSchema,
})
