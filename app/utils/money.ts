import { intlLocale, type Language } from './i18n'

// Money is held in centimes of DZD (integers) everywhere: in the database, the modules and the
// loaders' data. Dinars exist only at the edges: what a person types (`parseDinars`), what a
// person reads (`formatDzd`) and plain dinars in a form field or a file (`centimesToDinars`).

const formatters = new Map<Language, Intl.NumberFormat>()

/** Formats an amount held in centimes of DZD for a reader of `language` (e.g. "2.500 د.ج." / "2 500 DA"). */
export function formatDzd(centimes: number, language: Language) {
  let formatter = formatters.get(language)
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocale(language), {
      style: 'currency',
      currency: 'DZD',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    })
    formatters.set(language, formatter)
  }
  return formatter.format(centimes / 100)
}

/**
 * Centimes as plain dinars — a dot before the decimals, no grouping, computed on integers so no
 * float rounding shows: 199950 → "1999.5", or "1999.50" with `fixed` (two decimals always, what
 * spreadsheets and structured data expect). Also what a money field shows to be edited, and
 * `parseDinars` reads it back to the same centimes.
 */
export function centimesToDinars(centimes: number, { fixed = false }: { fixed?: boolean } = {}) {
  const sign = centimes < 0 ? '-' : ''
  const abs = Math.abs(Math.round(centimes))
  const whole = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  if (fixed) return `${sign}${whole}.${cents}`
  return cents === '00' ? `${sign}${whole}` : `${sign}${whole}.${cents.replace(/0$/, '')}`
}

/** Why typed money was refused; each has a message at `money.<reason>` in the locales. */
export type DinarsRefusal = 'required' | 'invalid' | 'decimals' | 'negative' | 'tooSmall' | 'tooBig'

export type DinarsRules = {
  /** The largest amount accepted, in dinars (also the most negative one, with `allowNegative`). */
  maxDzd: number
  /** Zero is an amount (a free delivery); otherwise at least 1 centime. */
  allowZero?: boolean
  /** A signed amount (a ledger adjustment: a credit or a debit). */
  allowNegative?: boolean
}

// What phones and keyboards type besides ASCII: Arabic-Indic digits (٠١٢٣, Arabic keyboards) and
// Extended Arabic-Indic digits (۰۱۲۳, Persian and Urdu keyboards); the Arabic decimal separator ٫;
// grouping with spaces (also no-break ones) or the Arabic thousands separator ٬; direction marks
// that right-to-left input leaves around numbers; the minus sign (U+2212).
const ARABIC_INDIC_ZERO = 0x0660
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0
const otherDigits = /[\u0660-\u0669\u06f0-\u06f9]/g
const grouping = /[\s\u00a0\u202f\u066c\u200e\u200f\u061c]/g
// Whole dinars, then at most one separator (dot, comma or ٫) and its decimals. No exponent, no
// grouping by dots or commas (in French "1.500" is fifteen hundred: refused as three decimals).
const amountPattern = /^([-\u2212])?(\d*)(?:[.,\u066b](\d*))?$/

/** Typed text with every digit, separator and sign in ASCII: "١٢٣٫٥" → "123.5". */
export function normalizeDigits(text: string) {
  return text.replace(otherDigits, (d) => {
    const code = d.charCodeAt(0)
    return String(code - (code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO))
  })
}

/**
 * A decimal typed by a person, in hundredths (centimes of a dinar, basis points of a percent):
 * "1 250,5" → 125050, "١٢٣" → 12300. Exact (integers, never floats); refuses more than two
 * decimals rather than rounding them away, and any exponent, letter or second separator.
 */
export function parseHundredths(text: string): { value: number } | { refusal: 'required' | 'invalid' | 'decimals' | 'tooBig' } {
  const compact = normalizeDigits(text).replace(grouping, '')
  if (compact === '') return { refusal: 'required' }
  const match = amountPattern.exec(compact)
  if (!match) return { refusal: 'invalid' }
  const [, minus, whole = '', decimals = ''] = match
  if (whole === '' && decimals === '') return { refusal: 'invalid' }
  if (decimals.length > 2) return { refusal: 'decimals' }
  // 13 digits of dinars stay exact in a double once multiplied by 100; every bound is far below.
  const digits = whole.replace(/^0+(?=\d)/, '')
  if (digits.length > 13) return { refusal: 'tooBig' }
  const hundredths = Number(digits || '0') * 100 + Number(decimals.padEnd(2, '0'))
  return { value: minus && hundredths !== 0 ? -hundredths : hundredths }
}

/** Dinars as a person types them, to centimes, under a field's rules; or why they are refused. */
export function parseDinars(text: string, rules: DinarsRules): { centimes: number } | { refusal: DinarsRefusal } {
  const parsed = parseHundredths(text)
  if ('refusal' in parsed) return parsed
  const centimes = parsed.value
  if (centimes < 0 && !rules.allowNegative) return { refusal: 'negative' }
  if (centimes === 0 && !rules.allowZero) return { refusal: 'tooSmall' }
  if (Math.abs(centimes) > rules.maxDzd * 100) return { refusal: 'tooBig' }
  return { centimes }
}
