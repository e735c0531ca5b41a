import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { listNotices, markNoticeRead, markNoticesRead } from '~/modules/notifications/notices.server'
import { groupOfKind, NOTICE_CHANNELS, NOTICE_GROUPS } from '~/modules/notifications/kinds'
import { getPreferences, InvalidPreferenceError, setPreferences } from '~/modules/notifications/preferences.server'
import { getDb } from '~/utils/db.server'
import { algeriaDateFormat } from '~/utils/dates'
import { getLanguage } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

// The notifications centre (issue 21, decision 027): every notice of the signed-in person, newest
// first, whatever her role; "read" marks; the channel she wants for each group of notices.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const db = await getDb()
  const [notices, preferences, language] = await Promise.all([listNotices(db, user.id, { limit: 50 }), getPreferences(db, user.id), getLanguage(request)])
  return {
    language,
    hasPhone: Boolean(user.phone),
    preferences,
    notices: notices.map((n) => ({ id: n.id, kind: n.kind, data: n.data, unread: n.readAt === null, createdAt: n.createdAt.toISOString() })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await readForm(request)
  const db = await getDb()
  const intent = form.get('intent')
  const done = async (key: string, type: 'success' | 'error' = 'success') =>
    redirect('/account/notifications', { headers: { 'Set-Cookie': await createToastHeader({ key, type }) } })
  if (intent === 'read-all') {
    await markNoticesRead(db, user.id)
    return done('notifications.allRead')
  }
  if (intent === 'read') {
    const id = form.get('noticeId')
    if (typeof id !== 'string' || !id || id.length > 64) return done('notifications.invalid', 'error')
    // Someone else's notice, or one already read: nothing changes, same answer (no probing of ids).
    await markNoticeRead(db, user.id, id)
    return done('notifications.read')
  }
  if (intent === 'preferences') {
    const choices: Record<string, string> = {}
    for (const group of NOTICE_GROUPS) {
      const value = form.get(group)
      if (typeof value !== 'string') return done('notifications.invalid', 'error')
      choices[group] = value
    }
    try {
      await setPreferences(db, user.id, choices)
    } catch (error) {
      if (error instanceof InvalidPreferenceError) return done('notifications.invalid', 'error')
      throw error
    }
    return done('notifications.saved')
  }
  return done('notifications.invalid', 'error')
}

/** Where a notice leads: its order, product, conversations or dashboard. */
function linkOf(kind: string, data: Record<string, unknown>) {
  const group = groupOfKind(kind)
  if (group === 'orders' && typeof data.orderId === 'string') return `/account/orders/${data.orderId}`
  if (group === 'favourites' && typeof data.slug === 'string') return `/p/${data.slug}`
  if (group === 'messages') return '/account/messages'
  return '/dashboard'
}

export default function NotificationsPage() {
  const { notices, preferences, language, hasPhone } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const dateFormat = algeriaDateFormat(language, 'dateTime')
  const unread = notices.filter((n) => n.unread).length
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t('notifications.title')}</h1>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="min-h-11 rounded-lg px-3 text-sm font-medium text-emerald-800 underline">
              {t('notices.markRead')}
            </button>
          </Form>
        ) : null}
      </div>
      <p className="text-stone-600">{t('notices.unread', { count: unread })}</p>
      {notices.length === 0 ? (
        <p className="rounded-2xl border border-stone-200 bg-white p-4 text-stone-600">{t('notifications.empty')}</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="notices">
          {notices.map((notice) => (
            <li key={notice.id} className={`flex flex-col gap-1 rounded-xl border p-3 ${notice.unread ? 'border-emerald-300 bg-emerald-50' : 'border-stone-200 bg-white'}`}>
              <p className="text-xs font-semibold text-stone-600">{t(`notifications.groups.${groupOfKind(notice.kind)}`)}</p>
              <Link to={linkOf(notice.kind, notice.data)} className="inline-flex min-h-11 items-center font-medium underline-offset-2 hover:underline" dir="auto">
                {t(`notices.${notice.kind}`, notice.data as Record<string, string>)}
              </Link>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <time className="text-xs text-stone-500" dateTime={notice.createdAt}>
                  {dateFormat.format(new Date(notice.createdAt))}
                </time>
                {notice.unread ? (
                  <Form method="post">
                    <input type="hidden" name="noticeId" value={notice.id} />
                    <button type="submit" name="intent" value="read" className="min-h-11 rounded-lg px-3 text-sm text-emerald-800 underline">
                      {t('notifications.markOneRead')}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}

      <section className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="prefs-heading">
        <h2 id="prefs-heading" className="text-lg font-semibold">
          {t('notifications.preferences')}
        </h2>
        <p className="text-sm text-stone-600">{t('notifications.preferencesHelp')}</p>
        <Form method="post" className="flex flex-col gap-4">
          {NOTICE_GROUPS.map((group) => (
            <fieldset key={group} className="flex flex-col gap-1">
              <legend className="font-medium">{t(`notifications.groups.${group}`)}</legend>
              <div className="flex flex-wrap gap-2">
                {NOTICE_CHANNELS.map((channel) => (
                  <label key={channel} className="flex min-h-11 items-center gap-2 rounded-full border border-stone-300 px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-emerald-50">
                    <input type="radio" name={group} value={channel} defaultChecked={preferences[group] === channel} className="size-5" />
                    {t(`notifications.channels.${channel}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          {hasPhone ? null : <p className="text-xs text-stone-600">{t('notifications.noPhone')}</p>}
          <button type="submit" name="intent" value="preferences" className="min-h-12 self-start rounded-xl bg-emerald-700 px-5 font-semibold text-white">
            {t('notifications.save')}
          </button>
        </Form>
      </section>
    </div>
  )
}
