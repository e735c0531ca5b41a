import ar from '~/locales/emails/ar.json'
import en from '~/locales/emails/en.json'
import fr from '~/locales/emails/fr.json'
import { fallbackLanguage, type Language } from '~/utils/i18n'
import { lookup, type Messages } from '~/utils/translate'

type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string]

/** Every key of the email strings, checked at compile time against the Arabic file (the reference). */
export type EmailKey = Paths<typeof ar>
export type EmailT = (key: EmailKey, values?: Record<string, string | number>) => string

const resources: Record<Language, Messages> = { ar, fr, en }

/**
 * A translator for one language. A plain lookup rather than an i18next instance: emails need no
 * plurals or detection, and this stays synchronous. Values are not HTML-escaped here because React
 * escapes them when they become text nodes, and subjects and plain text are not HTML.
 */
export function emailTranslator(language: Language): EmailT {
  return (key, values = {}) => {
    const template = lookup(resources[language], key) ?? lookup(resources[fallbackLanguage], key) ?? key
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match))
  }
}
