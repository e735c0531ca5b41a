import { fallbackLanguage, type Language } from './i18n'
import { useRootData } from './root-data'
import { useFallbackMessages } from './translate'

/**
 * The page's language, as the root loader decided it; when the root loader failed (the error page
 * of a database outage), the language the server rendered the error page in, so the page stays in it.
 */
export function useLanguage(): Language {
  const fromLoader = useRootData()?.language
  const fallback = useFallbackMessages()
  return fromLoader ?? fallback?.language ?? fallbackLanguage
}
