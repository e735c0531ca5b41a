import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { AdminPayoutSchema, CommissionSchema } from './schemas'

const form = (entries: Record<string, string>) => {
  const data = new FormData()
  for (const [k, v] of Object.entries(entries)) data.set(k, v)
  return data
}

// The submission's field errors (none when it parsed) and its value (none when it did not).
const errorsOf = (s: { status?: string }) => ('error' in s ? (s.error as Record<string, string[] | null> | null) : null) ?? {}
const valueOf = (s: { status?: string }) => ('value' in s ? (s.value as Record<string, unknown>) : null)

describe('payout forms', () => {
  it('marking paid needs a reference, failed a reason, each with a translatable message', () => {
    const paid = parseWithZod(form({ intent: 'paid', payoutId: 'p1', reference: ' ' }), { schema: AdminPayoutSchema })
    expect(paid.status).toBe('error')
    expect(errorsOf(paid).reference).toEqual(['validation.referenceRequired'])
    const failed = parseWithZod(form({ intent: 'failed', payoutId: 'p1', reason: '' }), { schema: AdminPayoutSchema })
    expect(errorsOf(failed).reason).toEqual(['validation.reasonRequired'])
  })

  it('an adjustment is typed in dinars (comma or point, signed) and stored in centimes; zero or text is refused', () => {
    const ok = parseWithZod(form({ intent: 'adjust', shopSlug: 'kuskus', amount: '-1 250,50', reason: 'Frais Yalidine' }), { schema: AdminPayoutSchema })
    expect(valueOf(ok)).toMatchObject({ intent: 'adjust', amount: -125_050 })
    for (const amount of ['0', 'abc', '1.234']) {
      const bad = parseWithZod(form({ intent: 'adjust', shopSlug: 'kuskus', amount, reason: 'Frais Yalidine' }), { schema: AdminPayoutSchema })
      expect(errorsOf(bad).amount).toEqual(['validation.amount'])
    }
  })

  it('a commission rate is a percentage up to 100 with two decimals; empty removes a category rate', () => {
    const rate = (percent: string) => parseWithZod(form({ percent }), { schema: CommissionSchema })
    expect(valueOf(rate('7,5'))).toMatchObject({ percent: 750 })
    expect(rate('').status).toBe('success')
    expect(errorsOf(rate('101')).percent).toEqual(['validation.percent'])
    expect(errorsOf(rate('-3')).percent).toEqual(['validation.percent'])
  })
})
