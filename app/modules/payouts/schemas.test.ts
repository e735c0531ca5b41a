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
    expect(valueOf(parseWithZod(form({ intent: 'adjust', shopSlug: 'kuskus', amount: '١٢٣', reason: 'Frais Yalidine' }), { schema: AdminPayoutSchema }))).toMatchObject({
      amount: 12_300,
    })
    for (const [amount, key] of [
      ['0', 'money.tooSmall'],
      ['abc', 'money.invalid'],
      ['1e3', 'money.invalid'],
      ['1.234', 'money.decimals'],
      ['0.001', 'money.decimals'],
    ]) {
      const bad = parseWithZod(form({ intent: 'adjust', shopSlug: 'kuskus', amount: amount!, reason: 'Frais Yalidine' }), { schema: AdminPayoutSchema })
      expect(errorsOf(bad).amount, amount).toEqual([key])
    }
  })

  it('a commission rate is a percentage up to 100 with two decimals; empty removes a category rate', () => {
    const rate = (percent: string) => parseWithZod(form({ percent }), { schema: CommissionSchema })
    expect(valueOf(rate('7,5'))).toMatchObject({ percent: 750 })
    expect(rate('').status).toBe('success')
    expect(errorsOf(rate('101')).percent).toEqual(['validation.percent'])
    expect(errorsOf(rate('-3')).percent).toEqual(['validation.percent'])
    expect(errorsOf(rate('7.555')).percent).toEqual(['validation.percent'])
    expect(errorsOf(rate('1e1')).percent).toEqual(['validation.percent'])
    expect(valueOf(rate('٧٫٥'))).toMatchObject({ percent: 750 })
  })
})
