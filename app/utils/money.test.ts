import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { centimesToDinars, formatDzd, parseDinars, type DinarsRefusal } from './money'
import { moneyField } from './money-field'

describe('formatDzd', () => {
  it('formats centimes as dinars in each language', () => {
    expect(formatDzd(250_000, 'ar')).toContain('2.500')
    expect(formatDzd(250_000, 'ar')).toContain('د.ج')
    expect(formatDzd(250_000, 'fr').replace(/\s/g, ' ')).toBe('2 500 DA')
    expect(formatDzd(250_050, 'en').replace(/\s/g, ' ')).toBe('DZD 2,500.5')
  })
})

describe('centimesToDinars', () => {
  it('writes plain dinars from integers, without float drift, and parseDinars reads them back', () => {
    const cases: [number, string, string][] = [
      [199_950, '1999.5', '1999.50'],
      [199_905, '1999.05', '1999.05'],
      [150_000, '1500', '1500.00'],
      [1, '0.01', '0.01'],
      [0, '0', '0.00'],
      [-125_050, '-1250.5', '-1250.50'],
      [1_000_000_000, '10000000', '10000000.00'],
    ]
    for (const [centimes, plain, fixed] of cases) {
      expect(centimesToDinars(centimes)).toBe(plain)
      expect(centimesToDinars(centimes, { fixed: true })).toBe(fixed)
      expect(parseDinars(plain, { maxDzd: 10_000_000, allowZero: true, allowNegative: true })).toEqual({ centimes })
    }
  })
})

describe('parseDinars: what a person types into a money field', () => {
  const price = { maxDzd: 10_000_000 }
  const cases: [string, number | DinarsRefusal][] = [
    ['1500', 150_000],
    ['1500.5', 150_050],
    ['1500,50', 150_050],
    ['19.99', 1_999],
    ['0.01', 1],
    ['0,1', 10],
    [' 2 500 ', 250_000],
    ['2\u00a0500,75', 250_075],
    ['12.', 1_200],
    ['.5', 50],
    // Arabic-Indic digits (Arabic keyboards), with the Arabic decimal and thousands separators.
    ['١٢٣', 12_300],
    ['١٢٣٫٤٥', 12_345],
    ['١٬٥٠٠', 150_000],
    ['١٢٣,٥', 12_350],
    // Extended Arabic-Indic (Persian) digits.
    ['۱۲۳', 12_300],
    ['۱۲۳.۴', 12_340],
    // Direction marks an RTL field leaves around a number.
    ['\u200f1500\u200e', 150_000],
    // At most two decimals: never rounded away, so 0.001 and 0.005 are not a free product.
    ['0.001', 'decimals'],
    ['0.005', 'decimals'],
    ['1.999', 'decimals'],
    ['1.500', 'decimals'],
    ['0', 'tooSmall'],
    ['0.00', 'tooSmall'],
    ['-0', 'tooSmall'],
    ['-1', 'negative'],
    ['-0.5', 'negative'],
    ['\u22125', 'negative'],
    ['1e3', 'invalid'],
    ['1E3', 'invalid'],
    ['1e-3', 'invalid'],
    ['Infinity', 'invalid'],
    ['NaN', 'invalid'],
    ['0x10', 'invalid'],
    ['abc', 'invalid'],
    ['12abc', 'invalid'],
    ['1,250.50', 'invalid'],
    ['1.2.3', 'invalid'],
    ['+5', 'invalid'],
    ['.', 'invalid'],
    ['-', 'invalid'],
    ['', 'required'],
    ['   ', 'required'],
    ['10000000', 1_000_000_000],
    ['10000000.01', 'tooBig'],
    ['9'.repeat(400), 'tooBig'],
    ['1e999', 'invalid'],
  ]
  it.each(cases)('%j → %j', (text, expected) => {
    expect(parseDinars(text, price)).toEqual(typeof expected === 'number' ? { centimes: expected } : { refusal: expected })
  })

  it('takes zero where a field allows it (a free delivery), and a signed amount where it allows that (an adjustment)', () => {
    expect(parseDinars('0', { maxDzd: 100, allowZero: true })).toEqual({ centimes: 0 })
    expect(parseDinars('0.001', { maxDzd: 100, allowZero: true })).toEqual({ refusal: 'decimals' })
    expect(parseDinars('-1 250,50', { maxDzd: 10_000, allowNegative: true })).toEqual({ centimes: -125_050 })
    expect(parseDinars('-10001', { maxDzd: 10_000, allowNegative: true })).toEqual({ refusal: 'tooBig' })
    expect(parseDinars('0', { maxDzd: 100, allowNegative: true })).toEqual({ refusal: 'tooSmall' })
  })
})

describe('moneyField', () => {
  const schema = z.object({ price: moneyField({ maxDzd: 10_000_000 }), fee: moneyField({ maxDzd: 1000, allowZero: true }).optional() })
  const submit = (fields: Record<string, string>) => {
    const data = new FormData()
    for (const [k, v] of Object.entries(fields)) data.set(k, v)
    return parseWithZod(data, { schema })
  }

  it('gives integer centimes', () => {
    const submission = submit({ price: '١٢٣', fee: '0' })
    expect(submission.status).toBe('success')
    expect(submission.status === 'success' && submission.value).toEqual({ price: 12_300, fee: 0 })
    const withoutFee = submit({ price: '19,99', fee: '' })
    expect(withoutFee.status === 'success' && withoutFee.value).toEqual({ price: 1_999 })
  })

  it('refuses with a locale key that exists in Arabic, French and English', () => {
    const cases: [string, string][] = [
      ['0.001', 'money.decimals'],
      ['0.005', 'money.decimals'],
      ['1.999', 'money.decimals'],
      ['1e3', 'money.invalid'],
      ['-5', 'money.negative'],
      ['0', 'money.tooSmall'],
      ['', 'money.required'],
      ['99999999', 'money.tooBig'],
    ]
    const locales = { ar, fr, en } as Record<string, { money: Record<string, string> }>
    for (const [price, key] of cases) {
      const submission = submit({ price })
      expect(submission.status, price).toBe('error')
      expect(submission.status === 'error' && submission.error?.price, price).toEqual([key])
      for (const language of ['ar', 'fr', 'en']) expect(locales[language]!.money[key.split('.')[1]!], `${language} ${key}`).toBeTruthy()
    }
  })

  it('refuses a file where the amount belongs with its message, not a crash', () => {
    const data = new FormData()
    data.set('price', new File(['1'], 'x.txt'))
    const submission = parseWithZod(data, { schema })
    expect(submission.status).toBe('error')
    expect(submission.status === 'error' && submission.error?.price).toEqual(['money.required'])
  })
})
