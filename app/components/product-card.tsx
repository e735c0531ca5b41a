import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { ProductCard as ProductCardData } from '~/modules/catalog/product-card'
import { useLanguage } from '~/utils/use-language'
import { formatDzd } from '~/utils/money'
import { PinIcon } from './ui/icons'
import { StockBadge } from './stock-badge'
import { FavouriteButton } from './favourite-button'

/** `eager`: in the first screenful, loaded at once; `priority`: the likely largest paint (the first card), fetched first. */
export function ProductCard({ product, eager = false, priority = false }: { product: ProductCardData; eager?: boolean; priority?: boolean }) {
  const language = useLanguage()
  const { t } = useTranslation()
  const location = useLocation()
  return (
    <article className="group relative flex flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm">
      <div className="aspect-square bg-stone-100">
        {product.image ? (
          <img
            src={product.image.src}
            srcSet={product.image.srcSet}
            sizes="(min-width: 1024px) 240px, (min-width: 640px) 33vw, 50vw"
            width={product.image.width}
            height={product.image.height}
            alt=""
            loading={eager ? 'eager' : 'lazy'}
            fetchPriority={priority ? 'high' : undefined}
            decoding={priority ? undefined : 'async'}
            className="size-full object-cover"
          />
        ) : null}
      </div>
      <FavouriteButton productId={product.id} title={product.title} className="absolute end-2 top-2" />
      <div className="flex flex-1 flex-col gap-1 p-3">
        <h3 dir="auto" className="line-clamp-2 text-start text-sm font-semibold leading-snug">
          <Link to={`/p/${product.slug}`} prefetch="intent" className="after:absolute after:inset-0">
            {product.title}
          </Link>
        </h3>
        <p className="text-base font-bold text-brand-700">{formatDzd(product.price, language)}</p>
        <p dir="auto" className="truncate text-start text-xs text-stone-600">
          {product.shopName}
        </p>
        {product.wilayaName ? (
          <p className="flex items-center gap-1 text-xs text-stone-500">
            <PinIcon className="size-3.5 shrink-0" />
            <span className="truncate">{product.wilayaName}</span>
          </p>
        ) : null}
        {product.stock <= 0 ? (
          <StockBadge stock={product.stock} className="mt-auto self-start" />
        ) : (
          // Above the card-wide link, so the button is its own tap target.
          <Form method="post" action="/cart" className="relative z-10 mt-auto pt-1">
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="productId" value={product.id} />
            <input type="hidden" name="quantity" value="1" />
            <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
            <button
              type="submit"
              aria-label={t('cart.addNamed', { title: product.title })}
              className="min-h-11 w-full rounded-full border border-brand-600 px-3 text-sm font-semibold text-brand-700 hover:bg-brand-50"
            >
              {t('cart.add')}
            </button>
          </Form>
        )}
        <span className="sr-only">{t('product.viewDetails')}</span>
      </div>
    </article>
  )
}

export function ProductGrid({ products, eagerCount = 0 }: { products: ProductCardData[]; eagerCount?: number }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((product, index) => (
        <li key={product.id} className="flex">
          <div className="w-full">
            <ProductCard product={product} eager={index < eagerCount} priority={index === 0 && eagerCount > 0} />
          </div>
        </li>
      ))}
    </ul>
  )
}
