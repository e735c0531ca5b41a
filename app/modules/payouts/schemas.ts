import { z } from 'zod'
import { parseHundredths } from '~/utils/money'
import { moneyField } from '~/utils/money-field'

// Forms of the payout pages. Amounts are typed in dinars (with up to two decimals) and parsed to centimes.

/** The largest adjustment, either way: a correction, not a way to move a shop's whole year. */
export const MAX_ADJUSTMENT_DZD = 10_000_000

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
  amount: moneyField({ maxDzd: MAX_ADJUSTMENT_DZD, allowNegative: true }),
  reason: z.string({ error: 'validation.reasonRequired' }).trim().min(3, 'validation.reasonRequired').max(1000, 'validation.tooLong'),
})

export const AdminPayoutSchema = z.discriminatedUnion('intent', [MarkPaidSchema, MarkFailedSchema, AdjustmentSchema])

/** A rate typed as a percentage (10 or 7,5), stored in basis points; empty removes a category's own rate. */
export const CommissionSchema = z.object({
  categoryId: z.string().trim().max(64).optional(),
  // Read like money (the same digits and separators, two decimals at most), in hundredths of a percent.
  percent: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseHundredths(text)
      if ('value' in parsed && parsed.value >= 0 && parsed.value <= 10_000) return parsed.value
      if ('refusal' in parsed && parsed.refusal === 'required') return null
      ctx.addIssue({ code: 'custom', message: 'validation.percent' })
      return z.NEVER
    })
    .optional(),
})

export const monthParam = (value: string | null) => (value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null)
