import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { useShrinkOnSubmit } from '~/components/photo-uploader/shrink-on-submit'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { refuseFacilitator, requireProducerShop } from '~/modules/shops/access.server'
import { auditAssisted } from '~/modules/assistance/assistance.server'
import { localPhone } from '~/modules/accounts/schemas'
import { PayoutStepSchema, SettingsProfileSchema } from '~/modules/shops/schemas'
import { ShippingRatesSchema } from '~/modules/shops/shipping-schema'
import { listShippingRates, updateShippingRates } from '~/modules/shops/shipping.server'
import { MAX_LOGO_BYTES } from '~/modules/shops/limits'
import { LogoRejectedError, replaceShopLogo, updatePayoutAccount, updateShopProfile } from '~/modules/shops/shops.server'
import { getDb } from '~/utils/db.server'
import { centimesToDinars } from '~/utils/money'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, assist } = await requireProducerShop(request)
  const language = await getLanguage(request)
  const rates = await listShippingRates(await getDb(), shop.id)
  return {
    assisted: Boolean(assist),
    shop: {
      story: shop.story,
      phone: shop.phone ? localPhone(shop.phone) : '',
      payoutMethod: shop.payoutMethod ?? 'ccp',
      // A facilitator never sees or changes the producer's payout account (decision 021).
      payoutAccount: assist ? '' : (shop.payoutAccount ?? ''),
      payoutHolderName: assist ? '' : (shop.payoutHolderName ?? ''),
      hasLogo: Boolean(shop.logoKey),
    },
    rates: rates.map((r) => ({
      wilayaCode: r.wilayaCode,
      wilayaName: language === 'ar' ? r.wilayaNameAr : r.wilayaNameFr,
      homeFee: centimesToDinars(r.homeFee),
      deskFee: r.deskFee === null ? null : centimesToDinars(r.deskFee),
      delayDays: r.delayDays,
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, assist } = await requireProducerShop(request)
  const db = await getDb()
  // A facilitator's change is audited on the producer's behalf before the redirect.
  const done = async (key: string, what = key) => {
    await auditAssisted(db, assist, { what, targetType: 'shop', targetId: shop.id })
    return redirect('/dashboard/settings', { headers: { 'Set-Cookie': await createToastHeader({ key, type: 'success' }) } })
  }
  const t = await i18nServer.getFixedT(request)
  // A multipart post is the logo form (the only one with a file).
  if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    const upload = await parseMultipartWithFiles(request, { fileField: 'logo', maxFiles: 1, maxFileBytes: MAX_LOGO_BYTES })
    if (upload.oversize.length > 0) return { intent: 'logo', result: null, message: t('settings.logoTooBig') }
    // One logo: a post with several files (never the page's own form) is refused whole.
    if (upload.tooMany) return { intent: 'logo', result: null, message: t('validation.oneFile') }
    try {
      await replaceShopLogo(db, getMediaStorage(), { shopId: shop.id, bytes: upload.files[0]?.bytes ?? new Uint8Array() })
    } catch (error) {
      if (error instanceof LogoRejectedError) return { intent: 'logo', result: null, message: t('settings.logoType') }
      throw error
    }
    throw await done('settings.saved')
  }

  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'profile') {
    const submission = parseWithZod(formData, { schema: SettingsProfileSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply(), message: null }
    await updateShopProfile(db, shop.id, submission.value)
    throw await done('settings.saved')
  }
  if (intent === 'payout') {
    // The payout account is the producer's alone: a facilitator acting for her gets 403 (decision 021).
    refuseFacilitator(assist)
    const submission = parseWithZod(formData, { schema: PayoutStepSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply(), message: null }
    await updatePayoutAccount(db, shop.id, submission.value)
    throw await done('settings.saved')
  }
  if (intent === 'shipping') {
    const submission = parseWithZod(formData, { schema: ShippingRatesSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply(), message: t('settings.shippingInvalid') }
    await updateShippingRates(
      db,
      shop.id,
      submission.value.rates.map((r) => ({
        wilayaCode: r.wilayaCode,
        homeFee: r.homeFee,
        deskFee: r.deskFee ?? null,
        delayDays: r.delayDays,
      })),
    )
    throw await done('settings.saved')
  }
  throw new Response('Unknown intent', { status: 400 })
}

const inputClass = 'min-h-11 w-full min-w-0 rounded-lg border border-stone-300 bg-white px-2 text-base'

export default function SettingsPage() {
  const { shop, rates, assisted } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  const [profileForm, profileFields] = useForm<Record<string, string | undefined>>({ id: 'profile', lastResult: resultFor('profile'), defaultValue: shop as never })
  const [payoutForm, payoutFields] = useForm<Record<string, string | undefined>>({ id: 'payout', lastResult: resultFor('payout'), defaultValue: shop as never })
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('settings.title')}</h1>
      <Link to="/dashboard/delivery" className="inline-flex min-h-11 items-center self-start font-medium text-brand-700 underline">
        {t('delivery.settings.title')}
      </Link>
      <FormAlert message={actionData?.message} />

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="mb-3 text-lg font-semibold">{t('settings.profile')}</h2>
        <Form method="post" {...getFormProps(profileForm)} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="profile" />
          <div className="flex flex-col gap-1">
            <label htmlFor="story" className="text-sm font-medium">{t('sell.fields.story')}</label>
            <textarea id="story" name="story" rows={4} maxLength={2000} dir="auto" defaultValue={shop.story} className="rounded-xl border border-stone-300 p-3 text-base" />
          </div>
          <TextField field={profileFields.phone!} label={t('sell.fields.phone')} type="tel" inputMode="tel" dir="ltr" />
          <SubmitButton>{t('account.save')}</SubmitButton>
        </Form>
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="logo-heading">
        <h2 id="logo-heading" className="mb-3 text-lg font-semibold">{t('settings.logo')}</h2>
        <LogoForm hasLogo={shop.hasLogo} />
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="payout-heading">
        <h2 id="payout-heading" className="mb-3 text-lg font-semibold">{t('settings.payout')}</h2>
        {assisted ? (
          <p className="text-sm text-stone-700">{t('assistance.payoutProducerOnly')}</p>
        ) : (
        <Form method="post" {...getFormProps(payoutForm)} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="payout" />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('sell.fields.payoutMethod')}</legend>
            {(['ccp', 'rip'] as const).map((method) => (
              <label key={method} className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 px-3">
                <input type="radio" name="payoutMethod" value={method} defaultChecked={shop.payoutMethod === method} className="size-5" />
                <span>{t(`sell.payoutMethods.${method}`)}</span>
              </label>
            ))}
          </fieldset>
          <TextField field={payoutFields.payoutAccount!} label={t('sell.fields.payoutAccount')} dir="ltr" inputMode="numeric" hint={t('sell.fields.payoutAccountHint')} />
          <TextField field={payoutFields.payoutHolderName!} label={t('sell.fields.payoutHolderName')} />
          <SubmitButton>{t('account.save')}</SubmitButton>
        </Form>
        )}
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="shipping-heading">
        <h2 id="shipping-heading" className="mb-1 text-lg font-semibold">{t('settings.shipping')}</h2>
        <p className="mb-3 text-sm text-stone-600">{t('settings.shippingHelp')}</p>
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="shipping" />
          <div className="grid grid-cols-[minmax(0,1.4fr)_repeat(3,minmax(0,1fr))] items-center gap-x-2 gap-y-1 text-xs font-medium text-stone-600">
            <span>{t('settings.wilaya')}</span>
            <span>{t('settings.homeFee')}</span>
            <span>{t('settings.deskFee')}</span>
            <span>{t('settings.delayDays')}</span>
          </div>
          <ul className="flex flex-col gap-1">
            {rates.map((rate, index) => (
              <li key={rate.wilayaCode} className="grid grid-cols-[minmax(0,1.4fr)_repeat(3,minmax(0,1fr))] items-center gap-x-2">
                <input type="hidden" name={`rates[${index}].wilayaCode`} value={rate.wilayaCode} />
                <span id={`w-${rate.wilayaCode}`} className="truncate text-sm">{rate.wilayaName}</span>
                <input aria-labelledby={`w-${rate.wilayaCode}`} aria-label={t('settings.homeFee')} name={`rates[${index}].homeFee`} type="text" inputMode="decimal" dir="ltr" defaultValue={rate.homeFee} className={inputClass} />
                <input aria-label={t('settings.deskFee')} name={`rates[${index}].deskFee`} type="text" inputMode="decimal" dir="ltr" defaultValue={rate.deskFee ?? ''} className={inputClass} />
                <input aria-label={t('settings.delayDays')} name={`rates[${index}].delayDays`} type="number" min={0} max={60} inputMode="numeric" defaultValue={rate.delayDays} className={inputClass} />
              </li>
            ))}
          </ul>
          <SubmitButton>{t('settings.saveShipping')}</SubmitButton>
        </Form>
      </section>
    </div>
  )
}

/** The logo: a camera photo is shrunk on the phone before it is sent (decision 017); without JavaScript the original goes. */
function LogoForm({ hasLogo }: { hasLogo: boolean }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const { onSubmit, shrinking } = useShrinkOnSubmit('logo')
  const sending = navigation.state === 'submitting' && navigation.formData?.get('logo') != null
  return (
    <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} className="flex flex-col gap-3">
      <label htmlFor="logo" className="text-sm">{hasLogo ? t('settings.logoReplace') : t('settings.logoAdd')}</label>
      <input id="logo" name="logo" type="file" accept="image/jpeg,image/png,image/webp,image/heic" className="min-h-11 text-sm" />
      <SubmitButton pending={shrinking || sending}>{t('settings.logoUpload')}</SubmitButton>
    </Form>
  )
}
