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

/**
 * Which set of strings a page gets with the root loader's data (see `messagesFor` in i18n.server.ts):
 * the catalog pages only theirs, the buyer's account and checkout theirs, and the back office
 * (producers, moderators, admins) every string. The root loader runs again when a navigation
 * crosses from one area to another.
 */
export type MessageArea = 'catalog' | 'report' | 'buyer' | 'sell' | 'ministry' | 'backOffice'
export function messageArea(pathname: string): MessageArea {
  if (/^\/(dashboard|moderation|admin|dev|assist)(\/|$)/.test(pathname)) return 'backOffice'
  if (/^\/(account|checkout|login|signup|verify|forgot-password|reset-password|logout)(\/|$)/.test(pathname)) return 'buyer'
  if (/^\/sell(\/|$)/.test(pathname)) return 'sell'
  if (/^\/(open-data|api|near-me)(\/|$)/.test(pathname)) return 'ministry'
  if (/^\/p\/[^/]+\/report(\/|$)/.test(pathname)) return 'report'
  return 'catalog'
}

/**
 * The catalog's busiest pages, each of which needs only part of the catalog area's strings (the
 * rest of the area gets all of them). With the area, the key of the strings a page is sent: the
 * root loader runs again when a navigation changes it (root.tsx `shouldRevalidate`).
 */
export const catalogPageNames = ['home', 'category', 'product', 'shop', 'search', 'cart', 'impact'] as const
export type CatalogPage = (typeof catalogPageNames)[number]
const catalogPages: [CatalogPage, RegExp][] = [
  ['home', /^\/?$/],
  ['category', /^\/c\/[^/]+\/?$/],
  ['product', /^\/p\/[^/]+\/?$/],
  ['shop', /^\/s\/[^/]+\/?$/],
  ['search', /^\/search\/?$/],
  ['cart', /^\/cart\/?$/],
  ['impact', /^\/impact\/?$/],
]
export function messageSet(pathname: string): string {
  const area = messageArea(pathname)
  if (area !== 'catalog') return area
  const page = catalogPages.find(([, pattern]) => pattern.test(pathname))?.[0]
  return page ? `catalog:${page}` : area
}

/** Every value `messageSet` can return. */
export const messageSets: readonly string[] = [
  ...(['catalog', 'report', 'buyer', 'sell', 'ministry', 'backOffice'] satisfies MessageArea[]),
  ...catalogPageNames.map((page) => `catalog:${page}`),
]
