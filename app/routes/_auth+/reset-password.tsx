import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { AuthCard } from '~/components/auth-card'
import { FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { isResetTokenValid, resetPassword } from '~/modules/accounts/accounts.server'
import { ResetPasswordSchema } from '~/modules/accounts/schemas'
import { getDb } from '~/utils/db.server'
import { endSession } from '~/utils/session.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

// The site-wide Referrer-Policy (strict-origin-when-cross-origin) already keeps the token out of
// other sites' logs; a stricter no-referrer here would make the browser send `Origin: null`, which
// Remix rightly refuses on a form POST.
export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const valid = token.length >= 10 && token.length <= 200 && (await isResetTokenValid(await getDb(), token))
  return { token: valid ? token : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema })
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: ['password', 'confirmPassword'] }), expired: false }
  const user = await resetPassword(await getDb(), submission.value.token, submission.value.password)
  if (!user) return { result: submission.reply({ hideFields: ['password', 'confirmPassword'] }), expired: true }
  // Every session of the account has ended, this browser's too: log in again with the new password.
  const headers = new Headers()
  headers.append('Set-Cookie', await endSession(request))
  headers.append('Set-Cookie', await createToastHeader({ key: 'auth.reset.done', type: 'success' }))
  throw redirect('/login', { headers })
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof ResetPasswordSchema>>({ id: 'reset', lastResult: actionData?.result })
  if (!token || actionData?.expired) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <FormAlert message={t('auth.reset.expired')} />
        <Link to="/forgot-password" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t('auth.reset.askAgain')}
        </Link>
      </AuthCard>
    )
  }
  return (
    <AuthCard title={t('auth.reset.title')} intro={t('auth.reset.intro')}>
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
        <input type="hidden" name="token" value={token} />
        <TextField field={fields.password} label={t('auth.fields.newPassword')} type="password" autoComplete="new-password" dir="ltr" hint={t('auth.fields.passwordHint')} />
        <TextField field={fields.confirmPassword} label={t('auth.fields.confirmPassword')} type="password" autoComplete="new-password" dir="ltr" />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('auth.reset.submit')}</SubmitButton>
      </Form>
    </AuthCard>
  )
}
