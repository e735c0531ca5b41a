import { useTranslation } from '~/utils/translate'
import { formatAlgeriaDay } from '~/utils/dates'
import type { Language } from '~/utils/i18n'

/**
 * A made-to-order line's ready date, as the buyer reads it before confirming (cart, checkout
 * review): said plainly, or, when the producer's weeks are full, as the later date it is.
 */
export function ReadyDateNote({ readyOn, earliest, language }: { readyOn: string | null; earliest: string | null; language: Language }) {
  const { t } = useTranslation()
  if (!readyOn) return null
  const date = formatAlgeriaDay(readyOn, language)
  if (earliest && readyOn > earliest)
    return (
      <p className="rounded-lg bg-amber-50 px-2 py-1 text-sm font-medium text-amber-900" data-testid="ready-later" role="note">
        {t('cart.readyLater', { date, earliest: formatAlgeriaDay(earliest, language) })}
      </p>
    )
  return (
    <p className="text-sm text-stone-700" data-testid="ready-on">
      {t('cart.readyOn', { date })}
    </p>
  )
}
