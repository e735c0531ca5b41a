import { intlLocale, type Language } from './i18n'

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

export function dzdToCentimes(dzd: number) {
  return Math.round(dzd * 100)
}
