import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { fallbackLanguage, i18nextOptions, isLanguage } from './utils/i18n'

// Only the page's own language is downloaded: each locale file is its own long-cached chunk.
const loaders = {
  ar: () => import('./locales/ar.json'),
  fr: () => import('./locales/fr.json'),
  en: () => import('./locales/en.json'),
}

async function hydrate() {
  const htmlLang = document.documentElement.lang
  const language = isLanguage(htmlLang) ? htmlLang : fallbackLanguage
  const translation = (await loaders[language]()).default
  await i18next.use(initReactI18next).init({
    ...i18nextOptions,
    lng: language,
    resources: { [language]: { translation } },
  })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
