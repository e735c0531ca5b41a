import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { FormAlert } from '~/components/ui/form'
import { CarrierSettingsSchema } from '~/modules/delivery/schemas'
import { CarrierSettingsError, deliveryDepsFromEnv, getShopCarrier, saveShopCarrier } from '~/modules/delivery/settings.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const settings = await getShopCarrier(await getDb(), shop.id)
  const platform = deliveryDepsFromEnv().platform
  return { settings, platform: { yalidine: Boolean(platform.yalidine), guepex: Boolean(platform.guepex), ecotrack: Boolean(platform.ecotrack) } }
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireProducerShop(request, { ownerOnly: true })
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: CarrierSettingsSchema })
  if (submission.status !== 'success') return { message: firstErrorMessage(t, submission.error) }
  try {
    await saveShopCarrier(await getDb(), deliveryDepsFromEnv(), { shopId: shop.id, ...submission.value })
  } catch (error) {
    if (error instanceof CarrierSettingsError) return { message: t(`delivery.settings.errors.${error.field}`) }
    throw error
  }
  throw redirect('/dashboard/delivery', { headers: { 'Set-Cookie': await createToastHeader({ key: 'delivery.settings.saved', type: 'success' }) } })
}

const inputClass = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'

export default function DeliverySettingsPage() {
  const { settings, platform } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [carrier, setCarrier] = useState<string>(settings.carrier)
  const [account, setAccount] = useState<string>(settings.account)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('delivery.settings.title')}</h1>
      <p className="text-stone-700">{t('delivery.settings.intro')}</p>
      <FormAlert message={actionData?.message} />
      <Form method="post" className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold">{t('delivery.settings.carrier')}</legend>
          {(['own', 'yalidine', 'guepex', 'ecotrack'] as const).map((kind) => (
            <label key={kind} className="flex min-h-11 items-center gap-3">
              <input type="radio" name="carrier" value={kind} defaultChecked={settings.carrier === kind} onChange={() => setCarrier(kind)} className="size-5" />
              {t(`delivery.settings.carriers.${kind}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-col gap-2" hidden={carrier === 'own'}>
          <legend className="mb-1 font-semibold">{t('delivery.settings.account')}</legend>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" name="account" value="platform" defaultChecked={settings.account === 'platform'} onChange={() => setAccount('platform')} className="size-5" />
            {t('delivery.settings.platformAccount')}
            {carrier !== 'own' && !platform[carrier as 'yalidine'] ? <span className="text-sm text-stone-600">({t('delivery.settings.notOffered')})</span> : null}
          </label>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" name="account" value="shop" defaultChecked={settings.account === 'shop'} onChange={() => setAccount('shop')} className="size-5" />
            {t('delivery.settings.ownAccount')}
          </label>
        </fieldset>
        <div className="flex flex-col gap-3" hidden={carrier === 'own' || account !== 'shop'}>
          {settings.hasKeys ? <p className="text-sm text-stone-600">{t('delivery.settings.keysStored')}</p> : null}
          <p className="text-sm text-stone-600">{t('delivery.settings.keysEncrypted')}</p>
          <label className="flex flex-col gap-1 text-sm font-medium" hidden={carrier !== 'ecotrack'}>
            {t('delivery.settings.baseUrl')}
            <input name="baseUrl" type="url" dir="ltr" defaultValue={settings.baseUrl ?? ''} placeholder="https://…ecotrack.dz" className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium" hidden={carrier === 'ecotrack'}>
            {t('delivery.settings.apiId')}
            <input name="apiId" dir="ltr" autoComplete="off" className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium" hidden={carrier === 'ecotrack'}>
            {t('delivery.settings.apiToken')}
            <input name="apiToken" type="password" dir="ltr" autoComplete="off" className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium" hidden={carrier !== 'ecotrack'}>
            {t('delivery.settings.token')}
            <input name="token" type="password" dir="ltr" autoComplete="off" className={inputClass} />
          </label>
        </div>
        <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700">
          {t('delivery.settings.save')}
        </button>
      </Form>
    </div>
  )
}
