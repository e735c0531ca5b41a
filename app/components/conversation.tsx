import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_PHOTOS, POLL_INTERVAL_MS } from '~/modules/messages/limits'
import type { ThreadMessage } from '~/modules/messages/thread'
import { useTranslation } from '~/utils/translate'
import { useLanguage } from '~/utils/use-language'
import { formatAlgeriaDate } from '~/utils/dates'
import { FormAlert } from './ui/form'

/**
 * A conversation's messages, the reply form and the report form. Without JavaScript it is plain
 * forms and a page that shows new messages when reloaded; with it, new messages are fetched every
 * few seconds from the polling route (`pollUrl`) while the tab is visible — no library, a few
 * hundred bytes.
 */
export function Conversation({
  messages,
  pollUrl,
  error,
  masking,
  reported,
  quickReplies = [],
  otherName,
}: {
  messages: ThreadMessage[]
  pollUrl: string
  error?: string | null
  masking: boolean
  reported: boolean
  quickReplies?: { id: string; body: string }[]
  otherName: string
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const navigation = useNavigation()
  const [polled, setPolled] = useState<ThreadMessage[]>([])
  const known = new Set(messages.map((m) => m.id))
  const all = [...messages, ...polled.filter((m) => !known.has(m.id))]
  const last = all.at(-1)?.at ?? ''

  useEffect(() => {
    let stopped = false
    const tick = async () => {
      if (document.visibilityState !== 'visible') return
      try {
        const response = await fetch(`${pollUrl}?${new URLSearchParams({ after: last })}`, { headers: { Accept: 'application/json' } })
        if (!response.ok || stopped) return
        const { messages: fresh } = (await response.json()) as { messages: ThreadMessage[] }
        if (fresh.length) setPolled((current) => [...current, ...fresh.filter((m) => !current.some((c) => c.id === m.id))])
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }
    const timer = setInterval(tick, POLL_INTERVAL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [pollUrl, last])

  const sending = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'send'
  return (
    <div className="flex flex-col gap-4">
      {masking ? <p className="rounded-xl bg-stone-100 px-3 py-2 text-sm text-stone-700">{t('messaging.maskingNotice')}</p> : null}
      <ol aria-live="polite" aria-label={t('messaging.thread', { name: otherName })} className="flex flex-col gap-2" data-testid="thread">
        {all.length === 0 ? <li className="text-sm text-stone-600">{t('messaging.empty')}</li> : null}
        {all.map((m) => (
          <li
            key={m.id}
            className={`flex max-w-[85%] flex-col gap-1 rounded-2xl px-3 py-2 ${m.mine ? 'self-end bg-brand-600 text-white' : 'self-start border border-stone-200 bg-white text-stone-900'}`}
          >
            <span className="sr-only">{m.mine ? t('messaging.you') : otherName}:</span>
            {m.body ? (
              <p dir="auto" className="whitespace-pre-line break-words text-start">
                {m.body}
              </p>
            ) : null}
            {m.images.length ? (
              <div className="flex flex-wrap gap-1">
                {m.images.map((image, index) => (
                  <a key={image.src} href={image.src} target="_blank" rel="noreferrer" className="block size-24 overflow-hidden rounded-xl">
                    <img src={image.src} srcSet={image.srcSet} sizes="96px" width={96} height={96} loading="lazy" alt={t('messaging.photo', { n: index + 1 })} className="size-full object-cover" />
                  </a>
                ))}
              </div>
            ) : null}
            <time dateTime={m.at} className={`text-xs ${m.mine ? 'text-brand-50' : 'text-stone-500'}`}>
              {formatAlgeriaDate(m.at, language)}
              {m.masked ? ` · ${t('messaging.maskedTag')}` : ''}
            </time>
          </li>
        ))}
      </ol>
      <FormAlert message={error} />
      {quickReplies.length ? (
        <section aria-labelledby="quick-replies-heading" className="flex flex-col gap-1">
          <h2 id="quick-replies-heading" className="text-sm font-medium text-stone-700">
            {t('messaging.quickReplies')}
          </h2>
          <div className="flex flex-wrap gap-2">
            {quickReplies.map((reply) => (
              <Form key={reply.id} method="post" encType="multipart/form-data" preventScrollReset>
                <input type="hidden" name="intent" value="send" />
                <input type="hidden" name="quickReplyId" value={reply.id} />
                <button type="submit" dir="auto" className="min-h-11 max-w-64 truncate rounded-full border border-brand-600 px-3 text-sm text-brand-700 hover:bg-brand-50">
                  {reply.body}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}
      <Form key={messages.length} method="post" encType="multipart/form-data" preventScrollReset className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-3">
        <input type="hidden" name="intent" value="send" />
        <label htmlFor="message-body" className="text-sm font-medium">
          {t('messaging.yourMessage')}
        </label>
        <textarea id="message-body" name="body" rows={3} maxLength={MAX_MESSAGE_LENGTH} dir="auto" className="w-full rounded-xl border border-stone-300 px-3 py-2 text-base" />
        <label htmlFor="message-photos" className="text-sm text-stone-700">
          {t('messaging.photos', { count: MAX_MESSAGE_PHOTOS })}
        </label>
        <input id="message-photos" name="photos" type="file" accept="image/*" multiple className="min-h-11 text-sm" />
        <button type="submit" disabled={sending} className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {t('messaging.send')}
        </button>
      </Form>
      {reported ? (
        <p className="text-sm text-stone-600">{t('messaging.reportedNotice')}</p>
      ) : (
        <details className="rounded-xl border border-stone-200 bg-white p-3">
          <summary className="min-h-11 cursor-pointer content-center text-sm text-stone-700">{t('messaging.report')}</summary>
          <Form method="post" encType="multipart/form-data" className="mt-2 flex flex-col gap-2">
            <input type="hidden" name="intent" value="report" />
            <label htmlFor="report-note" className="text-sm">
              {t('messaging.reportNote')}
            </label>
            <textarea id="report-note" name="note" rows={2} maxLength={1000} dir="auto" className="rounded-xl border border-stone-300 px-3 py-2 text-base" />
            <button type="submit" className="min-h-11 self-start rounded-full border border-clay-600 px-4 text-sm font-medium text-clay-600">
              {t('messaging.reportSend')}
            </button>
          </Form>
        </details>
      )}
    </div>
  )
}
