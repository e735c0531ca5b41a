import { ReadyDateNote } from '~/components/ready-date'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSubmit } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { CartIcon } from '~/components/ui/icons'
import { addToCart, OptionRequiredError, ProductUnavailableError, setCartQuantity } from '~/modules/cart/cart.server'
import { getCartView } from '~/modules/cart/cart-view.server'
import { cachedCarrierFees } from '~/modules/delivery/carrier-fees.server'
import { MAX_LINE_QUANTITY } from '~/modules/cart/limits'
import { CartLineSchema } from '~/modules/cart/schemas.server'
import { getSavedAddress } from '~/modules/orders/addresses.server'
import { getCommune, placeOptions } from '~/modules/geo/geo.server'
import { getCartOwner, getCartOwnerForWrite } from '~/utils/cart.server'
import { getDb } from '~/utils/db.server'
import { getLanguage } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { safeRedirectPath } from '~/utils/redirect'
import { getCurrentSession } from '~/utils/session.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]

export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const [db, language, owner, session] = await Promise.all([getDb(), getLanguage(request), getCartOwner(request), getCurrentSession(request)])
  const saved = session ? await getSavedAddress(db, session.user.id) : null
  const savedWilaya = saved ? getCommune(saved.communeCode)?.wilayaCode ?? null : null
  const wilayaCode = Number(url.searchParams.get('wilaya')) || savedWilaya || null
  const deliveryMode = url.searchParams.get('mode') === 'desk' || (!url.searchParams.get('mode') && saved?.deliveryMode === 'desk') ? 'desk' : 'home'
  // Carrier shops charge their carrier's fee (cached a day): read from the cache only, the checkout refreshes it.
  const cart = await getCartView(db, owner, { wilayaCode, deliveryMode, carrierFees: cachedCarrierFees })
  return {
    language,
    cart,
    wilayaCode,
    deliveryMode,
    wilayas: placeOptions(language, null).wilayas,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const submission = parseWithZod(formData, { schema: CartLineSchema })
  const back = safeRedirectPath(String(formData.get('redirectTo') ?? ''), '/cart')
  if (submission.status !== 'success' || (intent !== 'add' && intent !== 'set' && intent !== 'remove')) {
    throw redirect(back, { headers: { 'Set-Cookie': await createToastHeader({ key: 'cart.invalid', type: 'error' }) } })
  }
  const { productId, quantity } = submission.value
  const variantId = submission.value.variantId || null
  const { owner, setCookie } = await getCartOwnerForWrite(request)
  const headers = new Headers()
  if (setCookie) headers.append('Set-Cookie', setCookie)
  const db = await getDb()
  try {
    const change =
      intent === 'add'
        ? await addToCart(db, owner, productId, quantity || 1, variantId)
        : await setCartQuantity(db, owner, productId, intent === 'remove' ? 0 : quantity, variantId)
    const key = change.capped ? 'cart.capped' : intent === 'add' ? 'cart.added' : intent === 'remove' ? 'cart.removed' : 'cart.updated'
    headers.append('Set-Cookie', await createToastHeader({ key, type: change.capped ? 'info' : 'success' }))
  } catch (error) {
    if (error instanceof OptionRequiredError) {
      headers.append('Set-Cookie', await createToastHeader({ key: 'variants.chooseOption', type: 'error' }))
      throw redirect(back, { headers })
    }
    if (!(error instanceof ProductUnavailableError)) throw error
    headers.append('Set-Cookie', await createToastHeader({ key: 'cart.unavailable', type: 'error' }))
  }
  throw redirect(back, { headers })
}

