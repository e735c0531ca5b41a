/**
 * Keeps redirects on this site: only a path starting with a single "/" is accepted
 * ("//evil.example", "/\\evil.example" and absolute URLs fall back to `fallback`).
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  if (/[\u0000-\u001f]/.test(to)) return fallback
  return to
}
