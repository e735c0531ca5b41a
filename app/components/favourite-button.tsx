import { Form, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'

/**
 * The heart: a plain POST to /favourites (works without JavaScript), for visitors too. Catalog pages
 * are cached for every visitor, so it does not show whether this visitor already keeps the product:
 * adding twice changes nothing, and the favourites page removes.
 *
 * On its own (the product page) it is its own form. In a grid, `form` names the grid's one shared
 * favourites form (`FavouriteForm`) and the button carries its product as its name/value, like the
 * cards' "add to cart": a card then renders one button instead of a form with three hidden fields
 * (decision 023: cards are most of a catalog page's HTML and render time).
 */
export function FavouriteButton({ productId, title, className = '', form }: { productId: string; title: string; className?: string; form?: string }) {
  const { t } = useTranslation()
  const button = (
    <button
      type="submit"
      form={form}
      name={form ? 'productId' : undefined}
      value={form ? productId : undefined}
      aria-label={t('favourites.addNamed', { title })}
      className={`flex size-11 items-center justify-center rounded-full bg-white/90 text-clay-600 shadow-sm hover:bg-white ${form ? `z-10 ${className}` : ''}`}
    >
      <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
        <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
      </svg>
    </button>
  )
  if (form) return button
  return (
    <OwnFavouriteForm productId={productId} className={className}>
      {button}
    </OwnFavouriteForm>
  )
}

function OwnFavouriteForm({ productId, className, children }: { productId: string; className: string; children: React.ReactNode }) {
  const location = useLocation()
  return (
    <Form method="post" action="/favourites" className={`z-10 ${className}`}>
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {children}
    </Form>
  )
}

/** A grid's one favourites form: its cards' hearts submit it with their product (back to this page after). */
export function FavouriteForm({ id }: { id: string }) {
  const location = useLocation()
  return (
    <Form id={id} method="post" action="/favourites" hidden>
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
    </Form>
  )
}
