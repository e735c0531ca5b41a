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
