import { listSitemapEntries } from '~/modules/catalog/catalog.server'
import { absoluteUrl } from '~/modules/catalog/seo.server'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getCatalogDb } from '~/utils/db.server'

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

function entry(path: string, lastModified?: Date | null) {
  const lastmod = lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : ''
  return `<url><loc>${escapeXml(absoluteUrl(path))}</loc>${lastmod}</url>`
}

// Public pages only, through the catalog's visibility rule; the same for every visitor.
export async function loader({ request }: LoaderFunctionArgs) {
  const { products, shops, categories } = await listSitemapEntries(await getCatalogDb(request))
  const urls = [
    entry('/'),
    ...categories.map((c) => entry(`/c/${c.slug}`)),
    ...shops.map((s) => entry(`/s/${s.slug}`, s.updatedAt)),
    ...products.map((p) => entry(`/p/${p.slug}`, p.updatedAt)),
  ]
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
  return new Response(body, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
