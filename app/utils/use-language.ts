import { useRouteLoaderData } from '@remix-run/react'
import type { loader as rootLoader } from '~/root'
import { fallbackLanguage, type Language } from './i18n'
import { useFallbackMessages } from './translate'

/**
 * The page's language, as the root loader decided it; when the root loader failed (the error page
 * of a database outage), the language the server rendered the error page in, so the page stays in it.
 */
export function useLanguage(): Language {
  const fromLoader = useRouteLoaderData<typeof rootLoader>('root')?.language
  const fallback = useFallbackMessages()
  return fromLoader ?? fallback?.language ?? fallbackLanguage
}
