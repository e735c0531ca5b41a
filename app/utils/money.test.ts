import { describe, expect, it } from 'vitest'
import { dzdToCentimes, formatDzd } from './money'

describe('formatDzd', () => {
  it('formats centimes as dinars in each language', () => {
    expect(formatDzd(250_000, 'ar')).toContain('2.500')
    expect(formatDzd(250_000, 'ar')).toContain('د.ج')
    expect(formatDzd(250_000, 'fr').replace(/\s/g, ' ')).toBe('2 500 DA')
    expect(formatDzd(250_050, 'en').replace(/\s/g, ' ')).toBe('DZD 2,500.5')
  })

  it('converts dinars to centimes without float drift', () => {
    expect(dzdToCentimes(19.99)).toBe(1999)
    expect(dzdToCentimes(1234.5)).toBe(123450)
  })
})
