import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { partnerOpenApiDocument } from '~/modules/partners/openapi.server'
import { useTranslation } from '~/utils/translate'

// /api/docs: the partner API for people — each endpoint, its parameters and answers, read from the
// same OpenAPI document as /api/openapi.json (itself built from the response schemas). A client
// asking for JSON (Accept: application/json) gets the document itself.

export const meta: MetaFunction = () => [{ title: 'Taswiq API' }]
export const headers = () => ({ 'Cache-Control': 'public, max-age=300' })

type Operation = { summary?: string; parameters?: { name: string; description?: string }[]; responses?: Record<string, { description?: string }> }

export function loader({ request }: LoaderFunctionArgs) {
  const document = partnerOpenApiDocument()
  if ((request.headers.get('Accept') ?? '').startsWith('application/json')) {
    return new Response(JSON.stringify(document), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', Vary: 'Accept' } })
  }
  const paths = Object.entries(document.paths ?? {}).map(([path, item]) => {
    const get = (item as { get?: Operation }).get ?? {}
    return {
      path,
      summary: get.summary ?? '',
      parameters: (get.parameters ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
      responses: Object.entries(get.responses ?? {}).map(([code, r]) => ({ code, description: r.description ?? '' })),
    }
  })
  return { title: document.info.title, version: document.info.version, paths, schemas: Object.keys(document.components?.schemas ?? {}) }
}

export default function ApiDocsPage() {
  const { title, version, paths, schemas } = useLoaderData<typeof loader>() as Exclude<ReturnType<typeof loader>, Response>
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('partners.docsTitle')}</h1>
      <p className="text-stone-700">{t('partners.docsIntro')}</p>
      <p>
        <a href="/api/openapi.json" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t('partners.openapiLink')}
        </a>{' '}
        <span className="text-sm text-stone-600" dir="ltr">
          {title} {version}
        </span>
      </p>
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="auth">
        <h2 id="auth" className="mb-2 text-lg font-semibold">{t('partners.authTitle')}</h2>
        <p>{t('partners.auth')}</p>
        <pre dir="ltr" className="mt-2 overflow-x-auto rounded-xl bg-stone-100 p-3 text-sm">curl -H "Authorization: Bearer tsq_…" https://…/api/v1/shops?wilaya=15</pre>
        <p className="mt-2">{t('partners.limits')}</p>
        <p className="mt-2">{t('partners.webhooks')}</p>
      </section>
      {paths.map((p) => (
        <section key={p.path} className="rounded-2xl border border-stone-200 bg-white p-4">
          <h2 className="text-lg font-semibold" dir="ltr">
            <span className="me-2 rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-800">GET</span>
            {p.path}
          </h2>
          <p className="mt-1 text-stone-700" dir="ltr">{p.summary}</p>
          <h3 className="mt-2 font-medium">{t('partners.parameters')}</h3>
          <ul className="list-inside list-disc text-sm" dir="ltr">
            {p.parameters.map((param) => (
              <li key={param.name}>
                <code>{param.name}</code> — {param.description}
              </li>
            ))}
          </ul>
          <h3 className="mt-2 font-medium">{t('partners.responses')}</h3>
          <ul className="text-sm" dir="ltr">
            {p.responses.map((r) => (
              <li key={r.code}>
                <code>{r.code}</code> {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="text-sm text-stone-600" dir="ltr">{schemas.join(' · ')}</p>
    </div>
  )
}
