import { Form, Link, useLocation, useSearchParams } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { isStaff as isStaffRole } from '~/modules/accounts/roles'
import { useRootData } from '~/utils/root-data'
import { supportedLanguages } from '~/utils/i18n'
import { useLanguage } from '~/utils/use-language'
import { BanknoteIcon, BellIcon, CartIcon, ChatIcon, GlobeIcon, SearchIcon, ShieldIcon, StoreIcon, UserIcon } from './ui/icons'

const languageNames = { ar: 'العربية', fr: 'Français', en: 'English' } as const

export function SiteHeader() {
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const rootData = useRootData()
  const user = rootData?.user ?? null
  const cartUnits = rootData?.cartUnits ?? 0
  const unreadMessages = rootData?.unreadMessages ?? 0
  const unreadNotices = rootData?.unreadNotices ?? 0
  const isStaff = isStaffRole(user)
  return (
    <header className="sticky top-0 z-20 print:hidden border-b border-stone-200 bg-white/95 backdrop-blur">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:bg-white focus:p-2">
        {t('header.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-2 px-3 py-2">
        <Link to="/" className="flex min-h-11 items-center gap-2 pe-2 text-xl font-bold text-brand-700">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('brand.name')}</span>
        </Link>
        <div className="ms-auto flex items-center gap-1 sm:order-last">
          <LanguageSwitcher />
          <Link
            to="/cart"
            className="relative flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100"
            aria-label={cartUnits ? t('header.cartWithUnits', { count: cartUnits }) : t('header.cart')}
          >
            <CartIcon />
            {cartUnits ? (
              <span
                aria-hidden="true"
                className="absolute -end-0.5 -top-0.5 min-w-5 rounded-full bg-clay-600 px-1 text-center text-xs leading-5 font-bold text-white"
              >
                {cartUnits > 99 ? '99+' : cartUnits}
              </span>
            ) : null}
          </Link>
          {user ? (
            <Link
              to={user.role === 'producer' ? '/dashboard/messages' : '/account/messages'}
              className="relative flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100"
              aria-label={unreadMessages ? t('header.messagesUnread', { count: unreadMessages }) : t('header.messages')}
              data-testid="messages-link"
            >
              <ChatIcon />
              {unreadMessages ? (
                <span
                  aria-hidden="true"
                  className="absolute -end-0.5 -top-0.5 min-w-5 rounded-full bg-clay-600 px-1 text-center text-xs leading-5 font-bold text-white"
                >
                  {unreadMessages > 99 ? '99+' : unreadMessages}
                </span>
              ) : null}
            </Link>
          ) : null}
          {user ? (
            // The notifications centre: order steps, messages, favourites, decisions (decision 027).
            <Link
              to="/account/notifications"
              className="relative flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100"
              aria-label={unreadNotices ? t('header.noticesUnread', { count: unreadNotices }) : t('header.notices')}
              data-testid="notices-link"
            >
              <BellIcon />
              {unreadNotices ? (
                <span
                  aria-hidden="true"
                  className="absolute -end-0.5 -top-0.5 min-w-5 rounded-full bg-clay-600 px-1 text-center text-xs leading-5 font-bold text-white"
                >
                  {unreadNotices > 99 ? '99+' : unreadNotices}
                </span>
              ) : null}
            </Link>
          ) : null}
          {user?.role === 'producer' || user?.role === 'facilitator' ? (
            <Link
              to={user.role === 'facilitator' ? '/assist' : '/dashboard'}
              className="flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100"
              aria-label={t('header.dashboard')}
            >
              <StoreIcon />
            </Link>
          ) : null}
          {isStaff ? (
            <Link
              to="/moderation"
              className="flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100"
              aria-label={t('header.moderation')}
            >
              <ShieldIcon />
            </Link>
          ) : null}
          {user?.role === 'admin' ? (
            <Link
              to="/admin/payouts"
              className="flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100"
              aria-label={t('header.payouts')}
            >
              <BanknoteIcon />
            </Link>
          ) : null}
          <Link
            to={user ? '/account' : '/login'}
            className="flex size-11 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100 aria-[current]:text-brand-700"
            aria-label={user ? t('header.account') : t('header.login')}
          >
            <UserIcon />
          </Link>
        </div>
        <Form method="get" action="/search" role="search" className="flex min-w-0 flex-1 basis-48 items-center">
          <label htmlFor="site-search" className="sr-only">
            {t('header.searchLabel')}
          </label>
          <input
            id="site-search"
            type="search"
            name="q"
            defaultValue={searchParams.get('q') ?? ''}
            placeholder={t('header.searchPlaceholder')}
            className="min-h-11 w-full min-w-0 rounded-s-full border border-e-0 border-stone-300 bg-stone-50 px-4 text-base"
          />
          <button
            type="submit"
            className="flex min-h-11 items-center rounded-e-full bg-brand-600 px-4 text-white hover:bg-brand-700"
            aria-label={t('header.search')}
          >
            <SearchIcon />
          </button>
        </Form>
        {/* "Sell" for anyone not selling yet (issue 16), next to the search on a phone: the footer is 5,800 px down.
            A visitor who is not signed in goes straight to the sign-up (its "log in" link keeps the way back to
            /sell): on slow 3G, the application's page, its redirect and the log-in page cost ~3 s more. */}
        {user?.role !== 'producer' && !isStaff ? (
          <Link
            to={user ? '/sell' : `/signup?${new URLSearchParams({ redirectTo: '/sell' })}`}
            className="flex min-h-11 shrink-0 items-center rounded-full border border-brand-200 bg-brand-50 px-3 text-sm font-semibold text-brand-800 hover:bg-brand-100"
          >
            {t('header.sellShort')}
          </Link>
        ) : null}
      </div>
    </header>
  )
}

/** A plain form so the language can be changed without JavaScript; the page reloads in the new language. */
function LanguageSwitcher() {
  const { t } = useTranslation()
  const current = useLanguage()
  const location = useLocation()
  return (
    <details className="relative">
      <summary
        className="flex min-h-11 cursor-pointer list-none items-center gap-1 rounded-full px-3 text-sm font-medium text-stone-700 hover:bg-stone-100 [&::-webkit-details-marker]:hidden"
        // The visible code is part of the name (WCAG 2.5.3, label in name).
        aria-label={`${t('header.language')} (${current.toUpperCase()})`}
      >
        <GlobeIcon />
        <span>{current.toUpperCase()}</span>
      </summary>
      <Form
        method="post"
        action="/resources/language"
        reloadDocument
        className="absolute end-0 mt-1 flex w-40 flex-col rounded-xl border border-stone-200 bg-white p-1 shadow-lg"
      >
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        {supportedLanguages.map((language) => (
          <button
            key={language}
            type="submit"
            name="language"
            value={language}
            lang={language}
            aria-current={language === current ? 'true' : undefined}
            className="min-h-11 rounded-lg px-3 text-start hover:bg-stone-100 aria-[current]:font-bold aria-[current]:text-brand-700"
          >
            {languageNames[language]}
          </button>
        ))}
      </Form>
    </details>
  )
}
