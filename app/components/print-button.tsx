import { useEffect, useState } from 'react'
import { useTranslation } from '~/utils/translate'

/** Shown once JavaScript runs (printing needs it); without it, the browser's own Print works on the same page. */
export function PrintButton() {
  const { t } = useTranslation()
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return <p className="text-sm text-stone-600 print:hidden">{t('orders.printHint')}</p>
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="min-h-11 self-end rounded-full border border-stone-300 bg-white px-5 font-medium hover:bg-stone-50 print:hidden"
    >
      {t('orders.print')}
    </button>
  )
}
