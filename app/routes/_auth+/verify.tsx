import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { answerCodeWithoutAccount, sendVerificationCode, verifyEmailCode } from '~/modules/accounts/accounts.server'
import { consume, limits } from '~/modules/accounts/rate-limit.server'
import { VerifySchema } from '~/modules/accounts/schemas'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { isAccountVerified, sendPhoneCode, verifyPhoneCode } from '~/modules/accounts/phone.server'
import { localPhone } from '~/modules/accounts/schemas'
import { kickSms } from '~/modules/sms/sms.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { i18nServer } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { safeRedirectPath } from '~/utils/redirect'
import { getCurrentSession, signupAddressCookie } from '~/utils/session.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

/**
 * Who the page is for: the signed-in account, or — right after a sign-up with an address or number
 * that already has an account, which opens no session — what was typed (decision 012). The code
 * went by email when the account has an address, else by SMS to its number (decision 016).
 */
async function codeRecipient(request: Request) {
  const current = await getCurrentSession(request)
  if (current) {
    const { user } = current
    return user.email ? { user, by: 'email' as const, to: user.email } : { user, by: 'sms' as const, to: user.phone ?? '' }
  }
  const typed = await signupAddressCookie().parse(request.headers.get('Cookie'))
  if (typeof typed === 'string' && typed) return { user: null, by: typed.startsWith('+') ? ('sms' as const) : ('email' as const), to: typed }
  return { user: await requireUser(request), by: 'email' as const, to: '' }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, by, to } = await codeRecipient(request)
  if (user && isAccountVerified(user)) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get('redirectTo')))
  return { by, to: by === 'sms' ? localPhone(to) : to }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, by, to } = await codeRecipient(request)
  const formData = await readForm(request)
  const t = await i18nServer.getFixedT(request)
  const db = await getDb()

  if (formData.get('intent') === 'resend') {
    const limited = await consume(db, `code-resend:${user?.id ?? to}`, limits.codeResendPerAccount)
    if (!limited.allowed) return { result: null, message: throttledMessage(t, limited), tone: 'error' as const }
    const phone = user?.phone
    if (user && by === 'sms' && phone) await db.transaction((tx) => sendPhoneCode(tx, { ...user, phone }, 'phone_verification'))
    else if (user) await db.transaction((tx) => sendVerificationCode(tx, user))
    kickOutbox()
    kickSms()
    return { result: null, message: t('auth.verify.resent'), tone: 'success' as const }
  }

  const submission = parseWithZod(formData, { schema: VerifySchema })
  if (submission.status !== 'success') return { result: submission.reply(), message: null, tone: 'error' as const }
  const limited = await consume(db, `code-ip:${context.clientIp ?? 'unknown'}`, limits.codePerIp)
  if (!limited.allowed) return { result: submission.reply({ formErrors: [throttledMessage(t, limited)] }), message: null, tone: 'error' as const }

  const outcome = !user
    ? await answerCodeWithoutAccount(db, to)
    : by === 'sms'
      ? await verifyPhoneCode(db, user.id, submission.value.code)
      : await verifyEmailCode(db, user.id, submission.value.code, { siteUrl: getEnv().APP_URL })
  if (outcome === 'verified') {
    kickOutbox()
    throw redirect(safeRedirectPath(submission.value.redirectTo), {
      headers: { 'Set-Cookie': await createToastHeader({ key: by === 'sms' ? 'phoneAuth.verifyDone' : 'auth.verify.done', type: 'success' }) },
    })
  }
  const error = outcome === 'wrong' ? 'validation.codeWrong' : 'validation.codeExpired'
  return { result: submission.reply({ fieldErrors: { code: [error] }, resetForm: true }), message: null, tone: 'error' as const }
}

export default function VerifyPage() {
  const { by, to } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof VerifySchema>>({ id: 'verify', lastResult: actionData?.result })
  return (
    <AuthCard
      title={by === 'sms' ? t('phoneAuth.verifyTitle') : t('auth.verify.title')}
      intro={by === 'sms' ? t('phoneAuth.verifyIntro', { phone: to }) : t('auth.verify.intro', { email: to })}
    >
      <FormAlert message={actionData?.message} tone={actionData?.tone} />
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <FormAlert message={form.errors?.[0]} />
        <TextField
          field={fields.code}
          label={t('auth.fields.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          dir="ltr"
          className="tracking-[0.5em]"
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.verify.submit')}</SubmitButton>
      </Form>
      <Form method="post">
        <button type="submit" name="intent" value="resend" className="min-h-11 px-1 text-sm text-brand-700 underline">
          {t('auth.verify.resend')}
        </button>
      </Form>
    </AuthCard>
  )
}
