import type { LoaderFunctionArgs } from '@remix-run/node'
import { stringsFileBody } from '~/utils/i18n.server'

// A page's translated strings as JSON (`stringsFileFor` in utils/i18n.server.ts): the document
// names this file instead of carrying the strings in its data; the name changes with the strings.
export function loader({ params }: LoaderFunctionArgs) {
  const file = stringsFileBody(params.language ?? '', params.file ?? '')
  if (!file) throw new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(file.body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      // An old name (a page from before a deploy) gets today's strings, not to be kept under that name.
      'Cache-Control': file.current ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  })
}
