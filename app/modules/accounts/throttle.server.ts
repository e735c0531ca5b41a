import type { TFunction } from 'i18next'

/** "Too many attempts, try again in N minutes", in the reader's language. */
export function throttledMessage(t: TFunction, result: { retryAfterSeconds: number }) {
  return t('rateLimit.tryAgain', { count: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })
}
