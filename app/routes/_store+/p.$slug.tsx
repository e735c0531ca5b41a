import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { Stars } from '~/components/stars'
import { StockBadge } from '~/components/stock-badge'
import { FavouriteButton } from '~/components/favourite-button'
import { ShareButtons } from '~/components/share-buttons'
import { largestVariant as largest, PhotoViewer, viewerHref } from '~/components/photo-viewer'
import { useVariantChoice, VariantPicker } from '~/components/variant-picker'
import { FoodFacts } from '~/components/food-facts'
import { PinIcon } from '~/components/ui/icons'
import { MAX_LINE_QUANTITY } from '~/modules/cart/limits'
import { getProductReviews } from '~/modules/reviews/reviews.server'
import { getPublicProduct } from '~/modules/catalog/catalog.server'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
import { seoMeta } from '~/modules/catalog/seo'
import { inlineJson } from '~/utils/inline-json'
import { absoluteUrl, pageSeo } from '~/modules/catalog/seo.server'
import { getCatalogDb } from '~/utils/db.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { centimesToDinars, formatDzd } from '~/utils/money'
import { invariantResponse } from '~/utils/responses'
import { useLanguage } from '~/utils/use-language'
import { algeriaDay, formatAlgeriaDay } from '~/utils/dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)
export const headers = catalogHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [language, t, db] = await Promise.all([getLanguage(request), i18nServer.getFixedT(request), getCatalogDb(request)])
  const slug = params.slug ?? ''
  // Independent reads, together: one round trip of waiting (the reviews are found by the slug).
  const [product, reviews] = await Promise.all([getPublicProduct(db, { slug, language }), getProductReviews(db, { slug })])
  invariantResponse(product, 'Not found', { status: 404 })
  const path = `/p/${product.slug}`
  const images = product.images.map((image) => absoluteUrl(largest(image.srcSet)))
  const seo = pageSeo(language, t, {
    title: `${product.title} — ${t('seo.siteName')}`,
    description:
      product.description.trim() || t('product.metaDescription', { title: product.title, shop: product.shopName, price: formatDzd(product.price, language) }),
    path,
    image: images[0] ? largest(product.images[0]!.srcSet) : null,
    imageAlt: product.title,
    type: 'product',
  })
  const structuredData = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description || undefined,
    image: images.length ? images : undefined,
    sku: product.id,
    category: product.categoryName ?? undefined,
    url: seo.url,
    offers: {
      '@type': 'Offer',
      url: seo.url,
      priceCurrency: 'DZD',
      // Prices are held in centimes; schema.org wants the amount in dinars.
      price: centimesToDinars(product.price, { fixed: true }),
      availability:
        product.stock > 0 ? 'https://schema.org/InStock' : product.madeToOrderDays > 0 ? 'https://schema.org/MadeToOrder' : 'https://schema.org/OutOfStock',
      itemCondition: 'https://schema.org/NewCondition',
      seller: { '@type': 'Organization', name: product.shopName },
    },
    aggregateRating: reviews.count ? { '@type': 'AggregateRating', ratingValue: reviews.average, reviewCount: reviews.count } : undefined,
  }
  return data({ product, reviews, seo, structuredData: inlineJson(structuredData) }, { headers: catalogCacheHeaders(request) })
}

