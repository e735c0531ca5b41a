/**
 * The one way a route reads a posted form without files (forms with files go through
 * `parseMultipartWithFiles` in modules/media). `request.formData()` throws a TypeError when the
 * body is not a whole form: a multipart body cut off on a weak connection before its last boundary,
 * or whose boundary is not the one its Content-Type announces. The request guards refuse bodies
 * that are not forms at all before any route runs, but they cannot see a truncation without
 * buffering every body; here it becomes a 400, which the error page explains in the visitor's
 * language ("the form did not arrive whole"), instead of a 500. Nothing was read, so nothing changed.
 * Lint keeps routes from calling `request.formData()` themselves (eslint.config.js).
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch (error) {
    if (error instanceof Response) throw error
    throw new Response('The form did not arrive whole', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
}
