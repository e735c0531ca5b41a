import { z } from 'zod'

// Forms of the payout pages. Amounts are typed in dinars (with up to two decimals) and stored in centimes.

const dinars = z
  .string({ error: 'validation.required' })
  .trim()
  .transform((v) => v.replace(/\s/g, '').replace(',', '.'))
  .pipe(z.string().regex(/^-?\d{1,9}(\.\d{1,2})?$/, 'validation.amount'))
  .transform((v) => Math.round(Number(v) * 100))

export const RequestPayoutSchema = z.object({ intent: z.literal('request') })

export const MarkPaidSchema = z.object({
  intent: z.literal('paid'),
  payoutId: z.string().trim().min(1).max(64),
  reference: z.string({ error: 'validation.referenceRequired' }).trim().min(2, 'validation.referenceRequired').max(100, 'validation.tooLong'),
})

export const MarkFailedSchema = z.object({
  intent: z.literal('failed'),
  payoutId: z.string().trim().min(1).max(64),
  reason: z.string({ error: 'validation.reasonRequired' }).trim().min(3, 'validation.reasonRequired').max(1000, 'validation.tooLong'),
})

export const AdjustmentSchema = z.object({
  intent: z.literal('adjust'),
  shopSlug: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(100),
  amount: dinars.refine((c) => c !== 0, 'validation.amount'),
  reason: z.string({ error: 'validation.reasonRequired' }).trim().min(3, 'validation.reasonRequired').max(1000, 'validation.tooLong'),
})

export const AdminPayoutSchema = z.discriminatedUnion('intent', [MarkPaidSchema, MarkFailedSchema, AdjustmentSchema])

/** A rate typed as a percentage (10 or 7,5), stored in basis points; empty removes a category's own rate. */
export const CommissionSchema = z.object({
  categoryId: z.string().trim().max(64).optional(),
  percent: z
    .string()
    .trim()
    .transform((v) => v.replace(',', '.'))
    .pipe(z.string().regex(/^(\d{1,3}(\.\d{1,2})?)?$/, 'validation.percent'))
    .transform((v) => (v === '' ? null : Math.round(Number(v) * 100)))
    .refine((bps) => bps === null || bps <= 10_000, 'validation.percent')
    .optional(),
})

export const monthParam = (value: string | null) => (value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null)
