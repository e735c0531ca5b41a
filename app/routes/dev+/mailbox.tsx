import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { PhoneSchema } from '~/modules/accounts/schemas'
import { listRecentEmails } from '~/modules/notifications/outbox.server'
import { listRecentSms } from '~/modules/sms/sms.server'
import { getDb } from '~/utils/db.server'
import { getEnv, isDevMailboxOn } from '~/utils/env.server'
import { algeriaDateFormat } from '~/utils/dates'
import { getLanguage } from '~/utils/i18n.server'
import { emailTranslator } from '../../../emails/i18n'

// Development and browser-test page: shows what the outbox holds, since without SMTP_URL nothing
// leaves. The production build serves it only when DEV_MAILBOX=true (the Playwright run).

export const meta: MetaFunction = () => [{ title: 'Mailbox · Taswiq' }, { name: 'robots', content: 'noindex' }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const env = getEnv()
  if (!isDevMailboxOn(env)) {
    throw new Response('Not found', { status: 404 })
  }
  const language = await getLanguage(request)
  const to = new URL(request.url).searchParams.get('to')?.trim().slice(0, 320) || null
  // A phone number (0661…, +213661…) filters the texts; anything else the emails.
  const phone = to ? PhoneSchema.safeParse(to) : null
  const db = await getDb()
  const rows = phone?.success ? [] : await listRecentEmails(db, { limit: 50, to: to ?? undefined })
  const texts = (await listRecentSms(db, { limit: 50, to: phone?.success ? phone.data : undefined })).filter(() => !to || phone?.success)
  const sms = texts.map((row) => ({
    id: row.id,
    kind: row.kind,
    to: row.toNumber,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    status: row.sentAt ? ('sent' as const) : row.failedAt ? ('failed' as const) : ('pending' as const),
  }))
  const emails = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    to: row.to,
    subject: row.subject,
    html: row.html,
    text: row.text,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    status: row.sentAt ? ('sent' as const) : row.failedAt ? ('failed' as const) : ('pending' as const),
  }))
  return { language, to, emails, sms, smtpConfigured: Boolean(env.SMTP_URL) }
}

const statusStyles = {
  sent: 'bg-green-100 text-green-800',
  failed: 'bg-red-100 text-red-800',
  pending: 'bg-amber-100 text-amber-800',
} as const
const statusKeys = { sent: 'mailbox.statusSent', failed: 'mailbox.statusFailed', pending: 'mailbox.statusPending' } as const

export default function MailboxPage() {
  const { language, to, emails, sms, smtpConfigured } = useLoaderData<typeof loader>()
  const t = emailTranslator(language)
  // A fixed time zone: the server and the browser must print the same thing.
  const formatDate = algeriaDateFormat(language, 'dateTimeSeconds')
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-bold">{t('mailbox.title')}</h1>
        <p className="text-sm text-stone-600">{t('mailbox.intro')}</p>
        {smtpConfigured ? null : <p className="text-sm text-amber-800">{t('mailbox.smtpUnset')}</p>}
      </div>

      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-stone-800">
          {t('mailbox.filterLabel')}
          <input
            type="text"
            name="to"
            defaultValue={to ?? ''}
            dir="ltr"
            className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base"
          />
        </label>
        <button type="submit" className="min-h-11 rounded-lg bg-brand-700 px-4 font-medium text-white">
          {t('mailbox.filterSubmit')}
        </button>
        {to ? (
          <Link to="/dev/mailbox" className="flex min-h-11 items-center px-2 text-sm underline">
            {t('mailbox.filterClear')}
          </Link>
        ) : null}
      </Form>

      {sms.length > 0 ? (
        <section aria-labelledby="sms-heading" className="flex flex-col gap-3">
          {/* Texts (SMS) queued by the app; with the local sender they never leave (decision 016). */}
          <h2 id="sms-heading" className="text-lg font-semibold">
            SMS
          </h2>
          <ol className="flex flex-col gap-3">
            {sms.map((text) => (
              <li key={text.id}>
                <article data-testid="sms" data-kind={text.kind} data-to={text.to} className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm">
                  <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-stone-700">
                    <span dir="ltr" data-testid="sms-to">
                      {text.to}
                    </span>
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyles[text.status]}`}>{t(statusKeys[text.status])}</span>
                  </div>
                  <p data-testid="sms-body" dir="auto" className="rounded-lg bg-stone-100 p-3 text-sm break-words">
                    {text.body}
                  </p>
                  <time dateTime={text.createdAt} className="text-xs text-stone-500">
                    {formatDate.format(new Date(text.createdAt))} · <span dir="ltr">{text.kind}</span>
                  </time>
                </article>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {emails.length === 0 && sms.length === 0 ? <p className="rounded-2xl bg-white p-6 text-center text-stone-600">{t('mailbox.empty')}</p> : null}

      <ol className="flex flex-col gap-3">
        {emails.map((email) => (
          <li key={email.id}>
            <article
              data-testid="email"
              data-kind={email.kind}
              data-to={email.to}
              className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 data-testid="email-subject" dir="auto" className="min-w-0 font-semibold break-words">
                  {email.subject}
                </h2>
                <span data-testid="email-status" className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyles[email.status]}`}>
                  {t(statusKeys[email.status])}
                </span>
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-stone-700">
                <dt className="text-stone-500">{t('mailbox.to')}</dt>
                <dd data-testid="email-to" dir="ltr" className="min-w-0 break-all text-start">
                  {email.to}
                </dd>
                <dt className="text-stone-500">{t('mailbox.kind')}</dt>
                <dd dir="ltr" className="text-start">
                  {email.kind}
                </dd>
                <dt className="text-stone-500">{t('mailbox.created')}</dt>
                <dd>
                  <time dateTime={email.createdAt}>{formatDate.format(new Date(email.createdAt))}</time>
                </dd>
                {email.attempts > 0 ? (
                  <>
                    <dt className="text-stone-500">{t('mailbox.attempts')}</dt>
                    <dd>{email.attempts}</dd>
                  </>
                ) : null}
                {email.lastError && email.status !== 'sent' ? (
                  <>
                    <dt className="text-stone-500">{t('mailbox.lastError')}</dt>
                    <dd dir="ltr" className="min-w-0 break-words text-start text-red-700">
                      {email.lastError}
                    </dd>
                  </>
                ) : null}
              </dl>
              <h3 className="sr-only">{t('mailbox.text')}</h3>
              <pre
                data-testid="email-text"
                dir="auto"
                className="max-h-80 overflow-auto rounded-lg bg-stone-100 p-3 text-sm whitespace-pre-wrap break-words"
              >
                {email.text}
              </pre>
              <details>
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-700">{t('mailbox.showHtml')}</summary>
                {/* An empty sandbox: the email's HTML runs no script and cannot reach this page. */}
                <iframe
                  sandbox=""
                  srcDoc={email.html}
                  title={email.subject}
                  loading="lazy"
                  className="h-[36rem] w-full rounded-lg border border-stone-200 bg-white"
                />
              </details>
            </article>
          </li>
        ))}
      </ol>
    </div>
  )
}
