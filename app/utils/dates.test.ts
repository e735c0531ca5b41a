import { describe, expect, it } from 'vitest'
import { algeriaDateFormat, algeriaDay, algeriaDayStart, algeriaMonth, algeriaTimestamp, formatAlgeriaDate, formatAlgeriaDay } from './dates'

// Algeria is UTC+1 all year: 23:30 UTC is already the next day there.
const lateEvening = new Date('2025-02-28T23:30:05Z')

describe('dates in Algeria', () => {
  it('writes machine-readable days, months and timestamps in Algerian wall-clock time', () => {
    expect(algeriaTimestamp(lateEvening)).toBe('2025-03-01 00:30:05')
    expect(algeriaDay(lateEvening)).toBe('2025-03-01')
    expect(algeriaMonth(lateEvening)).toBe('2025-03')
  })

  it('finds the instant a day starts there, and refuses what is not a day', () => {
    expect(algeriaDayStart('2025-03-01')?.toISOString()).toBe('2025-02-28T23:00:00.000Z')
    expect(algeriaDayStart('2025-02-30')).toBeNull()
    expect(algeriaDayStart('2025-3-1')).toBeNull()
    expect(algeriaDayStart(null)).toBeNull()
  })

  it('shows an instant to a reader in the time of Algeria, in their language', () => {
    expect(formatAlgeriaDate(lateEvening, 'fr')).toMatch(/^1 mars 2025/)
    expect(formatAlgeriaDate(lateEvening.toISOString(), 'en', 'date')).toMatch(/Mar 1, 2025|1 Mar 2025/)
    expect(formatAlgeriaDate(lateEvening, 'ar', 'monthYear')).toContain('2025')
    expect(formatAlgeriaDay('2025-03', 'fr', 'monthYear')).toBe('mars 2025')
    expect(formatAlgeriaDay('2025-03-01', 'fr', 'dayMonth')).toBe('1 mars')
    expect(formatAlgeriaDay('not a day', 'fr')).toBe('not a day')
  })

  it('builds each formatter once', () => {
    expect(algeriaDateFormat('fr', 'dateTime')).toBe(algeriaDateFormat('fr', 'dateTime'))
    expect(algeriaDateFormat('fr', 'date')).not.toBe(algeriaDateFormat('ar', 'date'))
  })
})
