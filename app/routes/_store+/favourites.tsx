import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { ProductGrid } from '~/components/product-card'
import { addFavourite, FavouriteProductNotFoundError, listFavourites, removeFavourite } from '~/modules/favourites/favourites.server'
import { getCartOwner, getCartOwnerForWrite } from '~/utils/cart.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { safeRedirectPath } from '~/utils/redirect'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]

// One visitor's own list: never stored by a shared cache.
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const [owner, language, db] = await Promise.all([getCartOwner(request), getLanguage(request), getDb()])
  const products = owner ? await listFavourites(db, owner, language) : []
  return data({ products }, { headers: { 'Cache-Control': 'private, no-store' } })
}

/** Add (the heart on product pages and cards) or remove (this page); the visitor's token is the cart's. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const productId = String(formData.get('productId') ?? '')
  const { owner, setCookie } = await getCartOwnerForWrite(request)
  const db = await getDb()
  const responseHeaders = new Headers()
  if (setCookie) responseHeaders.append('Set-Cookie', setCookie)
  if (formData.get('intent') === 'remove') {
    await removeFavourite(db, owner, productId)
    responseHeaders.append('Set-Cookie', await createToastHeader({ key: 'favourites.removed', type: 'success' }))
    throw redirect('/favourites', { headers: responseHeaders })
  }
  try {
    await addFavourite(db, owner, productId)
  } catch (error) {
    if (error instanceof FavouriteProductNotFoundError) throw new Response('Not found', { status: 404 })
    throw error
  }
  responseHeaders.append('Set-Cookie', await createToastHeader({ key: 'favourites.added', type: 'success' }))
  throw redirect(safeRedirectPath(String(formData.get('redirectTo') ?? '/favourites')), { headers: responseHeaders })
}

export default function FavouritesPage() {
  const { products } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('favourites.title')}</h1>
      {products.length === 0 ? <p className="text-stone-600">{t('favourites.empty')}</p> : null}
      <ProductGrid
        products={products}
        testId="favourites"
        below={(product) => (
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="productId" value={product.id} />
            <button type="submit" className="min-h-11 w-full rounded-full text-sm text-stone-700 underline">
              {t('favourites.remove')}
            </button>
          </Form>
        )}
      />
    </div>
  )
}
