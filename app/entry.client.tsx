import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { fallbackMessagesElementId, FallbackMessagesProvider, stringsElementId, type FallbackMessages, type Messages } from './utils/translate'

// No i18n library here: the page's strings are a JSON file the document names and preloads (root.tsx),
// stored where the layout reads them before the page hydrates. Only an error page whose root loader
// failed carries its strings in the document.
const fallbackElement = document.getElementById(fallbackMessagesElementId)
const fallback = fallbackElement?.textContent ? (JSON.parse(fallbackElement.textContent) as FallbackMessages) : null

/**
 * The page's strings: the preloaded response, or — when a weak connection lost it — fetched again,
 * three times at most. Hydrating without them would put raw keys in place of the server's text; if
 * they never come, the page still hydrates (its links and forms work without JavaScript anyway).
 */
async function loadStrings() {
  const element = document.getElementById(stringsElementId) as HTMLLinkElement | null
  const key = element?.dataset.key
  if (!element || !key) return
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      // Same request as the preload (same-origin credentials), so the browser reuses its response.
      const response = await fetch(element.href, { credentials: 'same-origin' })
      if (response.ok) {
        ;(globalThis.__taswiqStrings ??= {})[key] = (await response.json()) as Messages
        return
      }
    } catch {
      // Offline or cut off: wait and try again.
    }
    if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt))
  }
}

void loadStrings().then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <FallbackMessagesProvider value={fallback}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </FallbackMessagesProvider>
    )
  })
})

// The installable app's service worker (sw/service-worker.ts, built with Workbox into /sw.js): only
// in production builds (it would cache Vite's development modules), and only after the page has
// loaded, so it never competes with the page's own requests on a slow connection. The worker's
// offline page shows the language of the last page seen, remembered here.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const rememberLanguage = () => {
    try {
      localStorage.setItem('taswiq-lang', document.documentElement.lang)
    } catch {
      // Storage refused (private mode, quota): the offline page falls back to the browser's language.
    }
  }
  const register = () => {
    rememberLanguage()
    navigator.serviceWorker.register('/sw.js').catch(() => {})
  }
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
  // The language switcher changes it without reloading: remember it again when the page goes away.
  window.addEventListener('pagehide', rememberLanguage)
}
