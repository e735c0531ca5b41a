import { Form, Link } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { ProductCard } from '~/modules/catalog/product-card'
import { producerTypes, readinessValues, searchSorts, type ListingState, type SearchSort } from '~/modules/catalog/listing-params'
import { ProductGrid } from './product-card'

export type ListingFilterState = ListingState & { sort: SearchSort }

type Option = { value: string; label: string }

const fieldClass = 'min-h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

/**
 * Filters and sort of a listing as one plain GET form: works without JavaScript, and every state
 * is a URL. Folded on phones (a <details>, open once a filter is in use) so results come first.
 */
export function ListingFilters({
  action,
  state,
  categories,
  wilayas,
}: {
  action: string
  state: ListingFilterState
  /** Omitted on a category page, whose category is fixed by the URL. */
  categories?: Option[]
  wilayas: Option[]
}) {
  const { t } = useTranslation()
  const active = Boolean(
    (categories && state.categorySlug) || state.wilayaCode || state.minDzd != null || state.maxDzd != null || state.inStock || state.producerType || state.readiness,
  )
  const sorts = state.query ? searchSorts : searchSorts.filter((s) => s !== 'relevance')
  return (
    <details open={active} className="group rounded-2xl border border-stone-200 bg-white md:open:block" data-testid="listing-filters">
      <summary className="flex min-h-12 cursor-pointer list-none items-center justify-between gap-2 px-4 font-semibold [&::-webkit-details-marker]:hidden">
        <span>{t('listing.filters')}</span>
        <span aria-hidden="true" className="text-stone-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      {/* Keyed on the state: after a client-side navigation (a facet link, the back button) the
          uncontrolled fields start again from the URL's filters, so "Apply" keeps them. */}
      <Form key={JSON.stringify(state)} method="get" action={action} className="grid gap-3 border-t border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-3">
        {state.query ? <input type="hidden" name="q" value={state.query} /> : null}
        {categories ? (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('listing.category')}
            <select name="category" defaultValue={state.categorySlug ?? ''} className={fieldClass}>
              <option value="">{t('listing.anyCategory')}</option>
              {categories.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('listing.wilaya')}
          <select name="wilaya" defaultValue={state.wilayaCode ?? ''} className={fieldClass}>
            <option value="">{t('listing.anyWilaya')}</option>
            {wilayas.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">{t('listing.price')}</legend>
          <div className="grid grid-cols-2 gap-2">
            <label className="flex flex-col gap-1 text-xs text-stone-600">
              {t('listing.priceMin')}
              <input name="min" type="number" inputMode="numeric" min={0} step={1} defaultValue={state.minDzd ?? ''} className={fieldClass} />
            </label>
            <label className="flex flex-col gap-1 text-xs text-stone-600">
              {t('listing.priceMax')}
              <input name="max" type="number" inputMode="numeric" min={0} step={1} defaultValue={state.maxDzd ?? ''} className={fieldClass} />
            </label>
          </div>
        </fieldset>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('searchFacets.producerType')}
          <select name="producer" defaultValue={state.producerType ?? ''} className={fieldClass}>
            <option value="">{t('searchFacets.anyProducer')}</option>
            {producerTypes.map((p) => (
              <option key={p} value={p}>
                {t(`producerCategory.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('searchFacets.readiness')}
          <select name="ready" defaultValue={state.readiness ?? ''} className={fieldClass}>
            <option value="">{t('searchFacets.anyReadiness')}</option>
            {readinessValues.map((r) => (
              <option key={r} value={r}>
                {t(`searchFacets.ready.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('listing.sort')}
          <select name="sort" defaultValue={state.sort} className={fieldClass}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`listing.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-h-11 items-center gap-3 self-end text-sm font-medium">
          <input type="checkbox" name="stock" value="1" defaultChecked={state.inStock} className="size-5 accent-brand-600" />
          {t('listing.inStock')}
        </label>
        <div className="flex flex-wrap items-center gap-2 self-end sm:col-span-full">
          <button type="submit" className="inline-flex min-h-11 flex-1 items-center justify-center rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700 sm:flex-none">
            {t('listing.apply')}
          </button>
          {active ? (
            <Link
              to={state.query ? `${action}?q=${encodeURIComponent(state.query)}` : action}
              className="inline-flex min-h-11 items-center rounded-full px-4 text-sm text-stone-700 underline-offset-2 hover:underline"
            >
              {t('listing.reset')}
            </Link>
          ) : null}
        </div>
      </Form>
    </details>
  )
}

/** The grid, then a link to the next page (or why there is none). */
export function ListingResults({ products, nextHref, truncated }: { products: ProductCard[]; nextHref: string | null; truncated?: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <ProductGrid products={products} eagerCount={2} />
      {nextHref ? (
        <div className="mt-2 flex justify-center">
          <Link
            to={nextHref}
            className="inline-flex min-h-11 items-center rounded-full border border-brand-600 px-6 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t('listing.more')}
          </Link>
        </div>
      ) : truncated ? (
        <p className="text-center text-sm text-stone-600">{t('listing.tooDeep')}</p>
      ) : null}
    </>
  )
}
