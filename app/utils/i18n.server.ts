import { createHash } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { shouldUseSecureCookies } from './env.server'
import { RemixI18Next } from 'remix-i18next/server'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { fallbackLanguage, i18nextOptions, isLanguage, messageSet, messageSets, supportedLanguages, type CatalogPage, type Language, type MessageArea } from './i18n'
import { createTranslate, type Messages, type StringsFile } from './translate'

export const resources = {
  ar: { translation: ar },
  fr: { translation: fr },
  en: { translation: en },
}

/** The visitor's chosen language; a year long, readable by nothing but the server. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: shouldUseSecureCookies(),
})

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // The switcher's cookie first, then the browser's Accept-Language; never a query parameter.
    order: ['cookie', 'header'],
  },
  i18next: { ...i18nextOptions, resources },
})

// One i18next instance per language, built on first use and shared by every request: remix-i18next
// builds and initialises a new one on each `getFixedT` call (4 % of a page's CPU). Calls with their
// own namespaces or options still get their own instance.
const sharedTranslators = new Map<Language, ReturnType<RemixI18Next['getFixedT']>>()
const buildTranslator = i18nServer.getFixedT.bind(i18nServer) as (
  requestOrLocale: Request | string,
  ...rest: unknown[]
) => ReturnType<RemixI18Next['getFixedT']>
i18nServer.getFixedT = (async (requestOrLocale: Request | string, ...rest: unknown[]) => {
  if (rest.some((argument) => argument !== undefined)) return buildTranslator(requestOrLocale, ...rest)
  const locale = typeof requestOrLocale === 'string' ? requestOrLocale : await getLanguage(requestOrLocale)
  if (!isLanguage(locale)) return buildTranslator(locale)
  let translator = sharedTranslators.get(locale)
  if (!translator) {
    translator = buildTranslator(locale)
    sharedTranslators.set(locale, translator)
    translator.catch(() => sharedTranslators.delete(locale))
  }
  return translator
}) as RemixI18Next['getFixedT']

// The root loader, the page's loader, its translator and entry.server all ask: resolved once per
// request (a cookie parse and an Accept-Language parse each time otherwise).
const languages = new WeakMap<Request, Promise<Language>>()

export function getLanguage(request: Request): Promise<Language> {
  let language = languages.get(request)
  if (!language) {
    language = i18nServer.getLocale(request).then((locale) => (isLanguage(locale) ? locale : fallbackLanguage))
    languages.set(request, language)
  }
  return language
}

// The root layout's strings (header, footer, error page) are on every page.
const layoutNamespaces = ['brand', 'header', 'footer', 'errors', 'impact']

/** The namespaces each area's pages use (app/utils/messages.test.ts checks every page against this). */
const areaNamespaces: Record<Exclude<MessageArea, 'backOffice'>, string[]> = {
  catalog: [...layoutNamespaces, 'nearMe', 'home', 'product', 'producerCategory', 'search', 'searchResults', 'searchFacets', 'listing', 'category', 'cart', 'reviews', 'seo', 'shop', 'favourites', 'share', 'variants', 'food'],
  report: [...layoutNamespaces, 'product', 'reportReasons', 'reports', 'validation'],
  buyer: [...layoutNamespaces, 'auth', 'phoneAuth', 'account', 'notifications', 'notices', 'validation', 'rateLimit', 'cart', 'checkout', 'orders', 'reviews', 'product', 'checkoutPlacement', 'payments', 'delivery', 'messaging', 'variants', 'food', 'media'],
  sell: [...layoutNamespaces, 'auth', 'phoneAuth', 'sell', 'reasons', 'producerCategory', 'validation', 'media'],
  // Issue 22's public pages: open data, the partner API's docs, near me.
  ministry: [...layoutNamespaces, 'openData', 'partners', 'nearMe', 'producerCategory'],
}

/**
 * The catalog's busiest pages leave out the area's namespaces their code does not use (half the
 * strings on the home page). Omissions rather than lists: a namespace added to the catalog area
 * reaches these pages too until it is omitted here; messages.test.ts checks every page.
 */
