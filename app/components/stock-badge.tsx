import { useTranslation } from '~/utils/translate'
import { stockStatus } from '~/modules/catalog/stock'

export function StockBadge({ stock, className = '' }: { stock: number; className?: string }) {
  const { t } = useTranslation()
  const status = stockStatus(stock)
  const colours = {
    outOfStock: 'bg-stone-200 text-stone-700',
    lowStock: 'bg-amber-100 text-amber-900',
    inStock: 'bg-brand-100 text-brand-800',
  }[status]
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-1 text-xs font-medium ${colours} ${className}`}>
      {t(`product.stock.${status}`, { count: stock })}
    </span>
  )
}
