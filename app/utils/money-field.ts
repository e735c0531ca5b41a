import { z } from 'zod'
import { parseDinars, type DinarsRefusal, type DinarsRules } from './money'

// The one way a form takes money: every amount field (prices, delivery fees, payout adjustments)
// is a `moneyField`, so all of them read digits the same way and refuse the same things with the
// same translated messages (`money.*`). Kept apart from money.ts so that components formatting
// amounts do not bring zod into the browser.

/**
 * A required amount typed in dinars, parsed to integer centimes (see `parseDinars`); errors are
 * locale keys, `money.<refusal>` unless `messages` names a field's own (a price says "above zero"
 * for both a negative and a zero). Add `.optional()` for a field that may stay empty (conform
 * turns "" into undefined).
 */
export function moneyField(rules: DinarsRules, messages: Partial<Record<DinarsRefusal, string>> = {}) {
  const message = (refusal: DinarsRefusal) => messages[refusal] ?? `money.${refusal}`
  return z.string({ error: message('required') }).transform((text, ctx) => {
    const parsed = parseDinars(text, rules)
    if ('centimes' in parsed) return parsed.centimes
    ctx.addIssue({ code: 'custom', message: message(parsed.refusal) })
    return z.NEVER
  })
}
