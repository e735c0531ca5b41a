import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { ProducerType, Readiness } from '~/modules/catalog/listing-params'
import { useLanguage } from '~/utils/use-language'
import { intlLocale } from '~/utils/i18n'

type Facet = { count: number; active: boolean; href: string }
export type SearchFacetsView = {
  categories: (Facet & { label: string })[]
  wilayas: (Facet & { label: string })[]
  prices: (Facet & { min: number; max: number | null })[]
  inStock: Facet
  readiness: (Facet & { value: Readiness })[]
  producerTypes: (Facet & { value: ProducerType })[]
}

/**
 * Counts of the results by filter value, each a plain link to the same search with that value set
 * (or cleared when it is the one in use): filters combine in the URL, no JavaScript needed.
 */
export function SearchFacets({ facets }: { facets: SearchFacetsView }) {
  const { t } = useTranslation()
  const locale = intlLocale(useLanguage())
  const number = (n: number) => n.toLocaleString(locale)
  const price = (min: number, max: number | null) =>
    max == null ? t('searchFacets.priceFrom', { min: number(min) }) : t('searchFacets.priceRange', { min: number(min), max: number(max) })
  const groups: { title: string; items: (Facet & { label: string })[] }[] = [
    { title: t('listing.category'), items: facets.categories },
    { title: t('listing.wilaya'), items: facets.wilayas.slice(0, 12) },
    { title: t('listing.price'), items: facets.prices.map((p) => ({ ...p, label: price(p.min, p.max) })) },
    {
      title: t('searchFacets.availability'),
      items: [
        ...(facets.inStock.count > 0 ? [{ ...facets.inStock, label: t('listing.inStock') }] : []),
        ...facets.readiness.map((r) => ({ ...r, label: t(`searchFacets.ready.${r.value}`) })),
      ],
    },
    { title: t('searchFacets.producerType'), items: facets.producerTypes.map((p) => ({ ...p, label: t(`producerCategory.${p.value}`) })) },
  ]
  // On a phone the results come first (the "filter and sort" form above does the same filtering);
  // from md up the facets sit above the results, where there is room.
  return (
    <nav aria-label={t('searchFacets.title')} className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4 max-md:order-last" data-testid="search-facets">
      {groups
        .filter((g) => g.items.length > 0)
        .map((group) => (
          <div key={group.title}>
            <h2 className="mb-1 text-sm font-semibold text-stone-700">{group.title}</h2>
            <ul className="flex flex-wrap gap-2">
              {group.items.map((item) => (
                <li key={item.href}>
                  <Link
                    to={item.href}
                    aria-current={item.active ? 'true' : undefined}
                    className={`inline-flex min-h-11 items-center gap-2 rounded-full border px-4 text-sm ${item.active ? 'border-brand-600 bg-brand-50 font-semibold text-brand-800' : 'border-stone-300 text-stone-800 hover:border-brand-600'}`}
                  >
                    <span dir="auto">{item.label}</span>
                    <span className="tabular-nums text-stone-500">{number(item.count)}</span>
                    {item.active ? <span aria-hidden="true">×</span> : null}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </nav>
  )
}
