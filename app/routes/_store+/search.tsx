import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProductGrid } from '~/components/product-card'
import { searchProducts } from '~/modules/catalog/catalog.server'
import { getDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const t = await i18nServer.getFixedT(request)
  // Bounded so a pasted novel cannot become an expensive query.
  const query = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const products = query ? await searchProducts(await getDb(), { language, query }) : []
  return { query, products, title: query ? t('search.metaTitle', { query }) : t('search.title') }
}

export default function SearchPage() {
  const { query, products } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-bold">{query ? t('search.resultsFor', { query }) : t('search.title')}</h1>
      {query && products.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-center text-stone-600">{t('search.noResults')}</p>
      ) : null}
      {!query ? <p className="text-stone-600">{t('search.prompt')}</p> : null}
      {products.length > 0 ? <ProductGrid products={products} eagerCount={2} /> : null}
    </div>
  )
}
