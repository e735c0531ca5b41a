import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { MIN_PRODUCERS_PER_CELL, openDataDatasets, openDatasetNames } from '~/modules/opendata/dictionary'
import { listOpenDataFiles } from '~/modules/opendata/opendata.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { useTranslation } from '~/utils/translate'

// The public open-data page (issue 22, decision 021): each month's anonymised files (CSV and JSON)
// with their SHA-256, and the data dictionary in the reader's language (the file has all three).

export const meta: MetaFunction = () => [{ title: 'Taswiq — open data' }]
export const headers = () => ({ 'Cache-Control': 'public, max-age=300' })

export async function loader({ request }: LoaderFunctionArgs) {
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const months = await listOpenDataFiles(db)
  const dictionary = openDatasetNames.map((name) => {
    const d = openDataDatasets[name]
    return { name, title: d.title[language], description: d.description[language], columns: Object.entries(d.columns).map(([column, text]) => ({ column, text: text[language] })) }
  })
  return { months, dictionary, minimum: MIN_PRODUCERS_PER_CELL }
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`

export default function OpenDataPage() {
  const { months, dictionary, minimum } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('openData.title')}</h1>
      <p className="text-stone-700">{t('openData.intro', { minimum })}</p>
      {months.length === 0 ? <p className="rounded-xl bg-stone-100 p-3">{t('openData.none')}</p> : null}
      {months.map(({ month, files }) => (
        <section key={month} className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`} className="mb-2 text-lg font-semibold">
            {t('openData.month')} <span dir="ltr">{month}</span>
          </h2>
          <ul className="flex flex-col divide-y divide-stone-100">
            {files.map((f) => (
              <li key={`${f.dataset}.${f.format}`} className="flex flex-col gap-1 py-2">
                <a href={`/open-data/${month}/${f.dataset}.${f.format}`} download className="inline-flex min-h-11 items-center gap-2 font-semibold text-brand-700 underline">
                  {f.dataset === 'dictionary' ? t('openData.dictionary') : (dictionary.find((d) => d.name === f.dataset)?.title ?? f.dataset)}
                  <span className="rounded bg-stone-100 px-2 text-xs font-medium text-stone-700 uppercase">{f.format}</span>
                </a>
                <span className="text-xs text-stone-600">
                  {t('openData.rows', { rows: f.rows })} · <span dir="ltr">{kb(f.bytes)}</span>
                </span>
                <span className="text-xs break-all text-stone-600">
                  SHA-256: <code dir="ltr">{f.sha256}</code>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="dictionary">
        <h2 id="dictionary" className="mb-2 text-lg font-semibold">{t('openData.dictionary')}</h2>
        {dictionary.map((d) => (
          <div key={d.name} className="mb-3">
            <h3 className="font-semibold">
              {d.title} <code className="text-sm text-stone-600" dir="ltr">{d.name}</code>
            </h3>
            <p className="text-sm text-stone-700">{d.description}</p>
            <dl className="mt-1 grid grid-cols-1 gap-x-3 text-sm sm:grid-cols-[max-content_1fr]">
              {d.columns.map((c) => (
                <div key={c.column} className="contents">
                  <dt className="text-xs text-stone-600">
                    <code dir="ltr">{c.column}</code>
                  </dt>
                  <dd className="mb-1">{c.text}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>
    </div>
  )
}
