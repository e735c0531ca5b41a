import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, HoneypotField, SubmitButton, TextField } from '~/components/ui/form'
import { logIn } from '~/modules/accounts/accounts.server'
import { isAccountVerified } from '~/modules/accounts/phone.server'
import { isPhoneLogin, LoginSchema } from '~/modules/accounts/schemas'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { getDb } from '~/utils/db.server'
import { isBotSubmission } from '~/utils/honeypot.server'
import { i18nServer } from '~/utils/i18n.server'
import { requireAnonymous } from '~/utils/permissions.server'
import { safeRedirectPath } from '~/utils/redirect'
import { startSession } from '~/utils/session.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const formData = await readForm(request)
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (isBotSubmission(formData)) return { result: submission.reply({ formErrors: [t('auth.rejected')] }) }
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: ['password'] }) }

  const { email, password, redirectTo } = submission.value
  const outcome = await logIn(await getDb(), { email, password, ip: context.clientIp ?? 'unknown' })
  if (outcome.status === 'throttled') {
    return { result: submission.reply({ formErrors: [throttledMessage(t, outcome)], hideFields: ['password'] }) }
  }
  if (outcome.status === 'invalid') {
    // One answer for an unknown address or number, a wrong password and a disabled account.
    const message = isPhoneLogin(email) ? t('phoneAuth.invalidCredentials') : t('auth.invalidCredentials')
    return { result: submission.reply({ formErrors: [message], hideFields: ['password'] }) }
  }
  const { user } = outcome
  const cookie = await startSession(request, user.id, context.clientIp)
  const next = isAccountVerified(user) ? safeRedirectPath(redirectTo) : `/verify?${new URLSearchParams({ redirectTo: safeRedirectPath(redirectTo) })}`
  throw redirect(next, { headers: { 'Set-Cookie': cookie } })
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const [form, fields] = useForm<z.input<typeof LoginSchema>>({ id: 'login', lastResult: actionData?.result, shouldRevalidate: 'onInput' })
  return (
    <AuthCard title={t('auth.login.title')} intro={t('auth.login.intro')}>
      <Form method="post" {...getFormProps(form)} className="relative flex flex-col gap-4">
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormAlert message={form.errors?.[0]} />
        <TextField field={fields.email} label={t('phoneAuth.loginField')} type="text" autoComplete="username" dir="ltr" />
        <TextField field={fields.password} label={t('auth.fields.password')} type="password" autoComplete="current-password" dir="ltr" />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.login.submit')}</SubmitButton>
      </Form>
      <div className="flex flex-col gap-2 text-sm">
        <Link to="/forgot-password" className="inline-flex min-h-11 items-center self-start px-1 text-brand-700 underline">
          {t('auth.login.forgot')}
        </Link>
        <p>
          {t('auth.login.noAccount')}{' '}
          <Link to={`/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`} className="inline-flex min-h-11 items-center px-1 font-semibold text-brand-700 underline">
            {t('auth.login.signupLink')}
          </Link>
        </p>
      </div>
    </AuthCard>
  )
}
