// Contact details typed in a message before an order links the buyer and the shop are masked on
// the server, so a sale cannot be moved off the platform before it starts (issue 21). Pure
// functions: the rules are tested on their own and also used by the messages module.

/** What a masked stretch of text becomes (the reader sees something was removed, not what). */
export const MASK = '•••'

const DIGIT = '[0-9\u0660-\u0669\u06F0-\u06F9]'
// A phone number: an optional + or 00, then digits separated by spaces, dots, dashes, slashes or
// brackets. Counted afterwards: at least 8 digits (Algerian numbers have 9 or 10, international
// ones more), so prices ("1 500 دج") and quantities stay readable.
const PHONE = new RegExp(`(?:\\+|\\b00)?\\(?${DIGIT}(?:[\\s.\\-/()\u00A0]{0,3}${DIGIT}){7,}`, 'gu')
const EMAIL = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\p{L}\p{N}-]+)+/giu
// Links: with a scheme, with www., or a bare domain on a common top-level domain (wa.me/…, fb.com/…).
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|dz|fr|me|io|info|co|ly|gl|app|link|page|site|shop|store|online|biz|tv|be|ma|tn)\b(?:\/[^\s]*)?/giu

const digitCount = (text: string) => (text.match(new RegExp(DIGIT, 'gu')) ?? []).length

/** The text with phone numbers, emails and links replaced by `MASK`; `masked` tells whether anything was. */
export function maskContacts(text: string): { text: string; masked: boolean } {
  let masked = false
  const hide = () => {
    masked = true
    return MASK
  }
  const out = text
    .replace(EMAIL, hide)
    .replace(LINK, hide)
    .replace(PHONE, (match) => (digitCount(match) >= 8 ? hide() : match))
  return { text: out, masked }
}
