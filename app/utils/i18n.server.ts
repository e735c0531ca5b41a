import { createCookie } from '@remix-run/node'
import { shouldUseSecureCookies } from './env.server'
import { RemixI18Next } from 'remix-i18next/server'
import ar from '~/locales/ar.json'
import en from '~/locales/en.json'
import fr from '~/locales/fr.json'
import { fallbackLanguage, i18nextOptions, isLanguage, supportedLanguages, type Language } from './i18n'

export const resources = {
  ar: { translation: ar },
  fr: { translation: fr },
  en: { translation: en },
}

/** The visitor's chosen language; a year long, readable by nothing but the server. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: shouldUseSecureCookies(),
})

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // The switcher's cookie first, then the browser's Accept-Language; never a query parameter.
    order: ['cookie', 'header'],
  },
  i18next: { ...i18nextOptions, resources },
})

export async function getLanguage(request: Request): Promise<Language> {
  const locale = await i18nServer.getLocale(request)
  return isLanguage(locale) ? locale : fallbackLanguage
}
