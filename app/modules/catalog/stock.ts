/** At or below this many units a product is shown as "only a few left". */
export const LOW_STOCK_THRESHOLD = 3

export function stockStatus(stock: number) {
  if (stock <= 0) return 'outOfStock' as const
  if (stock <= LOW_STOCK_THRESHOLD) return 'lowStock' as const
  return 'inStock' as const
}
