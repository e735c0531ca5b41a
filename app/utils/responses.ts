/**
 * Throws a Response (404, 403…) when `condition` is falsy, so a loader reads as its happy path and
 * the nearest ErrorBoundary renders the translated error page.
 */
export function invariantResponse(
  condition: unknown,
  message: string,
  init?: ResponseInit,
): asserts condition {
  if (!condition) {
    throw new Response(message, { status: 400, ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...init?.headers } })
  }
}
