import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { resetPasswordWithCode } from '~/modules/accounts/accounts.server'
import { consume, limits } from '~/modules/accounts/rate-limit.server'
import { localPhone, PhoneResetSchema, PhoneSchema } from '~/modules/accounts/schemas'
import { throttledMessage } from '~/modules/accounts/throttle.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { endSession } from '~/utils/session.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

// "Forgot password" for a phone number (decision 016): the code texted by /forgot-password and a
// new password. Reached the same way whether the number has an account or not.
export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const phone = PhoneSchema.safeParse(new URL(request.url).searchParams.get('phone') ?? '')
  if (!phone.success) throw redirect('/forgot-password')
  return { phone: localPhone(phone.data) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await i18nServer.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: PhoneResetSchema })
  const hideFields = ['password', 'confirmPassword', 'code']
  if (submission.status !== 'success') return { result: submission.reply({ hideFields }) }
  const db = await getDb()
  const limited = await consume(db, `code-ip:${context.clientIp ?? 'unknown'}`, limits.codePerIp)
  if (!limited.allowed) return { result: submission.reply({ formErrors: [throttledMessage(t, limited)], hideFields }) }
  const outcome = await resetPasswordWithCode(db, submission.value)
  if (outcome.status !== 'reset') {
    const error = outcome.status === 'wrong' ? 'validation.codeWrong' : 'validation.codeExpired'
    return { result: submission.reply({ fieldErrors: { code: [error] }, hideFields }) }
  }
  // Every session of the account has ended, this browser's too: log in again with the new password.
  const headers = new Headers()
  headers.append('Set-Cookie', await endSession(request))
  headers.append('Set-Cookie', await createToastHeader({ key: 'auth.reset.done', type: 'success' }))
  throw redirect('/login', { headers })
}

export default function PhoneResetPage() {
  const { phone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof PhoneResetSchema>>({ id: 'reset-sms', lastResult: actionData?.result })
  return (
    <AuthCard title={t('phoneAuth.resetTitle')} intro={t('phoneAuth.resetIntro', { phone })}>
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
        <input type="hidden" name="phone" value={phone} />
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
        <TextField field={fields.password} label={t('auth.fields.newPassword')} type="password" autoComplete="new-password" dir="ltr" hint={t('auth.fields.passwordHint')} />
        <TextField field={fields.confirmPassword} label={t('auth.fields.confirmPassword')} type="password" autoComplete="new-password" dir="ltr" />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.reset.submit')}</SubmitButton>
      </Form>
      <Link to="/forgot-password" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-700 underline">
        {t('phoneAuth.askAgain')}
      </Link>
    </AuthCard>
  )
}
