import { Form, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'

/**
 * The heart: a plain POST form (works without JavaScript), for visitors too. Catalog pages are
 * cached for every visitor, so it does not show whether this visitor already keeps the product:
 * adding twice changes nothing, and the favourites page removes.
 */
export function FavouriteButton({ productId, title, className = '' }: { productId: string; title: string; className?: string }) {
  const { t } = useTranslation()
  const location = useLocation()
  return (
    <Form method="post" action="/favourites" className={`z-10 ${className}`}>
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button
        type="submit"
        aria-label={t('favourites.addNamed', { title })}
        className="flex size-11 items-center justify-center rounded-full bg-white/90 text-clay-600 shadow-sm hover:bg-white"
      >
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
          <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
        </svg>
      </button>
    </Form>
  )
}
