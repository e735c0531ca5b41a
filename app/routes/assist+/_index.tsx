import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/ui/form'
import { actingShopCookie } from '~/modules/assistance/acting-cookie.server'
import {
  addAssistedDocument,
  ArrangementNotFoundError,
  confirmConsentCode,
  ConsentMissingError,
  endArrangement,
  facilitatorWilayaCodes,
  getAssistedShop,
  listArrangementsOfFacilitator,
  NoProducerPhoneError,
  OutsideWilayasError,
  ProducerUnavailableError,
  recordSignedConsent,
  sendConsentCode,
  startAssistedApplication,
  submitAssistedApplication,
} from '~/modules/assistance/assistance.server'
import { AssistedApplicationSchema } from '~/modules/assistance/schemas'
import { localPhone } from '~/modules/accounts/schemas'
import { communesOfWilaya, getWilaya, placeName } from '~/modules/geo/geo.server'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getPrivateStorage } from '~/modules/media/storage.server'
import { ApplicationLockedError, DocumentRejectedError, IncompleteApplicationError } from '~/modules/shops/application.server'
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from '~/modules/shops/limits'
import { producerCategories } from '~/modules/shops/schemas'
import { getDb } from '~/utils/db.server'
import { firstErrorMessage } from '~/utils/form-errors'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'

// A facilitator's home (issue 22, decision 021): her producers and where each stands, the one-page
// application for a new producer, the consent form upload, and "work on this shop", which opens
// the ordinary dashboard on that shop.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'facilitator')
  const [db, language] = await Promise.all([getDb(), getLanguage(request)])
  const [arrangements, codes] = await Promise.all([listArrangementsOfFacilitator(db, user.id), facilitatorWilayaCodes(db, user.id)])
  const places = codes.map((code) => ({
    code,
    name: getWilaya(code) ? placeName(getWilaya(code)!, language) : String(code),
    communes: communesOfWilaya(code).map((c) => ({ code: c.code, name: placeName(c, language) })),
  }))
  return { name: user.name, arrangements, places }
}

const back = async (key: string, type: 'success' | 'error' = 'success') => redirect('/assist', { headers: { 'Set-Cookie': await createToastHeader({ key, type }) } })

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, 'facilitator')
  const db = await getDb()
  const t = await i18nServer.getFixedT(request)
  const ip = (context.clientIp as string | undefined) ?? null
  // The consent form is the one multipart post.
  const upload = await parseMultipartWithFiles(request, { fileField: 'consent', maxFiles: 1, maxFileBytes: MAX_DOCUMENT_BYTES })
  const form = upload.formData
  const intent = String(form.get('intent') ?? '')
  const arrangementId = String(form.get('arrangementId') ?? '')
  // One consent form or document a post: several files (never the page's own form) are refused whole.
  if (upload.tooMany) return { intent, arrangementId, message: t('validation.oneFile') }
  try {
    if (intent === 'start') {
      const submission = parseWithZod(form, { schema: AssistedApplicationSchema })
      if (submission.status !== 'success') return { intent, message: firstErrorMessage(t, submission.error) }
      const v = submission.value
      await startAssistedApplication(db, {
        facilitatorId: user.id,
        producer: { email: v.producerEmail, name: v.producerName, phone: v.producerPhone },
        shop: {
          name: v.name,
          producerCategory: v.producerCategory,
          communeCode: v.communeCode,
          artisanCardNumber: v.artisanCardNumber || null,
          tradeRegisterNumber: v.tradeRegisterNumber || null,
          nif: v.nif,
          payoutMethod: v.payoutMethod,
          payoutAccount: v.payoutAccount,
          payoutHolderName: v.payoutHolderName,
        },
        ip,
      })
      throw await back('assistance.started')
    }
    if (intent === 'consent') {
      if (upload.oversize.length > 0) return { intent, message: t('sell.documents.tooBig') }
      const file = upload.files[0]
      if (!file || file.bytes.length === 0) return { intent, message: t('sell.documents.choose') }
      await recordSignedConsent(db, getPrivateStorage(), { facilitatorId: user.id, arrangementId, fileName: file.name, bytes: file.bytes, ip })
      throw await back('assistance.consented')
    }
    // The application's own documents (the card), once she consented: the same file input.
    if (intent === 'document') {
      if (upload.oversize.length > 0) return { intent, arrangementId, message: t('sell.documents.tooBig') }
      const file = upload.files[0]
      if (!file || file.bytes.length === 0) return { intent, arrangementId, message: t('sell.documents.choose') }
      await addAssistedDocument(db, getPrivateStorage(), { facilitatorId: user.id, arrangementId, fileName: file.name, bytes: file.bytes, ip })
      throw await back('assistance.documentAdded')
    }
    // Consent by SMS code (decision 028): the code goes to the producer's own number; she gives it
    // to the facilitator only if she agrees, and the facilitator types it here.
    if (intent === 'sendCode') {
      const sent = await sendConsentCode(db, { facilitatorId: user.id, arrangementId, ip })
      if (sent.status === 'limited') return { intent, arrangementId, message: t('assistance.errors.smsLimited') }
      throw await back('assistance.codeSent')
    }
    if (intent === 'confirmCode') {
      const code = String(form.get('code') ?? '').replace(/\s+/g, '')
      if (!/^\d{6}$/.test(code)) return { intent, arrangementId, message: t('assistance.errors.codeWrong') }
      const result = await confirmConsentCode(db, { facilitatorId: user.id, arrangementId, code, ip })
      if (result !== 'active') return { intent, arrangementId, message: t(result === 'wrong' ? 'assistance.errors.codeWrong' : 'assistance.errors.codeExpired') }
      throw await back('assistance.consented')
    }
    if (intent === 'submit') {
      await submitAssistedApplication(db, { facilitatorId: user.id, arrangementId, ip })
      throw await back('assistance.submitted')
    }
    if (intent === 'act') {
      const shopId = String(form.get('shopId') ?? '')
      if (!(await getAssistedShop(db, user.id, shopId))) throw new Response('Not found', { status: 404 })
      throw redirect('/dashboard', { headers: { 'Set-Cookie': await actingShopCookie(shopId) } })
    }
    if (intent === 'end') {
      await endArrangement(db, { userId: user.id, arrangementId, ip })
      throw await back('assistance.ended')
    }
  } catch (error) {
    if (error instanceof Response) throw error
    if (error instanceof OutsideWilayasError) return { intent, message: t('assistance.errors.outside') }
    if (error instanceof ProducerUnavailableError) return { intent, message: t(`assistance.errors.${error.reason}`) }
    if (error instanceof NoProducerPhoneError) return { intent, arrangementId, message: t('assistance.errors.noPhone') }
    if (error instanceof ConsentMissingError) return { intent, message: t('assistance.errors.consent') }
    if (error instanceof IncompleteApplicationError) return { intent, message: t('assistance.errors.incomplete') }
    // The application was sent meanwhile (another tab): its documents are fixed.
    if (error instanceof ApplicationLockedError) return { intent, arrangementId, message: t('assistance.errors.incomplete') }
    if (error instanceof DocumentRejectedError) return { intent, message: t(`sell.documents.rejected.${error.reason}`, { max: MAX_DOCUMENTS }) }
    if (error instanceof ArrangementNotFoundError) throw new Response('Not found', { status: 404 })
    throw error
  }
  throw new Response('Unknown intent', { status: 400 })
}

