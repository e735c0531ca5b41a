import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react'
import { useState } from 'react'
import { SiteFooter } from './components/site-footer'
import { SiteHeader } from './components/site-header'
import { ToastMessage } from './components/toast-message'
import tailwindHref from './styles/tailwind.css?url'
import { fallbackLanguage, messageSet, textDirection } from './utils/i18n'
import { getLanguage, messagesFor, stringsFileFor, translateOnServer } from './utils/i18n.server'
import { fallbackMessagesElementId, stringsElementId, TranslationProvider, useFallbackMessages, useStringsLookup, useTranslation } from './utils/translate'
import { getUser } from './utils/permissions.server'
import { getToast } from './utils/toast.server'
import { inlineJson } from './utils/inline-json'
import type { RootData } from './utils/root-data'
import { useNonce } from './utils/nonce'
import { countCartUnits } from './modules/cart/cart.server'
import { getCartOwner } from './utils/cart.server'
import { getDb } from './utils/db.server'
import { countHeaderBadges } from './utils/header-badges.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tailwindHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'apple-touch-icon', href: '/icons/icon-192.png' },
  { rel: 'manifest', href: '/site.webmanifest' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [language, user, { toast, header }, cartOwner] = await Promise.all([getLanguage(request), getUser(request), getToast(request), getCartOwner(request)])
  // Signed in: the cart's, unread messages' and notifications centre's badges in one statement. A
  // visitor with a cart cookie: the cart's. Neither: no query (anonymous catalog pages stay cheap and cacheable).
  const { cartUnits, unreadMessages, unreadNotices } = user
    ? await countHeaderBadges(await getDb(), user.id)
    : { cartUnits: cartOwner ? await countCartUnits(await getDb(), cartOwner) : 0, unreadMessages: 0, unreadNotices: 0 }
  const { pathname } = new URL(request.url)
  return data(
    {
      language,
      // The page's strings (no i18n library or locale file in the browser): a document names their
      // file, which the browser keeps; a client navigation, which may need another set, gets them here.
      strings: stringsFileFor(language, pathname),
      ...(context.documentRequest ? {} : { messages: messagesFor(language, pathname) }),
      user: user ? { name: user.name, role: user.role } : null,
      // Translated here: a toast's key may belong to strings this page was not sent.
      toast: toast ? { type: toast.type, message: translateOnServer(language, toast.key) } : null,
      cartUnits,
      unreadMessages,
      unreadNotices,
    } satisfies RootData,
    { headers: header ? { 'Set-Cookie': header } : undefined }
  )
}

/**
 * The root loader reads neither the search parameters nor the page beyond its set of strings
 * (`messageSet`: the area, or one of the catalog's busiest pages): a change of filters on the same
 * page does not fetch it (and its strings) again; a navigation to a page with other strings does.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (messageSet(currentUrl.pathname) !== messageSet(nextUrl.pathname)) return true
  const isMutation = formMethod !== undefined && formMethod.toUpperCase() !== 'GET'
  if (!isMutation && currentUrl.pathname === nextUrl.pathname && currentUrl.search !== nextUrl.search) return false
  return defaultShouldRevalidate
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  // No loader data: the root loader failed and an error page is shown with the fallback strings.
  const fallback = useFallbackMessages()
  const language = data?.language ?? fallback?.language ?? fallbackLanguage
  const lookupStrings = useStringsLookup()
  // The document's strings file, as the server named it: later navigations bring theirs in the root
  // loader's data, and a changed href would make the browser preload a file nobody reads.
  const [documentStrings] = useState(data?.strings)
  const messages = (data ? data.messages ?? lookupStrings(data.strings.key) : fallback?.messages) ?? {}
  const nonce = useNonce()
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#3f7a36" />
        <Meta />
        <Links />
        {/* The page's strings, fetched while the page loads; entry.client waits for them before it
            hydrates (and fetches them again if they were lost). Same origin: the CSP's 'self'. */}
        {documentStrings ? <link rel="preload" as="fetch" crossOrigin="anonymous" href={documentStrings.src} id={stringsElementId} data-key={documentStrings.key} /> : null}
      </head>
      <body className="flex min-h-dvh flex-col">
        <TranslationProvider language={language} messages={messages}>
          {children}
        </TranslationProvider>
        {!data && fallback ? (
          <script type="application/json" id={fallbackMessagesElementId} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: inlineJson(fallback) }} />
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-4">
        <ToastMessage />
        <Outlet />
      </main>
      <SiteFooter />
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const location = useLocation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  if (!isRouteErrorResponse(error)) console.error(error)
  // 503: the database is unreachable for a moment (app/utils/db-unavailable.server.ts).
  // 400: what was sent could not be read (a form cut off on a weak connection: utils/forms.server.ts).
  const key = status === 400 ? 'badRequest' : status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 503 ? 'unavailable' : 'unexpected'
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 text-center">
        <p className="text-5xl font-bold text-clay-600">{status}</p>
        <h1 className="mt-3 text-xl font-semibold">{t(`errors.${key}.title`)}</h1>
        <p className="mt-2 text-stone-600">{t(`errors.${key}.body`)}</p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          {status === 503 ? (
            // A plain link: a full page load, the same URL (a form's page, not its submission).
            <a href={location.pathname + location.search} className="inline-flex min-h-11 items-center rounded-full bg-brand-600 px-6 text-white">
              {t('errors.tryAgain')}
            </a>
          ) : null}
          <a
            href="/"
            className={`inline-flex min-h-11 items-center rounded-full px-6 ${
              status === 503 ? 'border border-stone-300 text-stone-800' : 'bg-brand-600 text-white'
            }`}
          >
            {t('errors.backHome')}
          </a>
        </div>
      </main>
      <SiteFooter />
    </>
  )
}
