import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, HoneypotField, SubmitButton, TextField } from '~/components/ui/form'
import { requestPasswordReset, requestPhoneReset } from '~/modules/accounts/accounts.server'
import { ForgotPasswordSchema, isPhoneLogin, localPhone } from '~/modules/accounts/schemas'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { kickSms } from '~/modules/sms/sms.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { isBotSubmission } from '~/utils/honeypot.server'
import { i18nServer } from '~/utils/i18n.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
  if (isBotSubmission(formData)) return { result: submission.reply({ formErrors: [t('auth.rejected')] }), sent: false }
  if (submission.status !== 'success') return { result: submission.reply(), sent: false }

  const login = submission.value.email
  const ip = context.clientIp ?? 'unknown'
  const outcome = isPhoneLogin(login)
    ? await requestPhoneReset(await getDb(), login, { ip })
    : await requestPasswordReset(await getDb(), login, { siteUrl: getEnv().APP_URL, ip })
  if (outcome.status === 'throttled') return { result: submission.reply({ formErrors: [throttledMessage(t, outcome)] }), sent: false }
  kickOutbox()
  kickSms()
  // A number goes on to the page where the texted code is typed, whether or not it has an account.
  if (isPhoneLogin(login)) throw redirect(`/reset-password/sms?${new URLSearchParams({ phone: localPhone(login) })}`)
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true }
}


export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof ForgotPasswordSchema>>({ id: 'forgot', lastResult: actionData?.result })
  return (
    <AuthCard title={t('auth.forgot.title')} intro={t('phoneAuth.forgotIntro')}>
      {actionData?.sent ? <FormAlert tone="success" message={t('auth.forgot.sent')} /> : null}
      <Form method="post" {...getFormProps(form)} className="relative flex flex-col gap-4">
        <HoneypotField />
        <FormAlert message={form.errors?.[0]} />
        <TextField field={fields.email} label={t('phoneAuth.loginField')} type="text" autoComplete="username" dir="ltr" />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.forgot.submit')}</SubmitButton>
      </Form>
    </AuthCard>
  )
}