const input = 'min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3 text-base'
const primary = 'min-h-12 rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700'
const secondary = 'min-h-11 rounded-full border border-brand-600 px-4 font-medium text-brand-700'

function Field({ name, label, type = 'text', dir, required = true, hint }: { name: string; label: string; type?: string; dir?: 'ltr'; required?: boolean; hint?: string }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <input name={name} type={type} dir={dir} required={required} className={input} />
      {hint ? <span className="text-xs font-normal text-stone-600">{hint}</span> : null}
    </label>
  )
}

export default function AssistPage() {
  const { name, arrangements, places } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('assistance.title')}</h1>
      <p className="text-stone-700">{t('assistance.intro', { name })}</p>
      {actionData && actionData.intent !== 'start' && !('arrangementId' in actionData) ? <FormAlert message={actionData.message} /> : null}

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="producers">
        <h2 id="producers" className="mb-2 text-lg font-semibold">{t('assistance.producers')}</h2>
        {arrangements.length === 0 ? <p className="text-stone-600">{t('assistance.none')}</p> : null}
        <ul className="flex flex-col divide-y divide-stone-100">
          {arrangements.map((a) => (
            <li key={a.id} className="flex flex-col gap-2 py-3">
              <p className="font-semibold">
                {a.shopName} <span className="font-normal text-stone-600">— {a.producerName}</span>
              </p>
              <p className="text-sm text-stone-700">
                {t(`assistance.status.${a.status}`)} · {t(`assistance.shopStatus.${a.shopStatus}`)}
              </p>
              {a.status === 'awaiting_consent' ? (
                <div className="flex flex-col gap-3">
                  {actionData && 'arrangementId' in actionData && actionData.arrangementId === a.id ? <FormAlert message={actionData.message} /> : null}
                  {a.producerPhone ? (
                    <div className="flex flex-col gap-2 rounded-xl bg-stone-50 p-3">
                      <h3 className="font-semibold">{t('assistance.smsConsentTitle')}</h3>
                      <p className="text-sm text-stone-700">{t('assistance.smsConsentHelp', { phone: localPhone(a.producerPhone) })}</p>
                      <Form method="post">
                        <input type="hidden" name="intent" value="sendCode" />
                        <input type="hidden" name="arrangementId" value={a.id} />
                        <button type="submit" className={secondary}>{t('assistance.sendCode')}</button>
                      </Form>
                      <Form method="post" className="flex flex-col gap-2">
                        <input type="hidden" name="intent" value="confirmCode" />
                        <input type="hidden" name="arrangementId" value={a.id} />
                        <label className="flex flex-col gap-1 text-sm font-medium">
                          {t('assistance.codeLabel')}
                          <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={8} required dir="ltr" className={input} />
                        </label>
                        <button type="submit" className={primary}>{t('assistance.confirmCode')}</button>
                      </Form>
                    </div>
                  ) : null}
                  <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2">
                    <input type="hidden" name="intent" value="consent" />
                    <input type="hidden" name="arrangementId" value={a.id} />
                    <h3 className="font-semibold">{t('assistance.formConsentTitle')}</h3>
                    <label className="flex flex-col gap-1 text-sm font-medium">
                      {t('assistance.consentFile')}
                      <input type="file" name="consent" accept="image/*,application/pdf" required className="min-h-12 text-base" />
                    </label>
                    <button type="submit" className={secondary}>{t('assistance.sendConsent')}</button>
                  </Form>
                </div>
              ) : null}
              {a.status === 'active' && (a.shopStatus === 'draft' || a.shopStatus === 'rejected') ? (
                <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2">
                  {actionData && 'arrangementId' in actionData && actionData.arrangementId === a.id ? <FormAlert message={actionData.message} /> : null}
                  <input type="hidden" name="intent" value="document" />
                  <input type="hidden" name="arrangementId" value={a.id} />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('assistance.documentFile')}
                    <input type="file" name="consent" accept="image/*,application/pdf" required className="min-h-12 text-base" />
                  </label>
                  <button type="submit" className={secondary}>{t('assistance.addDocument')}</button>
                </Form>
              ) : null}
              <div className="flex flex-wrap gap-2">
                {a.status === 'active' && (a.shopStatus === 'draft' || a.shopStatus === 'rejected') ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="submit" />
                    <input type="hidden" name="arrangementId" value={a.id} />
                    <button type="submit" className={primary}>{t('assistance.submit')}</button>
                  </Form>
                ) : null}
                {a.status === 'active' && (a.shopStatus === 'approved' || a.shopStatus === 'suspended') ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="act" />
                    <input type="hidden" name="shopId" value={a.shopId} />
                    <button type="submit" className={primary}>{t('assistance.act')}</button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="arrangementId" value={a.id} />
                  <button type="submit" className={secondary}>{t('assistance.end')}</button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="new-application">
        <h2 id="new-application" className="mb-1 text-lg font-semibold">{t('assistance.newApplication')}</h2>
        <p className="mb-3 text-sm text-stone-700">{t('assistance.newApplicationHelp')}</p>
        {actionData?.intent === 'start' ? <FormAlert message={actionData.message} /> : null}
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="start" />
          <Field name="producerName" label={t('assistance.fields.producerName')} />
          <Field name="producerEmail" type="email" dir="ltr" label={t('assistance.fields.producerEmail')} hint={t('assistance.fields.producerEmailHint')} />
          <Field name="producerPhone" type="tel" dir="ltr" label={t('assistance.fields.producerPhone')} />
          <Field name="name" label={t('sell.fields.name')} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('sell.fields.producerCategory')}
            <select name="producerCategory" className={input} defaultValue="rural_woman">
              {producerCategories.map((c) => (
                <option key={c} value={c}>{t(`producerCategory.${c}`)}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('sell.fields.commune')}
            <select name="communeCode" className={input} required>
              {places.map((w) => (
                <optgroup key={w.code} label={`${String(w.code).padStart(2, '0')} — ${w.name}`}>
                  {w.communes.map((c) => (
                    <option key={c.code} value={c.code}>{c.name}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <Field name="artisanCardNumber" dir="ltr" required={false} label={t('sell.fields.artisanCardNumber')} />
          <Field name="tradeRegisterNumber" dir="ltr" required={false} label={t('sell.fields.tradeRegisterNumber')} />
          <Field name="nif" dir="ltr" label={t('sell.fields.nif')} />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('sell.fields.payoutMethod')}</legend>
            {(['ccp', 'rip'] as const).map((method) => (
              <label key={method} className="flex min-h-12 items-center gap-3 rounded-xl border border-stone-300 px-3">
                <input type="radio" name="payoutMethod" value={method} defaultChecked={method === 'ccp'} className="size-5" />
                <span>{t(`sell.payoutMethods.${method}`)}</span>
              </label>
            ))}
          </fieldset>
          <Field name="payoutAccount" dir="ltr" label={t('sell.fields.payoutAccount')} hint={t('assistance.fields.payoutHint')} />
          <Field name="payoutHolderName" label={t('sell.fields.payoutHolderName')} />
          <button type="submit" className={primary}>{t('assistance.start')}</button>
        </Form>
      </section>
    </div>
  )
}
