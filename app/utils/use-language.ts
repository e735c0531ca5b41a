import { useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { loader as rootLoader } from '~/root'
import { fallbackLanguage, isLanguage, type Language } from './i18n'

/**
 * The page's language, as the root loader decided it; when the root loader failed (the error page
 * of a database outage), the language the server rendered with, so the page stays in it.
 */
export function useLanguage(): Language {
  const fromLoader = useRouteLoaderData<typeof rootLoader>('root')?.language
  const { i18n } = useTranslation()
  return fromLoader ?? (isLanguage(i18n.language) ? i18n.language : fallbackLanguage)
}
