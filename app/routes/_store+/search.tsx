import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { ListingFilters, ListingResults } from '~/components/catalog-listing'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
import { loadListing } from '~/modules/catalog/listing.server'
import { seoMeta } from '~/modules/catalog/seo'
import { pageSeo } from '~/modules/catalog/seo.server'
import { getDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)
export const headers = catalogHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const t = await i18nServer.getFixedT(request)
  const url = new URL(request.url)
  const listing = await loadListing(await getDb(), { url, language })
  const seo = pageSeo(language, t, {
    title: listing.query ? t('search.metaTitle', { query: listing.query }) : t('search.title'),
    description: t('search.metaDescription'),
    path: listing.query ? `/search?q=${encodeURIComponent(listing.query)}` : '/search',
    noindex: true,
  })
  return data({ ...listing, seo }, { headers: catalogCacheHeaders(request) })
}

export default function SearchPage() {
  const { query, products, fuzzy, nextHref, truncated, state, options, hasFilters } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const browsing = Boolean(query || hasFilters)
  return (
    <div className="flex flex-col gap-4">
      <h1 dir="auto" className="text-start text-xl font-bold">
        {query ? t('search.resultsFor', { query }) : browsing ? t('search.allProducts') : t('search.title')}
      </h1>
      <ListingFilters action="/search" state={state} categories={options.categories} wilayas={options.wilayas} />
      {fuzzy && products.length > 0 ? (
        <p role="status" className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
          {t('search.fuzzy', { query })}
        </p>
      ) : null}
      {browsing && products.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-center text-stone-600">{t('search.noResults')}</p>
      ) : null}
      {!browsing ? <p className="text-stone-600">{t('search.prompt')}</p> : null}
      {browsing && products.length > 0 ? <ListingResults products={products} nextHref={nextHref} truncated={truncated} /> : null}
    </div>
  )
}
