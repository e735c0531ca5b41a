import { describe, expect, it } from 'vitest'
import { csvCell, csvDinars, toCsv } from './csv'

describe('CSV cells', () => {
  it('writes dinars with two decimals and a dot, negative ones too, never as a formula', () => {
    expect(csvDinars(123_456)).toBe('1234.56')
    expect(csvDinars(150_000)).toBe('1500.00')
    expect(csvDinars(-5_000)).toBe('-50.00')
    expect(csvCell(csvDinars(-5_000))).toBe('-50.00')
    expect(toCsv(['amount'], [[csvDinars(-1)], [csvDinars(10)]])).toBe('\uFEFFamount\r\n-0.01\r\n0.10\r\n')
  })

  it('still neutralises text that only starts like a number', () => {
    expect(csvCell('-2+3')).toBe(`'-2+3`)
    expect(csvCell('-1e3')).toBe(`'-1e3`)
    expect(csvCell('+213555')).toBe(`'+213555`)
  })
})
