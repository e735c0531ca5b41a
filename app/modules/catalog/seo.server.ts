import { getEnv } from '~/utils/env.server'
import { intlLocale, type Language } from '~/utils/i18n'
import type { PageSeo } from './seo'

export const DEFAULT_OG_IMAGE = '/og-image.png'

/** The absolute public URL of `path` (canonical links, Open Graph, sitemap). */
export function absoluteUrl(path: string) {
  return new URL(path, getEnv().APP_URL).toString()
}

export function pageSeo(
  language: Language,
  t: (key: string) => string,
  seo: Omit<PageSeo, 'siteName' | 'locale' | 'image' | 'url'> & { path: string; image?: string | null },
): PageSeo {
  const { path, image, ...rest } = seo
  return {
    ...rest,
    url: absoluteUrl(path),
    image: absoluteUrl(image ?? DEFAULT_OG_IMAGE),
    imageAlt: image ? rest.imageAlt : t('seo.ogImageAlt'),
    siteName: t('seo.siteName'),
    locale: intlLocale(language).replace('-', '_'),
  }
}
