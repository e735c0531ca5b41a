import { useTranslation } from '~/utils/translate'

/** A rating as five stars, with its value for screen readers. */
export function Stars({ rating, className = '' }: { rating: number; className?: string }) {
  const { t } = useTranslation()
  const full = Math.round(rating)
  return (
    <span className={`inline-flex text-amber-500 ${className}`} role="img" aria-label={t('reviews.ratingLabel', { rating })}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} aria-hidden="true">
          {n <= full ? '★' : '☆'}
        </span>
      ))}
    </span>
  )
}
