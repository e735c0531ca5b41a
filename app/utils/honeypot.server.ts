/** The hidden field of public forms (see HoneypotField): people leave it empty, form-filling bots don't. */
export const HONEYPOT_FIELD = 'website'

export function isBotSubmission(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD)
  return typeof value === 'string' && value.length > 0
}
