import { useRouteLoaderData } from '@remix-run/react'
import type { loader as rootLoader } from '~/root'
import { fallbackLanguage, type Language } from './i18n'

/** The page's language, as the root loader decided it. */
export function useLanguage(): Language {
  return useRouteLoaderData<typeof rootLoader>('root')?.language ?? fallbackLanguage
}
