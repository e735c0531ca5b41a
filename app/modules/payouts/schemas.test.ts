import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { AdminPayoutSchema, CommissionSchema } from './schemas'

const form = (entries: Record<string, string>) => {
  const data = new FormData()
  for (const [k, v] of Object.entries(entries)) data.set(k, v)
  return data
}

describe('payout forms', () => {
  it('marking paid needs a reference, failed a reason, each with a translatable message', () => {
    const paid = parseWithZod(form({ intent: 'paid', payoutId: 'p1', reference: ' ' }), { schema: AdminPayoutSchema })
    expect(paid.status).toBe('error')
    expect(paid.error?.reference).toEqual(['validation.referenceRequired'])
    const failed = parseWithZod(form({ intent: 'failed', payoutId: 'p1', reason: '' }), { schema: AdminPayoutSchema })
    expect(failed.error?.reason).toEqual(['validation.reasonRequired'])
  })

  it('an adjustment is typed in dinars (comma or point, signed) and stored in centimes; zero or text is refused', () => {
    const ok = parseWithZod(form({ intent: 'adjust', shopSlug: 'kuskus', amount: '-1 250,50', reason: 'Frais Yalidine' }), { schema: AdminPayoutSchema })
    expect(ok.status === 'success' && ok.value).toMatchObject({ intent: 'adjust', amount: -125_050 })
    for (const amount of ['0', 'abc', '1.234']) {
      const bad = parseWithZod(form({ intent: 'adjust', shopSlug: 'kuskus', amount, reason: 'Frais Yalidine' }), { schema: AdminPayoutSchema })
      expect(bad.error?.amount).toEqual(['validation.amount'])
    }
  })

  it('a commission rate is a percentage up to 100 with two decimals; empty removes a category rate', () => {
    const rate = (percent: string) => parseWithZod(form({ percent }), { schema: CommissionSchema })
    expect(rate('7,5').status === 'success' && rate('7,5').value).toMatchObject({ percent: 750 })
    expect(rate('').status).toBe('success')
    expect(rate('101').error?.percent).toEqual(['validation.percent'])
    expect(rate('-3').error?.percent).toEqual(['validation.percent'])
  })
})
