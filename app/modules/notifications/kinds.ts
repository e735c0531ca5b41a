// Groups of notices a person chooses a channel for, and the channels (shared with the page).
export const NOTICE_GROUPS = ['orders', 'messages', 'favourites', 'decisions'] as const
export type NoticeGroup = (typeof NOTICE_GROUPS)[number]
export const NOTICE_CHANNELS = ['email', 'sms', 'site'] as const
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number]

/** The group a notice kind belongs to (`order_shipped` → orders; shop, listing and payout decisions → decisions). */
export function groupOfKind(kind: string): NoticeGroup {
  if (kind.startsWith('order_')) return 'orders'
  if (kind.startsWith('message_')) return 'messages'
  if (kind.startsWith('favourite_')) return 'favourites'
  return 'decisions'
}
