import type { TFunction } from 'i18next'
import { oversizeMessage, photoRefusalMessage } from '~/modules/media/refusals.server'
import { PhotoUploadMissingError } from './photo-uploads.server'
import { InvalidCategoryError, ListingNotFoundError, PhotoRequiredError, ShopCannotPublishError, TooManyPhotosError } from './listings.server'

/**
 * The translated message for a refusal the producer can act on, or null for anything else (a
 * bug or an outage, which the error page handles). Photo refusals name the file.
 */
export function listingErrorMessage(error: unknown, t: TFunction): { field: 'photos' | 'categoryId' | 'form'; message: string } | null {
  const photoRefusal = photoRefusalMessage(error, t)
  if (photoRefusal) return { field: 'photos', message: photoRefusal }
  if (error instanceof TooManyPhotosError) return { field: 'photos', message: t('listings.errors.tooManyPhotos') }
  if (error instanceof PhotoUploadMissingError) return { field: 'photos', message: t('photoUploads.errors.expired') }
  if (error instanceof PhotoRequiredError) return { field: 'photos', message: t('listings.errors.photoRequired') }
  if (error instanceof InvalidCategoryError) return { field: 'categoryId', message: t('listings.errors.category') }
  if (error instanceof ShopCannotPublishError) return { field: 'form', message: t('listings.errors.cannotPublish') }
  return null
}

/** The message for the photos the multipart reader turned away before any processing. */
export function uploadRefusal({ oversize, tooMany }: { oversize: string[]; tooMany: boolean }, t: TFunction) {
  if (oversize.length) return oversizeMessage(oversize, t)
  if (tooMany) return t('listings.errors.tooManyPhotos')
  return null
}

/** Another shop's product and an unknown id answer the same 404, so ids reveal nothing. */
export function notFoundOn(error: unknown): never {
  if (error instanceof ListingNotFoundError) throw new Response('Not found', { status: 404 })
  throw error
}
