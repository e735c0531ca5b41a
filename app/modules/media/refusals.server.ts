import { MediaError } from './images.server'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The translated refusal of a photo (naming its file when known), or null for any other error. */
export function photoRefusalMessage(error: unknown, t: Translate): string | null {
  if (!(error instanceof MediaError)) return null
  const message = t(`media.errors.${error.code}`)
  return error.fileName ? t('media.inFile', { file: error.fileName, message }) : message
}

/** The refusal of the files the multipart reader turned away as too large, or null when none was. */
export function oversizeMessage(oversize: string[], t: Translate): string | null {
  return oversize.length ? t('media.inFile', { file: oversize.join('، '), message: t('media.errors.too_large') }) : null
}
