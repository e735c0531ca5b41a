import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { finalizeCacheHeaders } from './modules/catalog/http-cache.server'
import { RETRY_AFTER_SECONDS } from './utils/db-unavailable.server'
import { withoutNulBytes } from './utils/html-stream.server'
import { NonceProvider } from './utils/nonce'
import { fallbackMessagesFor, getLanguage, messagesOfStringsFile } from './utils/i18n.server'
import { FallbackMessagesProvider, StringsLookupProvider } from './utils/translate'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext
) {
  // The page's strings are named by the root loader's data (`strings`) and rendered from the lookup
  // below; these are for an error page whose root loader failed.
  const language = await getLanguage(request)
  const fallback = { language, messages: fallbackMessagesFor(language) }
  const nonce = loadContext.cspNonce ?? ''
  // Crawlers get the whole page at once; people get it streamed as soon as the shell is ready.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    // The render's deadline, cleared as soon as it is complete: a pending timer would keep every
    // finished render (its tree, its data) alive for six seconds, and CPU per request grew with load.
    let abortTimer: ReturnType<typeof setTimeout> | undefined
    let finished = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <StringsLookupProvider value={messagesOfStringsFile}>
          <FallbackMessagesProvider value={fallback}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </FallbackMessagesProvider>
        </StringsLookupProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) start()
        },
        onAllReady() {
          finished = true
          clearTimeout(abortTimer)
          if (waitForAll) start()
        },
        onShellError(error: unknown) {
          finished = true
          clearTimeout(abortTimer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      }
    )
    function start() {
      shellRendered = true
      const body = withoutNulBytes()
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
      if (responseStatusCode === 503) markUnavailable(responseHeaders)
      finalizeCacheHeaders(responseHeaders)
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        })
      )
      pipe(body)
    }
    if (!finished) abortTimer = setTimeout(abort, ABORT_DELAY + 1_000)
  })
}

/** Single-fetch data requests follow the same caching rule as documents. */
export function handleDataRequest(response: Response) {
  if (response.status === 503) markUnavailable(response.headers)
  finalizeCacheHeaders(response.headers)
  return response
}

/** A 503 (the database is unreachable) says when to come back and is never cached. */
function markUnavailable(headers: Headers) {
  if (!headers.has('Retry-After')) headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  headers.set('Cache-Control', 'no-store')
}
