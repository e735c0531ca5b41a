import { useRouteLoaderData } from '@remix-run/react'
import type { Role } from '~/modules/accounts/roles'
import type { Language } from './i18n'
import type { Messages, StringsFile } from './translate'

/**
 * What the root loader sends every page. Declared here, not inferred from `root.tsx`, so the
 * components the root layout renders (header, toast) can read it without importing the root back.
 */
export type RootData = {
  language: Language
  /** The page's strings as a file (a document's only source of them: it loads before the app's code). */
  strings: StringsFile
  /** The page's strings themselves, on a client navigation's data request only. */
  messages?: Messages
  user: { name: string; role: Role } | null
  toast: { type: 'success' | 'error' | 'info' | undefined; message: string } | null
  cartUnits: number
  /** Unread messages as a buyer and as a shop owner (0 for visitors). */
  unreadMessages: number
  /** Unread notices of the notifications centre (0 for visitors). */
  unreadNotices: number
}

/** The root loader's data; undefined on the error page of a failed root loader. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>('root') as RootData | undefined
}
