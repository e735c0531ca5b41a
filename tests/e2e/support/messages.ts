import ar from '../../../app/locales/ar.json' with { type: 'json' }
import en from '../../../app/locales/en.json' with { type: 'json' }
import fr from '../../../app/locales/fr.json' with { type: 'json' }

export type Language = 'ar' | 'fr' | 'en'
const catalogs = { ar, fr, en } as const

/**
 * A user-visible text by its locale key, so one browser test can walk the same path in every
 * language and still find fields by the labels a person reads.
 */
export function msg(language: Language, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[language]
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  if (typeof node !== 'string') throw new Error(`No message ${key} in ${language}`)
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''))
}