const catalogPageOmits: Record<CatalogPage, string[]> = {
  home: ['share', 'producerCategory', 'search', 'searchResults', 'searchFacets', 'listing', 'category', 'reviews', 'seo', 'shop'],
  category: ['share', 'nearMe', 'home', 'reviews', 'searchResults', 'seo', 'shop'],
  product: ['nearMe', 'home', 'search', 'searchResults', 'searchFacets', 'listing', 'category', 'shop'],
  shop: ['nearMe', 'home', 'search', 'searchResults', 'searchFacets', 'listing', 'category', 'reviews'],
  search: ['share', 'nearMe', 'home', 'category', 'reviews', 'seo', 'shop'],
  cart: ['share', 'nearMe', 'home', 'product', 'producerCategory', 'search', 'searchResults', 'searchFacets', 'listing', 'category', 'reviews', 'seo', 'shop'],
  impact: ['share', 'nearMe', 'home', 'product', 'producerCategory', 'search', 'searchResults', 'searchFacets', 'listing', 'category', 'cart', 'reviews', 'shop'],
}

const setMessages = new Map<string, Messages>()

/**
 * The strings sent to the browser for a page at `pathname`: on the public and buyer pages only the
 * namespaces of the page's area (a catalog page gets about a sixth of the file, its busiest pages
 * less: `messageSet`), in the back office every one.
 */
export function messagesFor(language: Language, pathname: string): Messages {
  return messagesOfSet(language, messageSet(pathname))
}

function messagesOfSet(language: Language, set: string): Messages {
  const all = resources[language].translation as Messages
  if (set === 'backOffice') return all
  let messages = setMessages.get(`${language}:${set}`)
  if (!messages) {
    const [area, page] = set.split(':') as [Exclude<MessageArea, 'backOffice'>, CatalogPage | undefined]
    const omit = new Set(page ? catalogPageOmits[page] : [])
    const namespaces = areaNamespaces[area].filter((namespace) => namespace in all && !omit.has(namespace))
    messages = Object.fromEntries(namespaces.map((namespace) => [namespace, all[namespace]!]))
    setMessages.set(`${language}:${set}`, messages)
  }
  return messages
}

/**
 * A set of strings as a file (`/strings/<language>/<set>.<hash>.json`): a document names it instead
 * of carrying the strings in its loader data (12 KB on the home page, rendered, escaped and
 * compressed into every response), and the browser keeps it for a year — the name changes with the
 * strings. Client navigations still get their strings with the root loader's data (root.tsx).
 */
type BuiltStringsFile = StringsFile & { name: string; body: string }
const stringsFiles = new Map<string, BuiltStringsFile>()

/** `catalog:home` is `catalog-home` in a file name. */
const setSlug = (set: string) => set.replace(':', '-')

function stringsFileOfSet(language: Language, set: string): BuiltStringsFile {
  const key = `${language}:${set}`
  let file = stringsFiles.get(key)
  if (!file) {
    const body = JSON.stringify(messagesOfSet(language, set))
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
    const name = `${setSlug(set)}.${hash}.json`
    file = { key, name, src: `/strings/${language}/${name}`, body }
    stringsFiles.set(key, file)
  }
  return file
}

/** The strings file of the page at `pathname`. */
export function stringsFileFor(language: Language, pathname: string): StringsFile {
  const { key, src } = stringsFileOfSet(language, messageSet(pathname))
  return { key, src }
}

/** A strings file's messages by its key (`ar:catalog:home`): the server's render of a document. */
export function messagesOfStringsFile(key: string): Messages | undefined {
  const [language, ...set] = key.split(':')
  const name = set.join(':')
  return isLanguage(language) && messageSets.includes(name) ? messagesOfSet(language, name) : undefined
}

/**
 * The JSON of `/strings/<language>/<file>`: null for a language or set that does not exist.
 * `current` is false for another version's name (a page rendered before a deploy): the browser then
 * gets today's strings, which it must not keep under the old name.
 */
export function stringsFileBody(language: string, fileName: string): { body: string; current: boolean } | null {
  const match = /^([A-Za-z]+(?:-[a-z]+)?)\.([0-9a-f]{12})\.json$/.exec(fileName)
  const set = match?.[1]?.replace('-', ':')
  if (!isLanguage(language) || !set || !messageSets.includes(set)) return null
  const file = stringsFileOfSet(language, set)
  return { body: file.body, current: file.name === fileName }
}

/** What an error page needs when the root loader failed: the header, the footer and the error texts. */
export function fallbackMessagesFor(language: Language): Messages {
  const all = resources[language].translation as Messages
  return Object.fromEntries(Object.entries(all).filter(([namespace]) => layoutNamespaces.includes(namespace)))
}

/** Any key, translated on the server with every string of the language (toasts, for one). */
export function translateOnServer(language: Language, key: string) {
  return createTranslate(language, resources[language].translation as Messages)(key)
}
