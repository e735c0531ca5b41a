import { z } from 'zod'
import { normalizeDigits } from './money'

// The one way a form takes a whole number (a stock, days, a weekly capacity, grams, a quantity):
// read like money (money-field.ts), so digits typed on an Arabic keyboard (٠-٩, ۰-۹) count and
// spaces grouping thousands are dropped; anything else that is not plain digits (a sign, a
// decimal, an exponent, a hexadecimal) is refused, never read as another number.

const grouping = /[\s\u00a0\u202f\u066c\u200e\u200f\u061c]/g

/**
 * A whole number between `min` and `max`; errors are locale keys: `invalid` for anything that is
 * not digits or under `min`, `tooBig` over `max`. Add `.optional()` or `.default()` for a field
 * that may stay empty (conform turns "" into undefined).
 */
export function wholeNumberField({ min = 0, max }: { min?: number; max: number }, messages: { invalid?: string; tooBig?: string } = {}) {
  const invalid = messages.invalid ?? 'validation.number'
  const tooBig = messages.tooBig ?? 'validation.tooBig'
  return z.union([z.string(), z.number()], { error: invalid }).transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : normalizeDigits(value).replace(grouping, '')
    if (!/^\d+$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: invalid })
      return z.NEVER
    }
    const number = Number(text)
    if (number > max) ctx.addIssue({ code: 'custom', message: tooBig })
    else if (number < min) ctx.addIssue({ code: 'custom', message: invalid })
    return number
  })
}
