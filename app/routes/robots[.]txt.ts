import { absoluteUrl } from '~/modules/catalog/seo.server'

// Private areas are kept out of crawlers' way (they need a login anyway); search result pages stay
// crawlable so that their `noindex` is seen, and their links to products are followed.
const PRIVATE_PATHS = ['/account', '/dashboard', '/moderation', '/cart', '/sell', '/login', '/signup', '/verify', '/forgot-password', '/reset-password', '/resources/', '/dev/', '/p/*/report']

export function loader() {
  const body = ['User-agent: *', 'Allow: /', ...PRIVATE_PATHS.map((p) => `Disallow: ${p}`), '', `Sitemap: ${absoluteUrl('/sitemap.xml')}`, ''].join('\n')
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' } })
}
