export const supportedLanguages = ['ar', 'fr', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'ar'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

export function textDirection(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr'
}

/** Between the parts of a place ("commune, wilaya"): Arabic has its own comma. */
export function listSeparator(language: Language) {
  return language === 'ar' ? '، ' : ', '
}

/** The BCP 47 tag used with Intl: Algerian conventions in every language. */
export function intlLocale(language: Language) {
  return `${language}-DZ`
}

export const i18nextOptions = {
  supportedLngs: supportedLanguages as unknown as string[],
  fallbackLng: fallbackLanguage,
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
} as const
