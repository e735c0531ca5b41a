import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { TFunction } from 'i18next'
import { createId } from '@paralleldrive/cuid2'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { ReadyDateNote } from '~/components/ready-date'
import { CommuneSelect, WilayaPicker } from '~/components/place-picker'
import { FieldErrors, FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { localPhone } from '~/modules/accounts/schemas'
import { getCartView } from '~/modules/cart/cart-view.server'
import { cardPaymentChoices } from '~/modules/checkout/card-payment.server'
import { CardPaymentFailedError, CardPaymentUnavailableError, CodCodeNeededError, MissingAddressError, placeCheckout } from '~/modules/checkout/checkout.server'
import { codCodeRequired, sendCodCode } from '~/modules/delivery/cod.server'
import { readStopDeskChoices } from '~/modules/delivery/schemas'
import { deliveryDepsFromEnv } from '~/modules/delivery/settings.server'
import { cachedCarrierFees, carrierFeesFor } from '~/modules/delivery/carrier-fees.server'
import { StopDeskChoiceError, stopDeskOptions } from '~/modules/delivery/stop-desks.server'
import { getCommune, placeName, placeOptions, wilayas } from '~/modules/geo/geo.server'
import { getSavedAddress, InvalidAddressError, saveAddress } from '~/modules/orders/addresses.server'
import {
  CartChangedError,
  DeliveryUnavailableError,
  EmptyCartError,
  IdempotencyKeyReusedError,
  listSellerDetails,
  ReadyDateChangedError,
} from '~/modules/orders/checkout.server'
import { formatAlgeriaDay } from '~/utils/dates'
import { AddressSchema, ConfirmSchema } from '~/modules/orders/schemas'
import { readPaymentChoice } from '~/modules/payments/provider'
import { getDb } from '~/utils/db.server'
import { listSeparator, type Language } from '~/utils/i18n'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { formatDzd } from '~/utils/money'
import { requireUser } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const url = new URL(request.url)
  const [db, language, t] = await Promise.all([getDb(), getLanguage(request), i18nServer.getFixedT(request)])
  const saved = await getSavedAddress(db, user.id)
  const step = url.searchParams.get('step') === 'review' && saved ? 'review' : 'address'
  const savedCommune = saved ? getCommune(saved.communeCode) : undefined
  // A carrier shop charges its carrier's fee to the buyer's wilaya (cached a day, refreshed here, outside any transaction).
  const deliveryDeps = deliveryDepsFromEnv()
  const cart = await getCartView(db, { userId: user.id }, {
    wilayaCode: savedCommune?.wilayaCode ?? null,
    deliveryMode: saved?.deliveryMode ?? 'home',
    carrierFees: (reader, shopIds, wilayaCode) => carrierFeesFor(reader, deliveryDeps, shopIds, wilayaCode),
  })
  if (!cart.shops.length) throw redirect('/cart')

  const wilayaCode = Number(url.searchParams.get('wilaya')) || savedCommune?.wilayaCode || null
  const sellers =
    step === 'review'
      ? await listSellerDetails(
          db,
          cart.shops.map((s) => s.shop.id)
        )
      : []
  // Stop-desk delivery: each carrier shop's desks in the buyer's wilaya (cached a day), to choose from.
  const stopDesks =
    step === 'review' && saved?.deliveryMode === 'desk' && savedCommune
      ? await stopDeskOptions(
          db,
          deliveryDepsFromEnv(),
          cart.shops.map((s) => s.shop.id),
          savedCommune.wilayaCode,
          savedCommune.nameFr
        )
      : []
  // What shipping costs in the other mode, so the buyer sees both prices before switching.
  const otherMode = saved?.deliveryMode === 'desk' ? 'home' : 'desk'
  const other =
    step === 'review' && savedCommune ? await getCartView(db, { userId: user.id }, { wilayaCode: savedCommune.wilayaCode, deliveryMode: otherMode, carrierFees: cachedCarrierFees }) : null
  const modeTotals = { [saved?.deliveryMode ?? 'home']: cart.shippingTotal, [otherMode]: other?.shippingTotal ?? null } as Record<'home' | 'desk', number | null>
  // Two parcels refused in 90 days: cash on delivery needs the code sent by SMS.
  const codCodeNeeded = step === 'review' && (await codCodeRequired(db, user.id))
  return {
    step,
    stopDesks,
    modeTotals,
    codCodeNeeded,
    codCodeSent: url.searchParams.get('code') === 'sent',
    language,
    cart,
    address: {
      fullName: saved?.fullName ?? user.name,
      phone: saved?.phone ? localPhone(saved.phone) : user.phone ? localPhone(user.phone) : '',
      communeCode: saved?.communeCode ?? '',
      street: saved?.street ?? '',
      deliveryMode: saved?.deliveryMode ?? 'home',
    },
    place: savedCommune
      ? [placeName(savedCommune, language), placeName(wilayas.find((w) => w.code === savedCommune.wilayaCode)!, language)].join(listSeparator(language))
      : null,
    sellers,
    // The card methods configured, each with who pays its fee (translated here: the payments
    // strings are not among the buyer pages' client messages).
    cardMethods: cardPaymentChoices(cart.total ?? 0).map(({ method, fee, buyerPays }) => ({
      method,
      label: t(`payments.methods.${method}`),
      feeNote: buyerPays ? t('payments.feeBuyer', { fee: formatDzd(buyerPays, language) }) : t('payments.feePlatform', { fee: formatDzd(fee, language) }),
    })),
    // A fresh key each time the review is shown; a double click or a retried request reuses it.
    idempotencyKey: createId(),
    wilayaCode,
    ...placeOptions(language, wilayaCode),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readForm(request)
  const db = await getDb()
  const t = await i18nServer.getFixedT(request)
  const intent = formData.get('intent')

  if (intent === 'address') {
    const submission = parseWithZod(formData, { schema: AddressSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply(), message: null }
    const { fullName, phone, street, deliveryMode, wilayaCode, communeCode = '' } = submission.value
    try {
      await saveAddress(db, user.id, { fullName, phone, communeCode, street, deliveryMode }, { wilayaCode })
    } catch (error) {
      if (!(error instanceof InvalidAddressError)) throw error
      return { intent, result: submission.reply({ fieldErrors: { communeCode: ['validation.required'] } }), message: null }
    }
    throw redirect('/checkout?step=review')
  }

  if (intent === 'mode') {
    // Home or stop-desk from the review page: saved with the address, the review shows the new prices.
    const mode = formData.get('deliveryMode')
    if (mode !== 'home' && mode !== 'desk') throw new Response('Unknown delivery mode', { status: 400 })
    const saved = await getSavedAddress(db, user.id)
    if (!saved) throw redirect('/checkout')
    await saveAddress(db, user.id, { ...saved, deliveryMode: mode })
    throw redirect('/checkout?step=review')
  }

  if (intent === 'cod-code') {
    // Only a buyer who must give a code gets one; the page says so either way (no JS: a redirect).
    if (!(await codCodeRequired(db, user.id))) throw redirect('/checkout?step=review')
    if (await sendCodCode(db, user.id)) throw redirect('/checkout?step=review&code=sent')
    throw redirect('/checkout?step=review&code=sent', { headers: { 'Set-Cookie': await createToastHeader({ key: 'checkout.codCode.wait', type: 'info' }) } })
  }

  if (intent === 'confirm') {
    // Edahabia, CIB or an international card: the order's method is `card`, the provider's is this.
    const cardMethod = readPaymentChoice(formData)
    const submission = parseWithZod(formData, { schema: ConfirmSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply(), message: t('checkout.errors.invalid') }
    const { idempotencyKey, paymentMethod, codCode } = submission.value
    const stopDesks = readStopDeskChoices(formData)
    const language = await getLanguage(request)
    try {
      // What the review showed of made-to-order dates ('' : none): a later date at confirm is refused.
      const shownReadyBy = formData.get('acceptedReadyBy')
      const acceptedReadyBy = typeof shownReadyBy === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(shownReadyBy) ? shownReadyBy : null) : undefined
      const placed = await placeCheckout(db, user, { idempotencyKey, paymentMethod, cardMethod, language, stopDesks, codCode, acceptedReadyBy })
      throw redirect(placed.paymentUrl ?? `/checkout/done?checkout=${placed.checkoutId}`)
    } catch (error) {
      if (error instanceof EmptyCartError) throw redirect('/cart')
      if (error instanceof MissingAddressError) throw redirect('/checkout')
      const message = confirmErrorMessage(error, t, language)
      if (message === null) throw error
      return { intent, result: null, message }
    }
  }
  throw new Response('Unknown intent', { status: 400 })
}

export default function CheckoutPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('checkout.title')}</h1>
      <ol className="flex gap-2 text-sm" aria-label={t('checkout.stepsLabel')}>
        {(['address', 'review'] as const).map((step, index) => (
          <li
            key={step}
            aria-current={data.step === step ? 'step' : undefined}
            className={`flex-1 rounded-full px-3 py-2 text-center ${
              data.step === step ? 'bg-brand-600 font-semibold text-white' : 'bg-stone-100 text-stone-700'
            }`}
          >
            {index + 1}. {t(`checkout.steps.${step}`)}
          </li>
        ))}
      </ol>
      {data.step === 'address' ? <AddressStep /> : <ReviewStep />}
    </div>
  )
}

