import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { fallbackMessagesElementId, FallbackMessagesProvider, type FallbackMessages } from './utils/translate'

// No i18n library here: the page's strings come with the root loader's data (see root.tsx). Only an
// error page whose root loader failed carries its strings in the document instead.
const fallbackElement = document.getElementById(fallbackMessagesElementId)
const fallback = fallbackElement?.textContent ? (JSON.parse(fallbackElement.textContent) as FallbackMessages) : null

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
