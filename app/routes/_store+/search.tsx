import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { ListingFilters, ListingResults } from '~/components/catalog-listing'
import { SearchFacets } from '~/components/search-facets'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
import { loadListing } from '~/modules/catalog/listing.server'
import { seoMeta } from '~/modules/catalog/seo'
import { pageSeo } from '~/modules/catalog/seo.server'
import { getCatalogDb } from '~/utils/db.server'
import { intlLocale } from '~/utils/i18n'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)
export const headers = catalogHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const t = await i18nServer.getFixedT(request)
  const url = new URL(request.url)
  const listing = await loadListing(await getCatalogDb(request), { url, language })
  const seo = pageSeo(language, t, {
    title: listing.query ? t('search.metaTitle', { query: listing.query }) : t('search.title'),
    description: t('search.metaDescription'),
    path: listing.query ? `/search?q=${encodeURIComponent(listing.query)}` : '/search',
    noindex: true,
  })
  return data({ ...listing, seo }, { headers: catalogCacheHeaders(request) })
}

export default function SearchPage() {
  const { query, products, fuzzy, partial, correctedTo, suggestion, total, capped, facets, closestCategories, nextHref, truncated, state, options, hasFilters } =
    useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = intlLocale(useLanguage())
  const browsing = Boolean(query || hasFilters)
  return (
    <div className="flex flex-col gap-4">
      <h1 dir="auto" className="text-start text-xl font-bold">
        {query ? t('search.resultsFor', { query }) : browsing ? t('search.allProducts') : t('search.title')}
      </h1>
      {/* No count for an empty result: the empty-state block below says it, with ways out. */}
      {total ? (
        <p className="text-sm text-stone-600" data-testid="result-count">
          {capped ? t('searchResults.countCapped', { count: total, formatted: total.toLocaleString(locale) }) : t('searchResults.count', { count: total, formatted: total.toLocaleString(locale) })}
        </p>
      ) : null}
      {suggestion ? (
        <p className="text-base">
          {t('searchResults.didYouMean')}{' '}
          <Link to={suggestion.href} dir="auto" className="inline-flex min-h-11 items-center px-1 font-semibold text-brand-700 underline">
            {suggestion.text}
          </Link>
        </p>
      ) : null}
      <ListingFilters action="/search" state={state} categories={options.categories} wilayas={options.wilayas} />
      {correctedTo && products.length > 0 ? (
        <p role="status" className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
          {t('searchResults.corrected', { query, corrected: correctedTo })}
        </p>
      ) : fuzzy && products.length > 0 ? (
        <p role="status" className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
          {t('search.fuzzy', { query })}
        </p>
      ) : partial && products.length > 0 ? (
        <p role="status" className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
          {t('searchResults.partial', { query })}
        </p>
      ) : null}
      {browsing && products.length === 0 ? (
        <div className="flex flex-col gap-3 rounded-2xl bg-white p-6 text-center text-stone-600">
          <p>{t('search.noResults')}</p>
          {closestCategories.length > 0 ? (
            <nav aria-label={t('searchResults.closestCategories')} className="flex flex-wrap justify-center gap-2">
              {closestCategories.map((c) => (
                <Link key={c.slug} to={`/c/${c.slug}`} className="inline-flex min-h-11 items-center rounded-full border border-brand-600 px-4 text-brand-700">
                  {c.name}
                </Link>
              ))}
            </nav>
          ) : null}
        </div>
      ) : null}
      {!browsing ? <p className="text-stone-600">{t('search.prompt')}</p> : null}
      {facets && products.length > 0 ? <SearchFacets facets={facets} /> : null}
      {browsing && products.length > 0 ? <ListingResults products={products} nextHref={nextHref} truncated={truncated} /> : null}
    </div>
  )
}
