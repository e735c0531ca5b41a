import type { TFunction } from 'i18next'

/**
 * The first error of a refused submission, as a sentence in the reader's language, for forms that
 * show one message instead of errors under each field. Schemas give locale keys; a crafted request
 * (a missing hidden field, repeated keys, a file where text belongs) can trip a check without one,
 * whose message is zod's English: that one is shown as the generic "invalid value".
 */
export function firstErrorMessage(t: TFunction, error: Record<string, string[] | null | undefined> | null | undefined, fields?: string[]) {
  const entries = Object.entries(error ?? {}).filter(([field]) => !fields || fields.includes(field))
  const first = entries.flatMap(([, messages]) => messages ?? [])[0]
  const fallback = t('validation.invalid')
  return first ? t(first, { defaultValue: fallback }) : fallback
}
