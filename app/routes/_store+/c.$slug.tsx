import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { ListingFilters, ListingResults } from '~/components/catalog-listing'
import { getCategory } from '~/modules/catalog/catalog.server'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
import { loadListing } from '~/modules/catalog/listing.server'
import { seoMeta } from '~/modules/catalog/seo'
import { pageSeo } from '~/modules/catalog/seo.server'
import { getCatalogDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { invariantResponse } from '~/utils/responses'

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)
export const headers = catalogHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const t = await i18nServer.getFixedT(request)
  const db = await getCatalogDb(request)
  const category = await getCategory(db, { slug: params.slug ?? '', language })
  invariantResponse(category, 'Not found', { status: 404 })
  const url = new URL(request.url)
  const listing = await loadListing(db, { url, language, categoryId: category.id })
  const name = category.name ?? category.slug
  const seo = pageSeo(language, t, {
    title: t('category.metaTitle', { name }),
    description: t('category.metaDescription', { name }),
    path: `/c/${category.slug}`,
    // Filtered and later pages are variations of the category page: keep them out of the index.
    noindex: listing.hasFilters || !listing.isFirstPage || url.searchParams.has('sort'),
  })
  return data({ ...listing, category: { slug: category.slug, name }, seo }, { headers: catalogCacheHeaders(request) })
}

export default function CategoryPage() {
  const { category, products, nextHref, state, options, hasFilters } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t('category.breadcrumb')} className="text-sm text-stone-600">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link to="/" className="inline-flex min-h-11 min-w-11 items-center justify-center underline-offset-2 hover:underline">
              {t('brand.name')}
            </Link>
          </li>
          <li aria-hidden="true" className="rtl:rotate-180">
            ›
          </li>
          <li aria-current="page" className="font-medium text-stone-800">
            {category.name}
          </li>
        </ol>
      </nav>
      <h1 className="text-2xl font-bold">{category.name}</h1>
      <ListingFilters action={`/c/${category.slug}`} state={state} wilayas={options.wilayas} />
      {products.length > 0 ? (
        <ListingResults products={products} nextHref={nextHref} />
      ) : (
        <p className="rounded-2xl bg-white p-6 text-center text-stone-600">{hasFilters ? t('search.noResults') : t('category.empty')}</p>
      )}
    </div>
  )
}
