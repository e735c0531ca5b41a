import { useEffect, useState } from 'react'
import { useTranslation } from '~/utils/translate'

/**
 * Share a product or a shop. Plain links to WhatsApp and Facebook and the link itself to copy work
 * everywhere, without JavaScript; where the browser has a share sheet (Web Share API, most phones)
 * a "Share" button opens it, and "Copy the link" copies in one tap.
 */
export function ShareButtons({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation()
  const [canShare, setCanShare] = useState(false)
  const [canCopy, setCanCopy] = useState(false)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    setCanShare(typeof navigator.share === 'function')
    setCanCopy(Boolean(navigator.clipboard))
  }, [])
  const link = 'inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 text-sm font-medium text-stone-800 hover:bg-stone-100'
  return (
    <section aria-label={t('share.title')} className="flex flex-wrap items-center gap-2" data-testid="share">
      {canShare ? (
        <button type="button" className={`${link} border-brand-600 text-brand-700`} onClick={() => navigator.share({ title, url }).catch(() => undefined)}>
          {t('share.native')}
        </button>
      ) : null}
      <a className={link} href={`https://wa.me/?${new URLSearchParams({ text: `${title} ${url}` })}`} target="_blank" rel="noopener noreferrer">
        {t('share.whatsapp')}
      </a>
      <a className={link} href={`https://www.facebook.com/sharer/sharer.php?${new URLSearchParams({ u: url })}`} target="_blank" rel="noopener noreferrer">
        {t('share.facebook')}
      </a>
      {canCopy ? (
        <button
          type="button"
          className={link}
          onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true), () => undefined)}
          aria-live="polite"
        >
          {copied ? t('share.copied') : t('share.copy')}
        </button>
      ) : (
        <label className="flex min-w-0 flex-1 flex-col text-xs text-stone-600">
          {t('share.link')}
          <input readOnly value={url} dir="ltr" className="min-h-11 rounded-xl border border-stone-300 px-2 text-sm" />
        </label>
      )}
    </section>
  )
}
