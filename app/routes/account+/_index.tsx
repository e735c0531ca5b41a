import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import type { z } from 'zod'
import { FieldErrors, FormAlert, SubmitButton, TextField } from '~/components/ui/form'
import { changePassword, updateProfile } from '~/modules/accounts/accounts.server'
import { ChangePasswordSchema, localPhone, ProfileSchema } from '~/modules/accounts/schemas'
import { invalidateUserSessions, listActiveSessions } from '~/modules/accounts/sessions.server'
import { getDb } from '~/utils/db.server'
import { algeriaDateFormat } from '~/utils/dates'
import { supportedLanguages } from '~/utils/i18n'
import { languageCookie } from '~/utils/i18n.server'
import { requireSession } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useLanguage } from '~/utils/use-language'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

const languageNames = { ar: 'العربية', fr: 'Français', en: 'English' } as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request)
  const sessions = await listActiveSessions(await getDb(), user.id)
  return {
    user: {
      name: user.name,
      email: user.email,
      phone: user.phone,
      locale: user.locale,
      role: user.role,
      // The number logs in (only identifier, or confirmed by SMS): shown, not editable here (decision 016).
      phoneLocked: Boolean(user.phone && (!user.email || user.phoneVerifiedAt)),
    },
    sessions: sessions.map((s) => ({ ...s, id: undefined, current: s.id === sessionId })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const db = await getDb()

  if (intent === 'profile') {
    const submission = parseWithZod(formData, { schema: ProfileSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply() }
    await updateProfile(db, user.id, submission.value)
    const headers = new Headers()
    headers.append('Set-Cookie', await createToastHeader({ key: 'account.saved', type: 'success' }))
    // The account's language becomes the site's language in this browser too.
    headers.append('Set-Cookie', await languageCookie.serialize(submission.value.locale))
    throw redirect('/account', { headers })
  }
  if (intent === 'password') {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply({ hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }) }
    const changed = await changePassword(db, { userId: user.id, sessionId, ...submission.value })
    if (!changed) {
      return {
        intent,
        result: submission.reply({
          fieldErrors: { currentPassword: ['validation.currentPasswordWrong'] },
          hideFields: ['currentPassword', 'newPassword', 'confirmPassword'],
        }),
      }
    }
    throw redirect('/account', { headers: { 'Set-Cookie': await createToastHeader({ key: 'account.passwordChanged', type: 'success' }) } })
  }
  if (intent === 'signOutOthers') {
    await invalidateUserSessions(db, user.id, { exceptSessionId: sessionId })
    throw redirect('/account', { headers: { 'Set-Cookie': await createToastHeader({ key: 'account.othersSignedOut', type: 'success' }) } })
  }
  throw new Response('Unknown intent', { status: 400 })
}

export default function AccountPage() {
  const { user, sessions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const language = useLanguage()
  const [profileForm, profileFields] = useForm<z.input<typeof ProfileSchema>>({
    id: 'profile',
    lastResult: actionData?.intent === 'profile' ? actionData.result : undefined,
    defaultValue: { name: user.name, phone: user.phone ? localPhone(user.phone) : '', locale: user.locale },
  })
  const [passwordForm, passwordFields] = useForm<z.input<typeof ChangePasswordSchema>>({
    id: 'password',
    lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
  })
  const dateFormat = algeriaDateFormat(language, 'dateTime')
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{t('account.title')}</h1>
          <p className="text-stone-600" dir="ltr">
            {user.email ?? (user.phone ? localPhone(user.phone) : '')}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            to="/account/orders"
            className="inline-flex min-h-11 items-center rounded-full bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t('account.orders')}
          </Link>
          <Form method="post" action="/logout">
            <button type="submit" className="min-h-11 rounded-full border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
              {t('account.logout')}
            </button>
          </Form>
        </div>
      </div>

      <Link
        to={user.role === 'producer' ? '/dashboard' : '/sell'}
        className="flex min-h-12 items-center justify-between rounded-2xl border border-brand-100 bg-brand-50 px-4 font-semibold text-brand-800"
      >
        {user.role === 'producer' ? t('header.dashboard') : t('header.sell')}
      </Link>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
          {t('account.profile')}
        </h2>
        <Form method="post" {...getFormProps(profileForm)} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="profile" />
          <TextField field={profileFields.name} label={t('auth.fields.name')} autoComplete="name" />
          {user.phoneLocked ? (
            <TextField
              field={profileFields.phone}
              label={t('phoneAuth.phone')}
              type="tel"
              dir="ltr"
              readOnly
              hint={t('phoneAuth.phoneLocked')}
            />
          ) : (
            <TextField field={profileFields.phone} label={t('auth.fields.phoneOptional')} type="tel" inputMode="tel" dir="ltr" autoComplete="tel" />
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={profileFields.locale.id} className="text-sm font-medium">
              {t('account.language')}
            </label>
            <select
              id={profileFields.locale.id}
              name={profileFields.locale.name}
              defaultValue={user.locale}
              className="min-h-12 rounded-xl border border-stone-300 bg-white px-3 text-base"
            >
              {supportedLanguages.map((l) => (
                <option key={l} value={l}>
                  {languageNames[l]}
                </option>
              ))}
            </select>
            <FieldErrors errors={profileFields.locale.errors} />
          </div>
          <SubmitButton>{t('account.save')}</SubmitButton>
        </Form>
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold">
          {t('account.changePassword')}
        </h2>
        <Form method="post" {...getFormProps(passwordForm)} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="password" />
          <FormAlert message={passwordForm.errors?.[0]} />
          <TextField
            field={passwordFields.currentPassword}
            label={t('auth.fields.currentPassword')}
            type="password"
            autoComplete="current-password"
            dir="ltr"
          />
          <TextField
            field={passwordFields.newPassword}
            label={t('auth.fields.newPassword')}
            type="password"
            autoComplete="new-password"
            dir="ltr"
            hint={t('auth.fields.passwordHint')}
          />
          <TextField field={passwordFields.confirmPassword} label={t('auth.fields.confirmPassword')} type="password" autoComplete="new-password" dir="ltr" />
          <SubmitButton>{t('account.changePassword')}</SubmitButton>
        </Form>
      </section>

      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-3 text-lg font-semibold">
          {t('account.sessions')}
        </h2>
        <ul className="flex flex-col divide-y divide-stone-100">
          {sessions.map((session, index) => (
            <li key={index} className="py-2 text-sm">
              <p dir="ltr" className="truncate text-start text-stone-800">
                {session.userAgent ?? t('account.unknownDevice')}
              </p>
              <p className="text-stone-500">
                {t('account.since', { date: dateFormat.format(new Date(session.createdAt)) })}
                {session.current ? <strong className="ms-2 text-brand-700">{t('account.thisDevice')}</strong> : null}
              </p>
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post" className="mt-3">
            <button
              type="submit"
              name="intent"
              value="signOutOthers"
              className="min-h-11 rounded-full border border-red-300 px-4 text-sm font-medium text-red-700 hover:bg-red-50"
            >
              {t('account.signOutOthers')}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  )
}
