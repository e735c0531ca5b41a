import { useId, type ReactNode } from 'react'
import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { ProductCard as ProductCardData } from '~/modules/catalog/product-card'
import { useLanguage } from '~/utils/use-language'
import { formatDzd } from '~/utils/money'
import { StockBadge } from './stock-badge'
import { FavouriteButton, FavouriteForm } from './favourite-button'

// A grid of cards is most of a catalog page's HTML, so a card is kept light (decision 023): its
// "add to cart" button and its heart submit the grid's shared forms (`form="…"`, its own productId as the
// button's name/value: works without JavaScript, and Remix's <Form> reads the submitter), the pin
// is a <use> of one symbol per grid, and the photo's srcset lists the widths a card can use.

/**
 * `eager`: in the first screenful, loaded at once; `priority`: the likely largest paint (the first
 * card), fetched first. `addForm` / `favouriteForm` / `pinIcon`: the ids of the grid's shared forms and pin symbol.
 */
export function ProductCard({
  product,
  addForm,
  favouriteForm,
  pinIcon,
  eager = false,
  priority = false,
}: {
  product: ProductCardData
  addForm: string
  favouriteForm: string
  pinIcon: string
  eager?: boolean
  priority?: boolean
}) {
  const language = useLanguage()
  const { t } = useTranslation()
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
      <FavouriteButton productId={product.id} title={product.title} form={favouriteForm} className="absolute end-2 top-2" />
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
            <svg aria-hidden="true" className="size-3.5 shrink-0">
              <use href={`#${pinIcon}`} />
            </svg>
            <span className="truncate">{product.wilayaName}</span>
          </p>
        ) : null}
        {product.stock <= 0 ? (
          <StockBadge stock={product.stock} className="mt-auto self-start" />
        ) : (
          // Above the card-wide link (z-10), so the button is its own tap target.
          <button
            type="submit"
            form={addForm}
            name="productId"
            value={product.id}
            aria-label={t('cart.addNamed', { title: product.title })}
            className="relative z-10 mt-auto min-h-11 w-full rounded-full border border-brand-600 px-3 text-sm font-semibold text-brand-700 hover:bg-brand-50"
          >
            {t('cart.add')}
          </button>
        )}
        <span className="sr-only">{t('product.viewDetails')}</span>
      </div>
    </article>
  )
}

export function ProductGrid({
  products,
  eagerCount = 0,
  below,
  testId,
}: {
  products: ProductCardData[]
  eagerCount?: number
  /** Something under each card (the favourites page's "remove"). */
  below?: (product: ProductCardData) => ReactNode
  testId?: string
}) {
  const location = useLocation()
  const id = useId()
  const addForm = `add-${id}`
  const favouriteForm = `fav-${id}`
  const pinIcon = `pin-${id}`
  return (
    <>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid={testId}>
        {products.map((product, index) => (
          <li key={product.id} className="flex">
            <div className="flex w-full flex-col gap-1">
              <ProductCard product={product} addForm={addForm} favouriteForm={favouriteForm} pinIcon={pinIcon} eager={index < eagerCount} priority={index === 0 && eagerCount > 0} />
              {below?.(product)}
            </div>
          </li>
        ))}
      </ul>
      {/* The cards' buttons submit this form with their product (after adding, back to this page). It
          comes after the list so the list stays the heading's next sibling. */}
      <Form id={addForm} method="post" action="/cart" hidden>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="quantity" value="1" />
        <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      </Form>
      <FavouriteForm id={favouriteForm} />
      <svg className="hidden" aria-hidden="true">
        <symbol
          id={pinIcon}
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M12 21s-7-6.1-7-11.5a7 7 0 0 1 14 0C19 14.9 12 21 12 21Z" />
          <circle cx="12" cy="9.5" r="2.5" />
        </symbol>
      </svg>
    </>
  )
}
