/** Supporting documents of an application to sell: how many, and how large each (shown in the form too). */
export const MAX_DOCUMENTS = 3
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** A shop's logo: one photo, smaller than a product photo. */
export const MAX_LOGO_BYTES = 5 * 1024 * 1024
/**
 * A photo of a document (the artisan card) is shrunk on the phone to this long side before it is
 * sent: larger than a product photo's 1600 px so a moderator can still read the card's small print.
 */
export const DOCUMENT_PHOTO_MAX_EDGE = 2048
