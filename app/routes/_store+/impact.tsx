import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { catalogCacheHeaders, catalogHeaders } from '~/modules/catalog/http-cache.server'
import { getImpactFigures } from '~/modules/stats/stats.server'
import { getDb } from '~/utils/db.server'
import { intlLocale } from '~/utils/i18n'
import { i18nServer } from '~/utils/i18n.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Taswiq' }, { name: 'description', content: data?.description ?? '' }]
export const headers = catalogHeaders

// /impact — public figures of the marketplace: counts only, no personal data.
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request)
  const figures = await getImpactFigures(await getDb())
  return data({ figures, title: `${t('impact.title')} — ${t('seo.siteName')}`, description: t('impact.intro') }, { headers: catalogCacheHeaders(request) })
}

export default function ImpactPage() {
  const { figures } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const number = new Intl.NumberFormat(intlLocale(useLanguage()))
  const items = [
    { key: 'producers', value: figures.producers },
    { key: 'wilayas', value: figures.wilayas },
    { key: 'products', value: figures.products },
    { key: 'delivered', value: figures.delivered },
  ] as const
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">{t('impact.title')}</h1>
        <p className="text-stone-700">{t('impact.intro')}</p>
      </div>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {items.map((item) => (
          <div
            key={item.key}
            className="flex min-w-0 flex-col-reverse gap-1 rounded-2xl border border-stone-200 bg-white p-4"
            data-testid={`impact-${item.key}`}
          >
            <dt className="text-sm text-stone-600">{t(`impact.figures.${item.key}`)}</dt>
            <dd className="text-3xl font-bold text-brand-700 tabular-nums">{number.format(item.value)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-stone-600">{t('impact.note')}</p>
    </div>
  )
}