export default function ProductPage() {
  const { product, reviews, structuredData, seo } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  const total = product.images.length
  const options = [product.option1Name, product.option2Name].filter((n): n is string => !!n)
  const hasOptions = options.length > 0 && product.variants.length > 0
  const { selected, setSelected, variant } = useVariantChoice(product.variants)
  const prices = product.variants.map((v) => v.price)
  const priceRange = hasOptions && Math.min(...prices) !== Math.max(...prices)
  // What the buyer reads above the button: the chosen combination's, else the product's (cheapest, total).
  const shownPrice = variant?.price ?? product.price
  const shownStock = hasOptions ? (variant?.stock ?? product.stock) : product.stock
  const maxQuantity = Math.min(hasOptions ? (variant?.stock ?? Math.max(0, ...product.variants.map((v) => v.stock))) : product.stock, MAX_LINE_QUANTITY)
  return (
    <article className="grid gap-6 md:grid-cols-2">
      {/* Data, not code: CSP does not apply, and inlineJson() escapes "<" so a title cannot close the tag. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structuredData }} />
      <section aria-label={t('product.gallery')} className="flex min-w-0 flex-col gap-2">
        {total > 0 ? (
          // A swipeable strip of photos (CSS scroll snapping: no JavaScript), thumbnails jump to each one.
          <ul
            // Focusable so the photos can be scrolled with the arrow keys, not only swiped.
            tabIndex={0}
            aria-label={t('product.gallery')}
            className="flex snap-x snap-mandatory gap-2 overflow-x-auto overscroll-x-contain rounded-2xl [scrollbar-width:none] focus-visible:outline-2 focus-visible:outline-brand-600"
            data-testid="gallery"
          >
            {product.images.map((image, index) => (
              <li key={image.src} id={`photo-${index + 1}`} className="w-full shrink-0 snap-center scroll-mt-28">
                {/* Opens the full-screen viewer (a fragment link: works without JavaScript). */}
                <a href={viewerHref(index + 1)} className="block rounded-2xl focus-visible:outline-2 focus-visible:outline-brand-600" aria-label={t('product.viewerOpen', { n: index + 1, total })}>
                  <img
                    src={image.src}
                    srcSet={image.srcSet}
                    sizes="(min-width: 1152px) 560px, (min-width: 768px) 50vw, 100vw"
                    width={image.width}
                    height={image.height}
                    alt={total > 1 ? `${image.alt} — ${t('product.photo', { n: index + 1, total })}` : image.alt}
                    loading={index === 0 ? 'eager' : 'lazy'}
                    fetchPriority={index === 0 ? 'high' : undefined}
                    decoding={index === 0 ? undefined : 'async'}
                    className="aspect-square w-full rounded-2xl bg-stone-100 object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <div className="aspect-square w-full rounded-2xl bg-stone-100" />
        )}
        <PhotoViewer photos={product.images} />
        {total > 1 ? (
          <ul className="flex gap-2 overflow-x-auto pb-1">
            {product.images.map((image, index) => (
              <li key={image.src} className="shrink-0">
                <a
                  href={`#photo-${index + 1}`}
                  className="block size-16 overflow-hidden rounded-xl border-2 border-transparent focus-visible:border-brand-600"
                  aria-label={t('product.photo', { n: index + 1, total })}
                >
                  <img
                    src={image.src}
                    srcSet={image.srcSet}
                    sizes="64px"
                    width={64}
                    height={64}
                    alt=""
                    loading="lazy"
                    decoding="async"
                    className="size-full bg-stone-100 object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <div className="flex min-w-0 flex-col gap-3">
        <p className="text-sm text-stone-600">
          <Link to={`/c/${product.categorySlug}`} className="inline-flex min-h-11 min-w-11 items-center justify-center underline-offset-2 hover:underline">
            {product.categoryName}
          </Link>
        </p>
        <div className="flex items-start gap-2">
          <h1 dir="auto" className="flex-1 text-start text-2xl font-bold leading-snug">
            {product.title}
          </h1>
          <FavouriteButton productId={product.id} title={product.title} className="relative border border-stone-200 rounded-full" />
        </div>
        <p className="text-2xl font-bold text-brand-700" data-testid="price">
          {/* Without JavaScript nothing is chosen yet on the server: "from" the cheapest when prices differ. */}
          {priceRange && !variant ? t('variants.from', { price: formatDzd(shownPrice, language) }) : formatDzd(shownPrice, language)}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {product.inSeason ? <StockBadge stock={shownStock} /> : null}
          {hasOptions && variant ? (
            <span className="text-sm text-stone-700" data-testid="variant-stock">
              {t('variants.inStock', { count: variant.stock })}
            </span>
          ) : null}
          {product.madeToOrderDays > 0 ? <span className="text-sm text-stone-600">{t('product.madeToOrder', { count: product.madeToOrderDays })}</span> : null}
        </div>
        {!product.inSeason ? (
          <section className="flex flex-col gap-2 rounded-2xl border border-amber-300 bg-amber-50 p-4" data-testid="out-of-season">
            <p className="font-semibold text-amber-900">
              {product.availableFrom && product.availableFrom > algeriaDay(new Date())
                ? t('product.availableFrom', { date: formatAlgeriaDay(product.availableFrom, language) })
                : t('product.outOfSeason')}
            </p>
            {/* A plain POST: works without JavaScript; a visitor is asked to sign in first. */}
            <Form method="post" action={`/p/${product.slug}/notify`}>
              <button type="submit" className="min-h-12 rounded-full border border-brand-600 bg-white px-5 font-semibold text-brand-700">
                {t('product.notifyMe')}
              </button>
            </Form>
          </section>
        ) : null}
        {product.stock > 0 && product.inSeason ? (
          <Form method="post" action="/cart" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="productId" value={product.id} />
            <input type="hidden" name="redirectTo" value={`/p/${product.slug}`} />
            {hasOptions ? (
              <div className="w-full">
                <VariantPicker names={options} variants={product.variants} language={language} selected={selected} onSelect={setSelected} />
              </div>
            ) : null}
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('cart.quantity')}
              <input
                name="quantity"
                type="number"
                inputMode="numeric"
                min={1}
                max={Math.max(1, maxQuantity)}
                defaultValue={1}
                className="min-h-12 w-20 rounded-xl border border-stone-300 bg-white px-2 text-base"
              />
            </label>
            <button type="submit" className="min-h-12 flex-1 rounded-full bg-brand-600 px-6 text-lg font-semibold text-white hover:bg-brand-700">
              {t('cart.add')}
            </button>
          </Form>
        ) : null}
        <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="shop-heading">
          <h2 id="shop-heading" className="text-xs font-medium uppercase text-stone-500">
            {t('product.soldBy')}
          </h2>
          <p dir="auto" className="mt-1 text-start font-semibold">
            <Link to={`/s/${product.shopSlug}`} className="inline-flex min-h-11 min-w-11 items-center justify-center underline-offset-2 hover:underline">
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
          <Link
            to={`/account/messages/new?${new URLSearchParams({ product: product.id })}`}
            rel="nofollow"
            className="mt-2 inline-flex min-h-11 items-center rounded-full border border-brand-600 px-4 text-sm font-semibold text-brand-700 hover:bg-brand-50"
          >
            {t('product.askProducer')}
          </Link>
        </section>
        <section aria-labelledby="description-heading">
          <h2 id="description-heading" className="mb-1 font-semibold">
            {t('product.description')}
          </h2>
          <p dir="auto" className="whitespace-pre-line text-start leading-relaxed text-stone-800">
            {product.description}
          </p>
        </section>
        <ShareButtons url={seo.url} title={`${product.title} — ${formatDzd(product.price, language)}`} />
        {product.weightG ? <p className="text-sm text-stone-600">{t('product.weight', { grams: product.weightG })}</p> : null}
        <FoodFacts food={product} language={language} />
        <section aria-labelledby="reviews-heading" className="flex flex-col gap-2">
          <h2 id="reviews-heading" className="font-semibold">
            {t('reviews.title')}
          </h2>
          {reviews.count ? (
            <>
              <p className="flex items-center gap-2">
                <Stars rating={reviews.average ?? 0} />
                <span className="text-sm text-stone-700">{t('reviews.summary', { average: reviews.average, count: reviews.count })}</span>
              </p>
              <ul className="flex flex-col gap-3">
                {reviews.reviews.map((review) => (
                  <li key={review.id} className="rounded-xl border border-stone-200 bg-white p-3">
                    <p className="flex items-center gap-2 text-sm">
                      <Stars rating={review.rating} />
                      <span className="font-medium" dir="auto">
                        {review.author}
                      </span>
                    </p>
                    {review.body ? (
                      <p className="mt-1 whitespace-pre-line" dir="auto">
                        {review.body}
                      </p>
                    ) : null}
                    {review.reply ? (
                      <p className="mt-2 border-s-2 border-brand-600 ps-3 text-sm text-stone-700" dir="auto">
                        <span className="font-medium">{t('reviews.shopReply')}</span> {review.reply}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-stone-600">{t('reviews.none')}</p>
          )}
        </section>
        <p className="border-t border-stone-200 pt-2">
          <Link
            to={`/p/${product.slug}/report`}
            rel="nofollow"
            className="inline-flex min-h-11 items-center text-sm text-stone-600 underline underline-offset-2 hover:text-clay-600"
          >
            {t('product.reportListing')}
          </Link>
        </p>
      </div>
    </article>
  )
}
