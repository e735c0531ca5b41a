import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StockBadge } from '~/components/stock-badge'
import { PinIcon } from '~/components/ui/icons'
import { getPublicProduct } from '~/modules/catalog/catalog.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { invariantResponse } from '~/utils/responses'
import { formatDzd } from '~/utils/money'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.product.title} — Taswiq` }, { name: 'description', content: data.product.description.slice(0, 160) }] : []

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const product = await getPublicProduct(await getDb(), { slug: params.slug ?? '', language })
  invariantResponse(product, 'Not found', { status: 404 })
  return { product }
}

export default function ProductPage() {
  const { product } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  const [cover, ...others] = product.images
  return (
    <article className="grid gap-6 md:grid-cols-2">
      <div className="flex flex-col gap-2">
        {cover ? (
          <img
            src={cover.src}
            srcSet={cover.srcSet}
            sizes="(min-width: 768px) 50vw, 100vw"
            width={cover.width}
            height={cover.height}
            alt={cover.alt}
            fetchPriority="high"
            className="aspect-square w-full rounded-2xl bg-stone-100 object-cover"
          />
        ) : (
          <div className="aspect-square w-full rounded-2xl bg-stone-100" />
        )}
        {others.length > 0 ? (
          <ul className="grid grid-cols-4 gap-2">
            {others.map((image) => (
              <li key={image.src}>
                <a href={image.src.replace(/-\d+\.webp$/, '-1280.webp')} className="block">
                  <img
                    src={image.src}
                    srcSet={image.srcSet}
                    sizes="25vw"
                    width={image.width}
                    height={image.height}
                    alt={image.alt}
                    loading="lazy"
                    decoding="async"
                    className="aspect-square w-full rounded-xl bg-stone-100 object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="flex flex-col gap-3">
        <p className="text-sm text-stone-600">
          <Link to={`/search?category=${product.categorySlug}`} className="underline-offset-2 hover:underline">
            {product.categoryName}
          </Link>
        </p>
        <h1 dir="auto" className="text-start text-2xl font-bold leading-snug">{product.title}</h1>
        <p className="text-2xl font-bold text-brand-700">{formatDzd(product.price, language)}</p>
        <div className="flex flex-wrap items-center gap-2">
          <StockBadge stock={product.stock} />
          {product.madeToOrderDays > 0 ? (
            <span className="text-sm text-stone-600">{t('product.madeToOrder', { count: product.madeToOrderDays })}</span>
          ) : null}
        </div>
        <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="shop-heading">
          <h2 id="shop-heading" className="text-xs font-medium uppercase text-stone-500">
            {t('product.soldBy')}
          </h2>
          <p dir="auto" className="mt-1 text-start font-semibold">
            <Link to={`/s/${product.shopSlug}`} className="underline-offset-2 hover:underline">
              {product.shopName}
            </Link>
          </p>
          <p className="text-sm text-stone-600">{t(`producerCategory.${product.producerCategory}`)}</p>
          {product.wilayaName ? (
            <p className="mt-1 flex items-center gap-1 text-sm text-stone-600">
              <PinIcon />
              {product.communeName && product.communeName !== product.wilayaName
                ? t('product.place', { commune: product.communeName, wilaya: product.wilayaName })
                : product.wilayaName}
            </p>
          ) : null}
        </section>
        <section aria-labelledby="description-heading">
          <h2 id="description-heading" className="mb-1 font-semibold">
            {t('product.description')}
          </h2>
          <p dir="auto" className="whitespace-pre-line text-start leading-relaxed text-stone-800">{product.description}</p>
        </section>
        {product.weightG ? (
          <p className="text-sm text-stone-600">{t('product.weight', { grams: product.weightG })}</p>
        ) : null}
      </div>
    </article>
  )
}
