import type { MetaDescriptor } from '@remix-run/node'

export type PageSeo = {
  title: string
  description: string
  /** Absolute URL of this page without tracking parameters. */
  url: string
  /** Absolute URL of a 1200-wide image; the site's own card when absent. */
  image: string
  imageAlt?: string
  type?: 'website' | 'product'
  siteName: string
  locale: string
  /** Search result pages: followed but not indexed (endless near-duplicates). */
  noindex?: boolean
}

/** Title, description, canonical link and Open Graph / Twitter card tags of a public page. */
export function seoMeta(seo: PageSeo | undefined): MetaDescriptor[] {
  if (!seo) return [{ title: 'Taswiq' }]
  const description = seo.description.replace(/\s+/g, ' ').trim().slice(0, 160)
  return [
    { title: seo.title },
    { name: 'description', content: description },
    { tagName: 'link', rel: 'canonical', href: seo.url },
    ...(seo.noindex ? [{ name: 'robots', content: 'noindex, follow' }] : []),
    { property: 'og:site_name', content: seo.siteName },
    { property: 'og:type', content: seo.type ?? 'website' },
    { property: 'og:title', content: seo.title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: seo.url },
    { property: 'og:image', content: seo.image },
    ...(seo.imageAlt ? [{ property: 'og:image:alt', content: seo.imageAlt }] : []),
    { property: 'og:locale', content: seo.locale },
    { name: 'twitter:card', content: 'summary_large_image' },
  ]
}
