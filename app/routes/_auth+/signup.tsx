import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, HoneypotField, SubmitButton, TextField } from '~/components/ui/form'
import { signUp } from '~/modules/accounts/accounts.server'
import { consume, limits } from '~/modules/accounts/rate-limit.server'
import { SignupSchema } from '~/modules/accounts/schemas'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { kickSms } from '~/modules/sms/sms.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { isBotSubmission } from '~/utils/honeypot.server'
import { getLanguage, i18nServer } from '~/utils/i18n.server'
import { requireAnonymous } from '~/utils/permissions.server'
import { safeRedirectPath } from '~/utils/redirect'
import { signupAddressCookie, startSession, unusableSessionCookie } from '~/utils/session.server'
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
  const submission = parseWithZod(formData, { schema: SignupSchema })
  if (isBotSubmission(formData)) return { result: submission.reply({ formErrors: [t('auth.rejected')] }) }
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: ['password'] }) }

  const db = await getDb()
  const limited = await consume(db, `signup-ip:${context.clientIp ?? 'unknown'}`, limits.signupPerIp)
  if (!limited.allowed) return { result: submission.reply({ formErrors: [throttledMessage(t, limited)], hideFields: ['password'] }) }

  const { name, email, phone, password, redirectTo } = submission.value
  // A taken address or number gets the same answer as a new one (its owner is told instead): the
  // same redirect, a session cookie of the same shape (opening nothing), the same "enter your code" page.
  const outcome = await signUp(db, { name, email, phone, password, language: await getLanguage(request) }, { siteUrl: getEnv().APP_URL })
  kickOutbox()
  kickSms()
  const headers = new Headers()
  headers.append('Set-Cookie', outcome.status === 'created' ? await startSession(request, outcome.user.id, context.clientIp) : await unusableSessionCookie())
  // Where the code went: the address when there is one, else the number (decision 016).
  headers.append('Set-Cookie', await signupAddressCookie().serialize(email ? email.trim().toLowerCase() : phone!))
  throw redirect(`/verify?${new URLSearchParams({ redirectTo: safeRedirectPath(redirectTo) })}`, { headers })
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const [form, fields] = useForm<z.input<typeof SignupSchema>>({ id: 'signup', lastResult: actionData?.result, shouldRevalidate: 'onInput' })
  return (
    <AuthCard title={t('auth.signup.title')} intro={t('phoneAuth.signupIntro')}>
      <Form method="post" {...getFormProps(form)} className="relative flex flex-col gap-4">
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormAlert message={form.errors?.[0]} />
        <TextField field={fields.name} label={t('auth.fields.name')} autoComplete="name" />
        <TextField
          field={fields.phone}
          label={t('phoneAuth.phone')}
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          dir="ltr"
          placeholder="0555 12 34 56"
          hint={t('phoneAuth.phoneHint')}
        />
        <TextField
          field={fields.email}
          label={t('phoneAuth.emailOptional')}
          type="email"
          autoComplete="email"
          inputMode="email"
          dir="ltr"
          hint={t('phoneAuth.emailHint')}
        />
        <TextField
          field={fields.password}
          label={t('auth.fields.password')}
          type="password"
          autoComplete="new-password"
          dir="ltr"
          hint={t('auth.fields.passwordHint')}
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.signup.submit')}</SubmitButton>
      </Form>
      <p className="text-sm">
        {t('auth.signup.haveAccount')}{' '}
        <Link to={`/login${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`} className="inline-flex min-h-11 items-center px-1 font-semibold text-brand-700 underline">
          {t('auth.signup.loginLink')}
        </Link>
      </p>
    </AuthCard>
  )
}
