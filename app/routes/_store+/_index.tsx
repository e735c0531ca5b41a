import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { ProductGrid } from '~/components/product-card'
import { listCategories, listFeaturedProducts, listNewestProducts } from '~/modules/catalog/catalog.server'
import { parseNewestCursor, serializeNewestCursor } from '~/modules/catalog/cursor'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
import { seoMeta } from '~/modules/catalog/seo'
import { pageSeo } from '~/modules/catalog/seo.server'
import { sharedData } from '~/modules/page-cache/shared-data.server'
import { getCatalogDb, getSharedCatalogDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)
export const headers = catalogHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const t = await i18nServer.getFixedT(request)
  const after = parseNewestCursor(new URL(request.url).searchParams.get('after'))
  // The first page's lists are the same for every visitor: read once for all renders (shared data,
  // emptied with the page cache); a further page reads them for this request.
  const [newest, featured, categories] = after
    ? [await listNewestProducts(await getCatalogDb(request), { language, limit: 24, after }), [], []]
    : await Promise.all([
        sharedData(`home:newest:${language}`, async () => listNewestProducts(await getSharedCatalogDb(), { language, limit: 24 })),
        sharedData(`home:featured:${language}`, async () => listFeaturedProducts(await getSharedCatalogDb(), { language, limit: 4 })),
        sharedData(`home:categories:${language}`, async () => listCategories(await getSharedCatalogDb(), { language })),
      ])
  const seo = pageSeo(language, t, { title: t('home.metaTitle'), description: t('home.metaDescription'), path: '/', noindex: Boolean(after) })
  return data(
    {
      seo,
      featured,
      categories: categories.map((c) => ({ slug: c.slug, name: c.name ?? c.slug })),
      newest: newest.products,
      nextPage: newest.next ? serializeNewestCursor(newest.next) : null,
    },
    { headers: catalogCacheHeaders(request) },
  )
}

export default function HomePage() {
  const { featured, categories, newest, nextPage } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-3xl bg-brand-700 px-5 py-6 text-white">
        <h1 className="text-2xl font-bold leading-tight">{t('home.heroTitle')}</h1>
        <p className="mt-2 text-brand-50">{t('home.heroBody')}</p>
        <Link to="/near-me" className="mt-3 inline-flex min-h-11 items-center justify-center rounded-3xl bg-white px-4 py-2 text-center font-semibold leading-snug text-brand-800 hover:bg-brand-50">
          {t('nearMe.homeLink')}
        </Link>
      </section>
      {categories.length > 0 ? (
        <nav aria-labelledby="categories-heading">
          <h2 id="categories-heading" className="mb-3 text-lg font-bold">
            {t('home.categories')}
          </h2>
          {/* One swipeable row on phones, wrapped on wider screens. */}
          <ul className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
            {categories.map((category) => (
              <li key={category.slug} className="shrink-0">
                <Link
                  to={`/c/${category.slug}`}
                  className="inline-flex min-h-11 items-center rounded-full border border-stone-300 bg-white px-4 text-sm font-medium text-stone-800 hover:border-brand-600 hover:text-brand-700"
                >
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {featured.length > 0 ? (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading" className="mb-3 text-lg font-bold">
            {t('home.featured')}
          </h2>
          <ProductGrid products={featured} eagerCount={2} />
        </section>
      ) : null}
      <section aria-labelledby="newest-heading">
        <h2 id="newest-heading" className="mb-3 text-lg font-bold">
          {t('home.newest')}
        </h2>
        {newest.length > 0 ? (
          <ProductGrid products={newest} eagerCount={featured.length > 0 ? 0 : 2} />
        ) : (
          <p className="rounded-2xl bg-white p-6 text-center text-stone-600">{t('home.empty')}</p>
        )}
        {nextPage ? (
          <div className="mt-6 flex justify-center">
            <Link
              to={`/?after=${encodeURIComponent(nextPage)}`}
              className="inline-flex min-h-11 items-center rounded-full border border-brand-600 px-6 font-medium text-brand-700 hover:bg-brand-50"
            >
              {t('home.more')}
            </Link>
          </div>
        ) : null}
      </section>
    </div>
  )
}
