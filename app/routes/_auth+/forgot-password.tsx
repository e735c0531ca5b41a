import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, HoneypotField, SubmitButton, TextField } from '~/components/ui/form'
import { requestPasswordReset } from '~/modules/accounts/accounts.server'
import { ForgotPasswordSchema } from '~/modules/accounts/schemas'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { isBotSubmission } from '~/utils/honeypot.server'
import { i18nServer } from '~/utils/i18n.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
  if (isBotSubmission(formData)) return { result: submission.reply({ formErrors: [t('auth.rejected')] }), sent: false }
  if (submission.status !== 'success') return { result: submission.reply(), sent: false }

  const outcome = await requestPasswordReset(await getDb(), submission.value.email, {
    siteUrl: getEnv().APP_URL,
    ip: context.clientIp ?? 'unknown',
  })
  if (outcome.status === 'throttled') return { result: submission.reply({ formErrors: [throttledMessage(t, outcome)] }), sent: false }
  kickOutbox()
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true }
}


export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof ForgotPasswordSchema>>({ id: 'forgot', lastResult: actionData?.result })
  return (
    <AuthCard title={t('auth.forgot.title')} intro={t('auth.forgot.intro')}>
      {actionData?.sent ? <FormAlert tone="success" message={t('auth.forgot.sent')} /> : null}
      <Form method="post" {...getFormProps(form)} className="relative flex flex-col gap-4">
        <HoneypotField />
        <FormAlert message={form.errors?.[0]} />
        <TextField field={fields.email} label={t('auth.fields.email')} type="email" autoComplete="email" inputMode="email" dir="ltr" />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.forgot.submit')}</SubmitButton>
      </Form>
    </AuthCard>
  )
}
