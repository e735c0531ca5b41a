import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { auditActions, auditFilterQuery, auditTargetName, listAudit, parseAuditFilters } from '~/modules/audit/audit.server'
import { getDb } from '~/utils/db.server'
import { algeriaDateFormat } from '~/utils/dates'
import { requireRole } from '~/utils/permissions.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

const PAGE_SIZE = 50

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const { values, filters } = parseAuditFilters(new URL(request.url).searchParams)
  const { rows, nextCursor } = await listAudit(await getDb(), { ...filters, limit: PAGE_SIZE })
  return {
    values,
    paged: Boolean(filters.before),
    actions: [...auditActions],
    filterQuery: auditFilterQuery(values),
    nextQuery: nextCursor ? auditFilterQuery({ ...values, before: nextCursor }) : null,
    rows: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actorName: row.actorName,
      actorEmail: row.actorEmail,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      targetName: auditTargetName(row),
      productId: typeof row.details.productId === 'string' ? row.details.productId : null,
      reasonCode: row.reasonCode,
      reason: row.reason,
      ip: row.ip,
    })),
  }
}

type Row = Awaited<ReturnType<typeof loader>>['rows'][number]

export default function AuditLog() {
  const { values, paged, actions, filterQuery, nextQuery, rows } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  const dateTime = algeriaDateFormat(language, 'dateTime')
  const when = (row: Row) => dateTime.format(new Date(row.createdAt))
  const inputClass = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'
  // A plain <a>: the CSV is a file from a resource route, not a page for the client router.
  const csvHref = `/moderation/audit.csv${filterQuery ? `?${filterQuery}` : ''}`

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold">{t('audit.title')}</h1>
          <p className="text-sm text-stone-600">{t('audit.intro')}</p>
        </div>
        <a href={csvHref} download className="inline-flex min-h-11 items-center rounded-full bg-brand-600 px-5 text-sm font-semibold text-white hover:bg-brand-700">
          {t('audit.downloadCsv')}
        </a>
      </div>

      <Form method="get" className="grid gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t('audit.filters.legend')}>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="audit-action" className="text-sm font-medium">
            {t('audit.filters.action')}
          </label>
          <select id="audit-action" name="action" defaultValue={values.action} className={inputClass}>
            <option value="">{t('audit.filters.allActions')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`, { defaultValue: action })}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="audit-target" className="text-sm font-medium">
            {t('audit.filters.targetId')}
          </label>
          <input id="audit-target" name="targetId" type="text" dir="ltr" defaultValue={values.targetId} autoComplete="off" spellCheck={false} className={inputClass} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="audit-from" className="text-sm font-medium">
            {t('audit.filters.from')}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={values.from} className={inputClass} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="audit-to" className="text-sm font-medium">
            {t('audit.filters.to')}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={values.to} className={inputClass} />
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700">
            {t('audit.filters.apply')}
          </button>
          {filterQuery ? (
            <Link to="/moderation/audit" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
              {t('audit.filters.reset')}
            </Link>
          ) : null}
        </div>
      </Form>

      {rows.length === 0 ? (
        <p className="rounded-2xl border border-stone-200 bg-white p-4 text-stone-600">{t('audit.empty')}</p>
      ) : (
        <>
          {/* Phones: one card per decision (a seven-column table cannot fit 360 px). Only one of
              the two layouts is displayed, so screen readers meet each row once. */}
          <ul className="flex flex-col gap-3 sm:hidden">
            {rows.map((row) => (
              <li key={row.id} className="flex min-w-0 flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4 text-sm">
                <span className="font-semibold">{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</span>
                <span className="text-stone-600">{when(row)}</span>
                <Actor row={row} />
                <Target row={row} />
                <Reason row={row} />
                {row.ip ? (
                  <span className="text-stone-600">
                    {t('audit.columns.ip')}: <span dir="ltr" className="break-words">{row.ip}</span>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>

          <div className="hidden overflow-x-auto rounded-2xl border border-stone-200 bg-white sm:block">
            <table className="w-full text-start text-sm">
              <thead className="bg-stone-50 text-stone-700">
                <tr>
                  {(['when', 'who', 'action', 'target', 'reason', 'ip'] as const).map((column) => (
                    <th key={column} scope="col" className="px-3 py-2 text-start font-semibold">
                      {t(`audit.columns.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rows.map((row) => (
                  <tr key={row.id} className="align-top">
                    <td className="px-3 py-2 whitespace-nowrap text-stone-700">{when(row)}</td>
                    <td className="max-w-56 px-3 py-2">
                      <Actor row={row} />
                    </td>
                    <td className="px-3 py-2 font-medium">{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</td>
                    <td className="max-w-56 px-3 py-2">
                      <Target row={row} />
                    </td>
                    <td className="max-w-72 px-3 py-2">
                      <Reason row={row} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-stone-600">
                      <span dir="ltr">
                        {row.ip ?? ''}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <div className="flex flex-wrap gap-3">
        {paged ? (
          <Link to={`/moderation/audit${filterQuery ? `?${filterQuery}` : ''}`} className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
            {t('audit.newest')}
          </Link>
        ) : null}
        {nextQuery ? (
          <Link to={`/moderation/audit?${nextQuery}`} className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
            {t('audit.older')}
          </Link>
        ) : null}
      </div>
    </div>
  )
}

function Actor({ row }: { row: Row }) {
  return (
    <span className="flex min-w-0 flex-col">
      <span className="break-words">{row.actorName}</span>
      <span className="text-xs break-words text-stone-600">
        <bdi>{row.actorEmail}</bdi>
      </span>
    </span>
  )
}

function Target({ row }: { row: Row }) {
  const { t } = useTranslation()
  const label = row.targetName ?? t(`audit.targetTypes.${row.targetType}`, { defaultValue: row.targetType })
  return (
    <span className="flex min-w-0 flex-col">
      {row.targetType === 'shop' || row.targetType === 'product' || (row.targetType === 'report' && row.productId) ? (
        <Link
          to={row.targetType === 'shop' ? `/moderation/shops/${row.targetId}` : `/moderation/products/${row.productId ?? row.targetId}`}
          className="break-words text-brand-700 underline"
        >
          {label}
        </Link>
      ) : (
        <span className="break-words">{label}</span>
      )}
      <span className="text-xs break-words text-stone-500">
        <bdi>{row.targetId}</bdi>
      </span>
    </span>
  )
}

function Reason({ row }: { row: Row }) {
  const { t } = useTranslation()
  if (!row.reasonCode && !row.reason) return null
  return (
    <span className="flex min-w-0 flex-col">
      {row.reasonCode ? (
        <span className="font-medium">{t(`reasons.${row.reasonCode}`, { defaultValue: t(`listingReasons.${row.reasonCode}`, { defaultValue: row.reasonCode }) })}</span>
      ) : null}
      {row.reason ? (
        <span dir="auto" className="break-words whitespace-pre-line text-stone-700">
          {row.reason}
        </span>
      ) : null}
    </span>
  )
}
