import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getCommune, placeName, placeOptions } from '~/modules/geo/geo.server'
import { deliveryDepsFromEnv } from '~/modules/delivery/settings.server'
import { pickupPointsNear } from '~/modules/delivery/stop-desks.server'
import { cellsNear, producersNear } from '~/modules/nearme/near-me.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { useTranslation } from '~/utils/translate'

// Near me (issue 22, decision 021): pick a wilaya (then a commune) — a plain GET form that works
// without JavaScript — and get the producers there and the ministry's local cells, as lists.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'public, max-age=120' })

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const language = await getLanguage(request)
  const wilaya = Number(params.get('wilaya'))
  const wilayaCode = Number.isInteger(wilaya) && wilaya >= 1 && wilaya <= 58 ? wilaya : null
  const commune = params.get('commune') ? getCommune(params.get('commune')!) : null
  const communeCode = commune && commune.wilayaCode === wilayaCode ? commune.code : null
  const options = placeOptions(language, wilayaCode)
  if (!wilayaCode) return { wilayaCode, communeCode, options, producers: [], cells: [], pickupPoints: [] }
  const db = await getDb()
  // Pickup points come from the platform's carrier accounts (a day-long cache; a carrier that does
  // not answer leaves the last list or none, never an error page).
  const [producers, cells, pickupPoints] = await Promise.all([
    producersNear(db, { wilayaCode, communeCode }),
    cellsNear(db, { wilayaCode, communeCode }),
    pickupPointsNear(db, deliveryDepsFromEnv(), wilayaCode, commune && communeCode ? commune.nameFr : null),
  ])
  return {
    wilayaCode,
    communeCode,
    options,
    producers: producers.map((p) => ({ ...p, commune: placeName({ nameAr: p.communeNameAr, nameFr: p.communeNameFr }, language) })),
    pickupPoints,
    cells: cells.map((c) => ({
      id: c.id,
      name: c.name,
      address: c.address,
      phone: c.phone,
      hours: c.hours,
      commune: c.communeCode && getCommune(c.communeCode) ? placeName(getCommune(c.communeCode)!, language) : null,
    })),
  }
}

const select = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function NearMePage() {
  const { wilayaCode, communeCode, options, producers, cells, pickupPoints } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('nearMe.title')}</h1>
      <p className="text-stone-700">{t('nearMe.intro')}</p>
      <Form method="get" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('nearMe.wilaya')}
          <select name="wilaya" defaultValue={wilayaCode ?? ''} className={select} required>
            <option value="">{t('nearMe.choose')}</option>
            {options.wilayas.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        {options.communes.length > 0 ? (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('nearMe.commune')}
            <select name="commune" defaultValue={communeCode ?? ''} className={select}>
              <option value="">{t('nearMe.allCommunes')}</option>
              {options.communes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
          {t('nearMe.search')}
        </button>
      </Form>
      {wilayaCode ? (
        <>
          <section aria-labelledby="cells" className="flex flex-col gap-2">
            <h2 id="cells" className="text-lg font-bold">
              {t('nearMe.cells')}
            </h2>
            {cells.length === 0 ? <p className="text-stone-600">{t('nearMe.noCells')}</p> : null}
            <ul className="flex flex-col gap-2">
              {cells.map((c) => (
                <li key={c.id} className="rounded-2xl border border-stone-200 bg-white p-4">
                  <p className="font-semibold" dir="auto">
                    {c.name}
                  </p>
                  {c.commune ? <p className="text-sm text-stone-600">{c.commune}</p> : null}
                  <p dir="auto">{c.address}</p>
                  <p className="text-sm" dir="auto">
                    {t('nearMe.hours')}: {c.hours}
                  </p>
                  <a href={`tel:${c.phone.replace(/\s/g, '')}`} dir="ltr" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                    {c.phone}
                  </a>
                </li>
              ))}
            </ul>
            <Link to="/sell" className="inline-flex min-h-11 items-center self-start text-brand-700 underline">
              {t('nearMe.sell')}
            </Link>
          </section>
          {pickupPoints.length > 0 ? (
            <section aria-labelledby="pickup" className="flex flex-col gap-2">
              <h2 id="pickup" className="text-lg font-bold">
                {t('nearMe.pickup')}
              </h2>
              <p className="text-sm text-stone-600">{t('nearMe.pickupIntro')}</p>
              {pickupPoints.map((carrier) => (
                <ul key={carrier.carrierName} aria-label={carrier.carrierName} className="flex flex-col gap-2">
                  {carrier.desks.map((d) => (
                    <li key={d.id} className="rounded-2xl border border-stone-200 bg-white p-4">
                      <p className="font-semibold" dir="auto">
                        {d.name}
                      </p>
                      <p className="text-sm text-stone-600" dir="auto">
                        {carrier.carrierName} · {d.communeName}
                      </p>
                      <p dir="auto">{d.address}</p>
                    </li>
                  ))}
                </ul>
              ))}
            </section>
          ) : null}
          <section aria-labelledby="producers" className="flex flex-col gap-2">
            <h2 id="producers" className="text-lg font-bold">
              {t('nearMe.producers')}
            </h2>
            {producers.length === 0 ? <p className="text-stone-600">{t('nearMe.noProducers')}</p> : null}
            <ul className="flex flex-col divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white px-4">
              {producers.map((p) => (
                <li key={p.slug}>
                  <Link to={`/s/${p.slug}`} className="flex min-h-12 flex-col justify-center py-2">
                    <span className="font-semibold text-brand-800" dir="auto">
                      {p.name}
                    </span>
                    <span className="text-sm text-stone-600">
                      {p.commune} · {t(`producerCategory.${p.producerCategory}`)} · {t('nearMe.products', { n: p.products })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </div>
  )
}
