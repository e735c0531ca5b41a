// Client-safe: pages list the statuses for their filters.
export const ORDER_STATUSES = ['awaiting_payment', 'pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'returned'] as const
export type OrderStatusName = (typeof ORDER_STATUSES)[number]
export const isOrderStatus = (value: unknown): value is OrderStatusName => ORDER_STATUSES.includes(value as OrderStatusName)
