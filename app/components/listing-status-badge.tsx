import { useTranslation } from '~/utils/translate'

const statusColours: Record<string, string> = {
  pending_review: 'bg-amber-100 text-amber-900',
  active: 'bg-brand-100 text-brand-800',
  rejected: 'bg-red-100 text-red-800',
  archived: 'bg-stone-200 text-stone-700',
  draft: 'bg-stone-200 text-stone-700',
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-1 text-xs font-medium ${statusColours[status] ?? ''}`}>
      {t(`listings.status.${status}`)}
    </span>
  )
}
