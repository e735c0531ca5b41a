// Shared by the server checks and the forms' hints, so both state the same numbers.

/** A phone photo is 2–8 MB; 15 MB leaves room for a good camera and refuses videos and archives. */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024
/** 40 megapixels: more than any phone camera, far less than a decompression bomb. */
export const MAX_IMAGE_PIXELS = 40_000_000

/** Why an upload was refused; each has a message under `media.errors.<code>`. */
export const MEDIA_ERROR_CODES = ['type', 'too_large', 'too_many_pixels', 'heic_unsupported', 'unreadable'] as const
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number]