function AddressStep() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm<Record<string, string | undefined>>({
    id: 'address',
    lastResult: actionData?.intent === 'address' ? actionData.result : undefined,
    defaultValue: data.address,
    shouldValidate: 'onBlur',
  })
  return (
    <div className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{t('checkout.addressTitle')}</h2>
      <WilayaPicker
        wilayas={data.wilayas}
        wilayaCode={data.wilayaCode}
        labels={{ wilaya: t('checkout.fields.wilaya'), choose: t('checkout.fields.choose'), showCommunes: t('checkout.fields.showCommunes') }}
      />
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
        <input type="hidden" name="intent" value="address" />
        <CommuneSelect
          field={fields.communeCode!}
          communes={data.communes}
          wilayaCode={data.wilayaCode}
          defaultValue={data.address.communeCode}
          labels={{ commune: t('checkout.fields.commune'), choose: t('checkout.fields.choose'), chooseWilayaFirst: t('checkout.fields.chooseWilayaFirst') }}
        />
        <TextField field={fields.street!} label={t('checkout.fields.street')} hint={t('checkout.fields.streetHint')} autoComplete="street-address" />
        <TextField field={fields.fullName!} label={t('checkout.fields.fullName')} autoComplete="name" />
        <TextField
          field={fields.phone!}
          label={t('checkout.fields.phone')}
          type="tel"
          inputMode="tel"
          dir="ltr"
          autoComplete="tel"
          hint={t('checkout.fields.phoneHint')}
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('cart.deliveryMode')}</legend>
          {(['home', 'desk'] as const).map((mode) => (
            <label
              key={mode}
              className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input {...getInputProps(fields.deliveryMode!, { type: 'radio', value: mode })} key={mode} className="size-5" />
              <span>{t(`cart.modes.${mode}`)}</span>
            </label>
          ))}
          <FieldErrors errors={fields.deliveryMode!.errors} />
        </fieldset>
        <SubmitButton>{t('checkout.continue')}</SubmitButton>
      </Form>
      <Link to="/cart" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
        {t('checkout.backToCart')}
      </Link>
    </div>
  )
}

