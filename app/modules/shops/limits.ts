/** Supporting documents of an application to sell: how many, and how large each (shown in the form too). */
export const MAX_DOCUMENTS = 3
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** A shop's logo: one photo, smaller than a product photo. */
export const MAX_LOGO_BYTES = 5 * 1024 * 1024
