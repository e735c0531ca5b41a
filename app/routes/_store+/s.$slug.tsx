import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ShareButtons } from '~/components/share-buttons'
import { useTranslation } from '~/utils/translate'
import { ProductGrid } from '~/components/product-card'
import { PinIcon, ShieldIcon } from '~/components/ui/icons'
import { listShopProducts } from '~/modules/catalog/catalog.server'
import { getPublicShop } from '~/modules/shops/shops.server'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
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
  const shop = await getPublicShop(db, { slug: params.slug ?? '', language })
  invariantResponse(shop, 'Not found', { status: 404 })
  const products = await listShopProducts(db, { shopId: shop.id, language })
  const seo = pageSeo(language, t, {
    title: `${shop.name} — ${t('seo.siteName')}`,
    description: shop.story.trim() || t('shop.metaDescription', { name: shop.name, place: shop.wilayaName ?? t('seo.siteName') }),
    path: `/s/${shop.slug}`,
    image: shop.logo ? shop.logo.srcSet.split(', ').at(-1)?.split(' ')[0] : products[0]?.image?.src,
    imageAlt: shop.name,
  })
  return data({ shop, products, seo }, { headers: catalogCacheHeaders(request) })
}

export default function ShopPage() {
  const { shop, products, seo } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-3 rounded-3xl border border-stone-200 bg-white p-5">
        <div className="flex items-center gap-3">
          {shop.logo ? (
            <img src={shop.logo.src} srcSet={shop.logo.srcSet} sizes="64px" width={64} height={64} alt="" className="size-16 rounded-2xl object-cover" />
          ) : (
            <div aria-hidden="true" className="flex size-16 items-center justify-center rounded-2xl bg-brand-100 text-2xl font-bold text-brand-700">
              {shop.name.slice(0, 1)}
            </div>
          )}
          <div className="min-w-0">
            <h1 dir="auto" className="text-start text-2xl font-bold">
              {shop.name}
            </h1>
            <p className="text-sm text-stone-600">{t(`producerCategory.${shop.producerCategory}`)}</p>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="inline-flex min-h-8 items-center gap-1 rounded-full bg-brand-100 px-3 font-medium text-brand-800">
            <ShieldIcon className="size-4" />
            {t('shop.verified')}
          </span>
          {shop.wilayaName ? (
            <span className="inline-flex items-center gap-1 text-stone-600">
              <PinIcon />
              {shop.communeName && shop.communeName !== shop.wilayaName ? t('product.place', { commune: shop.communeName, wilaya: shop.wilayaName }) : shop.wilayaName}
            </span>
          ) : null}
        </div>
        {shop.story ? (
          <p dir="auto" className="whitespace-pre-line text-start leading-relaxed text-stone-800">
            {shop.story}
          </p>
        ) : null}
        <Link
          to={`/account/messages/new?${new URLSearchParams({ shop: shop.slug })}`}
          rel="nofollow"
          className="inline-flex min-h-11 items-center self-start rounded-full border border-brand-600 px-4 text-sm font-semibold text-brand-700 hover:bg-brand-50"
        >
          {t('product.askProducer')}
        </Link>
        <ShareButtons url={seo.url} title={shop.name} />
      </header>
      <section aria-labelledby="shop-products-heading">
        <h2 id="shop-products-heading" className="mb-3 text-lg font-bold">
          {t('shop.products')}
        </h2>
        {products.length ? <ProductGrid products={products} eagerCount={2} /> : <p className="text-stone-600">{t('shop.noProducts')}</p>}
      </section>
    </div>
  )
}
