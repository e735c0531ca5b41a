import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { placeName } from '~/modules/geo/geo.server'
import { assistedShops } from '~/modules/assistance/assistance.server'
import { listPendingApplications, listShopsByStatus, type ListedShop } from '~/modules/moderation/shop-review.server'
import { getDb } from '~/utils/db.server'
import { algeriaDateFormat } from '~/utils/dates'
import { intlLocale, type Language } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

const tabs = ['pending', 'approved', 'suspended', 'rejected'] as const
type Tab = (typeof tabs)[number]
const isTab = (value: string | null): value is Tab => (tabs as readonly (string | null)[]).includes(value)

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const requested = new URL(request.url).searchParams.get('status')
  const status: Tab = isTab(requested) ? requested : 'pending'
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  // The age is computed here, once, so the server's and the browser's render agree.
  const rows: (ListedShop & { ageMs?: number })[] =
    status === 'pending' ? await listPendingApplications(db, { now: new Date() }) : await listShopsByStatus(db, status)
  // Moderators see which shops a facilitator runs for their producer (issue 22).
  const assisted = await assistedShops(db, rows.map((row) => row.id))
  return {
    status,
    shops: rows.map((row) => ({
      id: row.id,
      assistedBy: assisted.get(row.id) ?? null,
      name: row.name,
      ownerName: row.ownerName,
      ownerEmail: row.ownerEmail,
      producerCategory: row.producerCategory,
      wilaya: row.wilayaNameAr && row.wilayaNameFr ? placeName({ nameAr: row.wilayaNameAr, nameFr: row.wilayaNameFr }, language) : null,
      wilayaCode: row.wilayaCode,
      documentCount: row.documentCount,
      ageMs: row.ageMs ?? null,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      reviewReasonCode: row.reviewReasonCode,
    })),
  }
}

/** "3 days ago", "5 hours ago"… in the reader's language. */
function relativeAge(ms: number, language: Language) {
  const format = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' })
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return format.format(-minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (hours < 24) return format.format(-hours, 'hour')
  return format.format(-Math.round(hours / 24), 'day')
}

// Applications older than this are shown as overdue: producers wait on us.
const OVERDUE_MS = 3 * 24 * 60 * 60 * 1000

export default function ModerationShops() {
  const { status, shops } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  const dateFormat = algeriaDateFormat(language, 'date')
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t('moderationShops.title')}</h1>
        <Link to="/moderation/audit" className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
          {t('moderationShops.auditLink')}
        </Link>
      </div>

      <nav aria-label={t('moderationShops.tabs.label')}>
        <ul className="flex flex-wrap gap-2">
          {tabs.map((tab) => (
            <li key={tab}>
              <Link
                to={`?status=${tab}`}
                aria-current={tab === status ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-medium ${
                  tab === status ? 'border-brand-600 bg-brand-600 text-white' : 'border-stone-300 bg-white text-stone-800 hover:bg-stone-100'
                }`}
              >
                {t(`moderationShops.tabs.${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {status === 'pending' && shops.length ? <p className="text-sm text-stone-600">{t('moderationShops.pendingIntro')}</p> : null}

      {shops.length === 0 ? (
        <p className="rounded-2xl border border-stone-200 bg-white p-4 text-stone-600">{t(`moderationShops.empty.${status}`)}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {shops.map((shop) => {
            const overdue = shop.ageMs !== null && shop.ageMs >= OVERDUE_MS
            return (
              <li key={shop.id}>
                <Link
                  to={`/moderation/shops/${shop.id}`}
                  className="flex min-h-11 flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4 hover:border-brand-600"
                >
                  <span className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                    <span className="min-w-0 text-lg font-semibold break-words text-brand-800">{shop.name || t('moderationShops.unnamed')}</span>
                    {shop.assistedBy ? (
                      <span className="rounded-full bg-sky-100 px-3 py-1 text-sm font-medium text-sky-900">{t('assistance.assistedBy', { name: shop.assistedBy })}</span>
                    ) : null}
                    {shop.ageMs !== null ? (
                      <span className={`text-sm ${overdue ? 'font-semibold text-clay-600' : 'text-stone-600'}`}>
                        {t('moderationShops.submitted', { age: relativeAge(shop.ageMs, language) })}
                      </span>
                    ) : shop.reviewedAt ? (
                      <span className="text-sm text-stone-600">{t('moderationShops.reviewedOn', { date: dateFormat.format(new Date(shop.reviewedAt)) })}</span>
                    ) : null}
                  </span>
                  <span className="flex min-w-0 flex-col text-sm text-stone-700">
                    <span className="break-words">{shop.ownerName}</span>
                    <span className="text-xs break-words text-stone-600">
                      <bdi>{shop.ownerEmail}</bdi>
                    </span>
                  </span>
                  <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-stone-600">
                    <span>{shop.wilaya ? `${shop.wilayaCode} · ${shop.wilaya}` : t('moderationShops.noPlace')}</span>
                    <span>{t(`producerCategory.${shop.producerCategory}`)}</span>
                    <span>{t('moderationShops.documents', { count: shop.documentCount })}</span>
                    {shop.reviewReasonCode ? <span>{t(`reasons.${shop.reviewReasonCode}`, { defaultValue: shop.reviewReasonCode })}</span> : null}
                  </span>
                </Link>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