export default function CartPage() {
  const { cart, language, wilayaCode, deliveryMode, wilayas } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const submit = useSubmit()
  const money = (centimes: number) => formatDzd(centimes, language)

  if (cart.shops.length === 0) {
    return (
      <div className="flex flex-col items-center gap-3 py-10 text-center">
        <CartIcon className="size-12 text-stone-400" />
        <h1 className="text-xl font-bold">{t('cart.title')}</h1>
        <p className="text-stone-600">{t('cart.empty')}</p>
        <Link to="/" className="inline-flex min-h-11 items-center rounded-full bg-brand-600 px-6 text-white hover:bg-brand-700">
          {t('cart.browse')}
        </Link>
      </div>
    )
  }

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('cart.title')}</h1>
      <p className="text-sm text-stone-600">{t('cart.perShop', { count: cart.shops.length })}</p>

      <Form method="get" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="shipping-to">
        <h2 id="shipping-to" className="font-semibold">
          {t('cart.shippingTo')}
        </h2>
        <div className="flex flex-col gap-1">
          <label htmlFor="wilaya" className="text-sm font-medium">
            {t('cart.wilaya')}
          </label>
          <select
            id="wilaya"
            name="wilaya"
            defaultValue={wilayaCode ?? ''}
            onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
            className="min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base"
          >
            <option value="">{t('cart.chooseWilaya')}</option>
            {wilayas.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1 text-sm font-medium">{t('cart.deliveryMode')}</legend>
          {(['home', 'desk'] as const).map((mode) => (
            <label
              key={mode}
              className="flex min-h-12 items-center gap-2 rounded-xl border border-stone-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="mode"
                value={mode}
                defaultChecked={deliveryMode === mode}
                onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
                className="size-5"
              />
              <span className="text-sm">{t(`cart.modes.${mode}`)}</span>
            </label>
          ))}
        </fieldset>
        <noscript>
          <button type="submit" className="min-h-11 rounded-xl border border-stone-300 px-4 text-sm font-medium">
            {t('cart.updateShipping')}
          </button>
        </noscript>
      </Form>

      {cart.shops.map((group) => (
        <section key={group.shop.id} className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby={`shop-${group.shop.id}`}>
          <h2 id={`shop-${group.shop.id}`} className="font-semibold">
            <Link to={`/s/${group.shop.slug}`} className="inline-flex min-h-11 items-center text-brand-800 hover:underline" dir="auto">
              {group.shop.name}
            </Link>
          </h2>
          <ul className="flex flex-col divide-y divide-stone-100">
            {group.lines.map((line) => (
              <li key={line.key} className="flex gap-3 py-3">
                {line.image ? (
                  <img
                    src={line.image.src}
                    srcSet={line.image.srcSet}
                    sizes="72px"
                    width={72}
                    height={72}
                    alt=""
                    loading="lazy"
                    className="size-18 shrink-0 rounded-xl object-cover"
                  />
                ) : (
                  <div className="size-18 shrink-0 rounded-xl bg-stone-100" />
                )}
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <Link to={`/p/${line.slug}`} className="inline-flex min-h-11 items-center font-medium break-words hover:underline" dir="auto">
                    {line.title}
                  </Link>
                  {line.variantLabel ? (
                    <p className="text-sm text-stone-700" dir="auto" data-testid="cart-variant">
                      {line.variantLabel}
                    </p>
                  ) : null}
                  <p className="text-sm text-stone-600">{t('cart.unitPrice', { price: money(line.unitPrice) })}</p>
                  {line.available ? null : <p className="text-sm font-semibold text-red-700">{t('cart.lineUnavailable')}</p>}
                  <ReadyDateNote readyOn={line.readyOn} earliest={line.earliestReadyOn} language={language} />
                  <div className="flex flex-wrap items-center gap-2">
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="set" />
                      <input type="hidden" name="productId" value={line.productId} />
                      {line.variantId ? <input type="hidden" name="variantId" value={line.variantId} /> : null}
                      <label htmlFor={`qty-${line.key}`} className="sr-only">
                        {t('cart.quantity')}
                      </label>
                      <input
                        id={`qty-${line.key}`}
                        name="quantity"
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={Math.max(1, Math.min(line.stock, MAX_LINE_QUANTITY))}
                        defaultValue={line.quantity}
                        className="min-h-11 w-20 rounded-lg border border-stone-300 px-2 text-base"
                      />
                      <button type="submit" className="min-h-11 rounded-lg border border-stone-300 px-3 text-sm font-medium hover:bg-stone-50">
                        {t('cart.update')}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="productId" value={line.productId} />
                      {line.variantId ? <input type="hidden" name="variantId" value={line.variantId} /> : null}
                      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium text-red-700 underline">
                        {t('cart.remove')}
                      </button>
                    </Form>
                  </div>
                </div>
                <p className="shrink-0 font-semibold">{money(line.lineTotal)}</p>
              </li>
            ))}
          </ul>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 border-t border-stone-100 pt-3 text-sm">
            <dt>{t('cart.subtotal')}</dt>
            <dd className="text-end">{money(group.subtotal)}</dd>
            <dt>{t('cart.shipping')}</dt>
            <dd className="text-end">
              {!wilayaCode ? (
                t('cart.shippingUnknown')
              ) : group.shippingFee === null ? (
                <span className="text-red-700">{t('cart.noDesk')}</span>
              ) : (
                money(group.shippingFee)
              )}
            </dd>
            {group.delayDays !== null ? (
              <>
                <dt>{t('cart.delay')}</dt>
                <dd className="text-end">{t('cart.days', { count: group.delayDays })}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ))}

      <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="totals">
        <h2 id="totals" className="sr-only">
          {t('cart.total')}
        </h2>
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
          <dt>{t('cart.items', { count: cart.units })}</dt>
          <dd className="text-end">{money(cart.itemsTotal)}</dd>
          <dt>{t('cart.shipping')}</dt>
          <dd className="text-end">{cart.shippingTotal === null ? t('cart.shippingUnknown') : money(cart.shippingTotal)}</dd>
          <dt className="text-lg font-bold">{t('cart.total')}</dt>
          <dd className="text-end text-lg font-bold">{cart.total === null ? '—' : money(cart.total)}</dd>
        </dl>
        {cart.hasUnavailable ? <p className="text-sm text-red-700">{t('cart.removeUnavailable')}</p> : null}
        {cart.hasUnavailable ? null : (
          <Link
            to="/checkout"
            className="flex min-h-12 items-center justify-center rounded-full bg-brand-600 px-6 text-lg font-semibold text-white hover:bg-brand-700"
          >
            {t('cart.checkout')}
          </Link>
        )}
        <p className="text-center text-sm text-stone-600">{t('cart.codNote')}</p>
      </section>
    </div>
  )
}