function ReviewStep() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const money = (centimes: number) => formatDzd(centimes, data.language)
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'confirm'
  return (
    <div className="flex flex-col gap-4">
      <FormAlert message={actionData?.intent === 'confirm' ? actionData.message : null} />
      <section className="flex flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="deliver-to">
        <div className="flex items-center justify-between gap-2">
          <h2 id="deliver-to" className="text-lg font-semibold">
            {t('checkout.deliverTo')}
          </h2>
          <Link to="/checkout?step=address" className="inline-flex min-h-11 min-w-11 items-center justify-center px-2 text-sm text-brand-700 underline">
            {t('checkout.change')}
          </Link>
        </div>
        <p>
          <bdi>{data.address.fullName}</bdi>
        </p>
        <p dir="ltr" className="text-start">
          {data.address.phone}
        </p>
        <p>
          <bdi>{data.address.street}</bdi>
        </p>
        <p>{data.place}</p>
      </section>

      <Form method="post" className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="delivery-mode">
        <input type="hidden" name="intent" value="mode" />
        <h2 id="delivery-mode" className="text-lg font-semibold">
          {t('cart.deliveryMode')}
        </h2>
        {(['home', 'desk'] as const).map((mode) => {
          const total = data.modeTotals[mode]
          const current = data.address.deliveryMode === mode
          return (
            <button
              key={mode}
              type="submit"
              name="deliveryMode"
              value={mode}
              aria-pressed={current}
              disabled={current || total === null}
              className="flex min-h-12 items-center justify-between gap-3 rounded-xl border border-stone-300 px-3 text-start aria-pressed:border-brand-600 aria-pressed:bg-brand-50 disabled:cursor-default"
            >
              <span>{t(`cart.modes.${mode}`)}</span>
              <span className="text-sm">{total === null ? t('cart.noDesk') : t('checkout.shippingTotal', { fee: money(total) })}</span>
            </button>
          )
        })}
      </Form>

      {data.codCodeNeeded ? (
        <section className="flex flex-col gap-2 rounded-2xl border border-amber-300 bg-amber-50 p-4" aria-labelledby="cod-code">
          <h2 id="cod-code" className="font-semibold">
            {t('checkout.codCode.title')}
          </h2>
          <p className="text-sm">{t('checkout.codCode.why')}</p>
          {data.codCodeSent ? <p className="text-sm font-medium">{t('checkout.codCode.sent')}</p> : null}
          <Form method="post">
            <input type="hidden" name="intent" value="cod-code" />
            <button type="submit" className="min-h-11 rounded-full border border-brand-600 px-4 text-brand-700">
              {t(data.codCodeSent ? 'checkout.codCode.resend' : 'checkout.codCode.send')}
            </button>
          </Form>
        </section>
      ) : null}

      {data.cart.shops.map((group) => {
        const seller = data.sellers.find((s) => s.id === group.shop.id)
        const desks = data.stopDesks.find((d) => d.shopId === group.shop.id)
        return (
          <section
            key={group.shop.id}
            className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4"
            aria-labelledby={`order-${group.shop.id}`}
          >
            <h2 id={`order-${group.shop.id}`} className="font-semibold" dir="auto">
              {t('checkout.orderFrom', { shop: group.shop.name })}
            </h2>
            <ul className="flex flex-col gap-1 text-sm">
              {group.lines.map((line) => (
                <li key={line.key} className="flex flex-col gap-1">
                  <div className="flex justify-between gap-3">
                    <span className="min-w-0 break-words" dir="auto">
                      {line.title}
                      {line.variantLabel ? ` (${line.variantLabel})` : ''} × {line.quantity}
                    </span>
                    <span className="shrink-0">{money(line.lineTotal)}</span>
                  </div>
                  <ReadyDateNote readyOn={line.readyOn} earliest={line.earliestReadyOn} language={data.language} />
                </li>
              ))}
            </ul>
            <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 border-t border-stone-100 pt-2 text-sm">
              <dt>{t('cart.subtotal')}</dt>
              <dd className="text-end">{money(group.subtotal)}</dd>
              <dt>{t('cart.shipping')}</dt>
              <dd className="text-end">{group.shippingFee === null ? <span className="text-red-700">{t('cart.noDesk')}</span> : money(group.shippingFee)}</dd>
              {group.delayDays !== null ? (
                <>
                  <dt>{t('cart.delay')}</dt>
                  <dd className="text-end">{t('cart.days', { count: group.delayDays })}</dd>
                </>
              ) : null}
            </dl>
            {desks?.desks.length ? (
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium">{t('checkout.stopDesk', { carrier: desks.carrierName })}</span>
                <select name={`stopDesk.${group.shop.id}`} form="confirm-form" required defaultValue="" className="min-h-11 rounded-lg border border-stone-300 bg-white px-2">
                  <option value="" disabled>
                    {t('checkout.fields.choose')}
                  </option>
                  {desks.desks.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} — {d.communeName}, {d.address}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {seller ? (
              <p className="text-xs text-stone-600">
                {t('checkout.sellerDetails', {
                  card: seller.artisanCardNumber ?? seller.tradeRegisterNumber ?? '—',
                  nif: seller.nif ?? '—',
                })}
              </p>
            ) : null}
          </section>
        )
      })}

      <Form method="post" id="confirm-form" className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
        {/* The latest made-to-order date shown above: a later one at confirm is refused, with the new date shown. */}
        <input type="hidden" name="acceptedReadyBy" value={data.cart.latestReadyOn ?? ''} />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold">{t('checkout.payment')}</legend>
          <label className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name="paymentMethod" value="cod" defaultChecked className="size-5" />
            <span>{t('checkout.cod')}</span>
          </label>
          {data.cardMethods.map(({ method, label, feeNote }) => (
            <label
              key={method}
              className="flex min-h-12 flex-wrap items-center gap-x-3 rounded-xl border border-stone-300 px-3 py-1 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="paymentMethod" value={method} className="size-5" />
              <span>{label}</span>
              <span className="ms-auto text-sm text-stone-600">{feeNote}</span>
            </label>
          ))}
        </fieldset>
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
          <dt>{t('cart.items', { count: data.cart.units })}</dt>
          <dd className="text-end">{money(data.cart.itemsTotal)}</dd>
          <dt>{t('cart.shipping')}</dt>
          <dd className="text-end">{data.cart.shippingTotal === null ? '—' : money(data.cart.shippingTotal)}</dd>
          <dt className="text-lg font-bold">{t('checkout.totalToPay')}</dt>
          <dd className="text-end text-lg font-bold">{data.cart.total === null ? '—' : money(data.cart.total)}</dd>
        </dl>
        {data.codCodeNeeded ? (
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('checkout.codCode.label')}</span>
            <input
              name="codCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              dir="ltr"
              className="min-h-11 rounded-lg border border-stone-300 px-3 text-start"
            />
            <span className="text-xs text-stone-600">{t('checkout.codCode.hint')}</span>
          </label>
        ) : null}
        <p className="text-sm text-stone-700">{t('checkout.terms')}</p>
        <button
          type="submit"
          disabled={busy || data.cart.total === null || data.cart.hasUnavailable}
          className="min-h-12 rounded-full bg-brand-600 px-6 text-lg font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t('checkout.confirm')}
        </button>
      </Form>
    </div>
  )
}

/** What the buyer reads when a confirm fails and nothing was placed; null: not an expected failure (a redirect, or a 500). */
function confirmErrorMessage(error: unknown, t: TFunction, language: Language) {
  if (error instanceof CartChangedError) {
    return t('checkout.errors.ranShort', { products: error.products.map((p) => `«${p.title}»`).join(listSeparator(language)) })
  }
  if (error instanceof DeliveryUnavailableError) return t('checkout.errors.noDelivery')
  if (error instanceof ReadyDateChangedError) return t('checkout.errors.readyDateChanged', { date: formatAlgeriaDay(error.readyOn, language) })
  if (error instanceof IdempotencyKeyReusedError) return t('checkout.errors.invalid')
  if (error instanceof CardPaymentUnavailableError) return t('checkout.errors.cardUnavailable')
  if (error instanceof CardPaymentFailedError) return t('checkout.errors.cardFailed')
  if (error instanceof InvalidAddressError) return t('checkoutPlacement.invalidAddress')
  if (error instanceof StopDeskChoiceError) return t('checkout.errors.stopDesk')
  if (error instanceof CodCodeNeededError) return t(error.given ? 'checkout.errors.codCodeWrong' : 'checkout.errors.codCode')
  return null
}
