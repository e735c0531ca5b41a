import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { fallbackLanguage, type Language } from './i18n'

// The components' translator. i18next and react-i18next stay on the server (actions, emails); in the
// browser they cost ~33 KB gzipped with the locale file, so pages get this lookup instead, and only
// the strings their code uses (`messagesFor` in i18n.server.ts): a document preloads them as a JSON
// file the browser keeps (`StringsFile`), a client navigation gets them with the root loader's data.
// It reads the same locale files the same way: dotted keys, `{{name}}` interpolation (not escaped:
// React escapes text), plurals by `count` with i18next's suffixes (`_zero` first when the count is
// 0, then the language's plural category), `defaultValue`, and the key itself when nothing matches.

export type Messages = { readonly [key: string]: string | Messages }
export type TranslateOptions = { count?: number; defaultValue?: string; [name: string]: unknown }
export type Translate = (key: string, options?: TranslateOptions) => string

/** The string at a dotted key (`errors.notFound.title`), or undefined. Also the emails' lookup (emails/i18n.ts). */
export function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

const pluralRules = new Map<Language, Intl.PluralRules>()
function pluralCategory(language: Language, count: number) {
  let rules = pluralRules.get(language)
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)))
  return rules.select(count)
}

export function createTranslate(language: Language, messages: Messages): Translate {
  return (key, options) => {
    let text: string | undefined
    if (typeof options?.count === 'number') {
      if (options.count === 0) text = lookup(messages, `${key}_zero`)
      text ??= lookup(messages, `${key}_${pluralCategory(language, options.count)}`)
    }
    text ??= lookup(messages, key) ?? options?.defaultValue ?? key
    if (!options) return text
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      const value = options[name]
      return value === undefined || value === null ? '' : String(value)
    })
  }
}

type TranslationValue = { language: Language; t: Translate }
const TranslationContext = createContext<TranslationValue>({ language: fallbackLanguage, t: (key) => key })

export function TranslationProvider({ language, messages, children }: { language: Language; messages: Messages; children: ReactNode }) {
  const value = useMemo(() => ({ language, t: createTranslate(language, messages) }), [language, messages])
  return <TranslationContext.Provider value={value}>{children}</TranslationContext.Provider>
}

/** Same shape as react-i18next's hook, for the components. */
export function useTranslation() {
  return useContext(TranslationContext)
}

/**
 * The strings an error page needs when the root loader itself failed (no loader data): the server
 * renders them from here, and writes them into the page for the browser to hydrate with.
 */
export type FallbackMessages = { language: Language; messages: Messages }
const FallbackContext = createContext<FallbackMessages | null>(null)
export const FallbackMessagesProvider = FallbackContext.Provider
export const useFallbackMessages = () => useContext(FallbackContext)
export const fallbackMessagesElementId = 'taswiq-fallback-messages'

/**
 * A page's set of strings as a JSON file (`/strings/<language>/<set>.<hash>.json`, kept for a year
 * by the browser): the document preloads it, and entry.client stores it at
 * `globalThis.__taswiqStrings[key]` before it hydrates the page.
 */
export type StringsFile = { key: string; src: string }
export const stringsElementId = 'taswiq-strings'

declare global {
  var __taswiqStrings: Record<string, Messages> | undefined
}

/** The messages of a strings file: in the browser, what entry.client stored; on the server, entry.server's lookup. */
const StringsLookupContext = createContext<(key: string) => Messages | undefined>((key) => globalThis.__taswiqStrings?.[key])
export const StringsLookupProvider = StringsLookupContext.Provider
export const useStringsLookup = () => useContext(StringsLookupContext)
