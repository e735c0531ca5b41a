import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { listPendingProducts } from '~/modules/moderation/product-review.server'
import { getDb } from '~/utils/db.server'
import { intlLocale, type Language } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireRole } from '~/utils/permissions.server'
import { useLanguage } from '~/utils/use-language'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  // The age is computed here, once, so the server's and the browser's render agree.
  const rows = await listPendingProducts(db, { language, now: new Date() })
  return {
    products: rows.map((row) => ({
      id: row.id,
      title: row.title,
      price: row.price,
      shopName: row.shopName,
      shopApproved: row.shopStatus === 'approved',
      shopStatus: row.shopStatus,
      categoryName: row.categoryName,
      imageCount: row.imageCount,
      image: row.image,
      wasActive: row.wasActive,
      claims: row.claims,
      ageMs: row.ageMs,
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

// Listings waiting longer than this are shown as overdue: producers wait on us.
const OVERDUE_MS = 2 * 24 * 60 * 60 * 1000

export default function ModerationProducts() {
  const { products } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t('moderationProducts.title')}</h1>
        <Link to="/moderation/reports" className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
          {t('moderationProducts.reportsLink')}
        </Link>
      </div>
      {products.length ? <p className="text-sm text-stone-600">{t('moderationProducts.intro')}</p> : null}

      {products.length === 0 ? (
        <p className="rounded-2xl border border-stone-200 bg-white p-4 text-stone-600">{t('moderationProducts.empty')}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('moderationProducts.queueLabel')}>
          {products.map((product) => {
            const overdue = product.ageMs >= OVERDUE_MS
            return (
              <li key={product.id}>
                <Link
                  to={`/moderation/products/${product.id}`}
                  className="flex min-h-11 gap-3 rounded-2xl border border-stone-200 bg-white p-3 hover:border-brand-600"
                >
                  {product.image ? (
                    <img
                      src={product.image.src}
                      srcSet={product.image.srcSet}
                      sizes="96px"
                      width={product.image.width}
                      height={product.image.height}
                      alt=""
                      loading="lazy"
                      decoding="async"
                      className="size-20 shrink-0 rounded-xl bg-stone-100 object-cover sm:size-24"
                    />
                  ) : (
                    <span className="flex size-20 shrink-0 items-center justify-center rounded-xl bg-stone-100 p-1 text-center text-xs text-stone-500 sm:size-24">
                      {t('moderationProducts.noPhoto')}
                    </span>
                  )}
                  <span className="flex min-w-0 flex-1 flex-col gap-1">
                    {/* Isolated rather than dir="auto": an Arabic title in a French list keeps the list's alignment. */}
                    <span className="font-semibold break-words text-brand-800">
                      <bdi>{product.title}</bdi>
                    </span>
                    <span className="text-sm break-words text-stone-700">
                      <bdi>{product.shopName}</bdi>
                      {!product.shopApproved ? (
                        <span className="ms-2 font-semibold text-clay-600">{t(`moderationProducts.shopStatus.${product.shopStatus}`)}</span>
                      ) : null}
                    </span>
                    <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-stone-600">
                      <span>{formatDzd(product.price, language)}</span>
                      <span>{product.categoryName}</span>
                      <span>{t('moderationProducts.photos', { count: product.imageCount })}</span>
                    </span>
                    <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                      <span className={overdue ? 'font-semibold text-clay-600' : 'text-stone-600'}>
                        {t('moderationProducts.submitted', { age: relativeAge(product.ageMs, language) })}
                      </span>
                      {product.claims.length > 0 ? (
                        <span data-testid="claims-flag" className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">
                          {t('moderationProducts.claimsFlag', { terms: product.claims.join('، ') })}
                        </span>
                      ) : null}
                      {product.wasActive ? (
                        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t('moderationProducts.reReview')}</span>
                      ) : null}
                    </span>
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
