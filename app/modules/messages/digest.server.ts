import { sql } from 'drizzle-orm'
import type { Db } from '#db/client'
import { enqueueEmail } from '~/modules/notifications/email.server'
import { notify } from '~/modules/notifications/preferences.server'
import { rowsOf } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'

/** Unread messages younger than this wait for the next run: someone on the site reads them there, no email needed. */
export const DIGEST_DELAY_MS = 15 * 60_000

type DueRow = {
  conversation_id: string
  recipient_id: string
  side: 'buyer' | 'shop'
  email: string
  name: string
  locale: Language
  other_name: string
  unread: number
}

/**
 * The digest job: one email per person who has unread messages not yet told (older than
 * `DIGEST_DELAY_MS`), listing each conversation with its count — never one email per message.
 * The rows are locked (`SKIP LOCKED`, so two servers never send the same digest), the emails are
 * queued in the outbox and the conversations' digest markers moved in one transaction. Returns
 * how many emails were queued; the caller kicks the outbox.
 */
export async function queueMessageDigests(db: Db, { siteUrl, now = new Date() }: { siteUrl: string; now?: Date }) {
  const before = new Date(now.getTime() - DIGEST_DELAY_MS).toISOString()
  return db.transaction(async (tx) => {
    const rows = await rowsOf<DueRow>(
      tx,
      sql`
      with due as (
        select c.id, c.buyer_id, c.shop_id, s.owner_id, s.name as shop_name, b.name as buyer_name,
          (select count(*)::int from messages m where m.conversation_id = c.id and m.from_shop
             and m.created_at > greatest(c.buyer_read_at, c.buyer_digested_at) and m.created_at <= ${before}::timestamptz) as buyer_unread,
          (select count(*)::int from messages m where m.conversation_id = c.id and not m.from_shop
             and m.created_at > greatest(c.shop_read_at, c.shop_digested_at) and m.created_at <= ${before}::timestamptz) as shop_unread
        from conversations c
        join shops s on s.id = c.shop_id
        join users b on b.id = c.buyer_id
        where c.last_message_at > least(c.buyer_digested_at, c.shop_digested_at)
        for update of c skip locked
      )
      select d.id as conversation_id, d.buyer_id as recipient_id, 'buyer' as side, u.email, u.name, u.locale, d.shop_name as other_name, d.buyer_unread as unread
        from due d join users u on u.id = d.buyer_id where d.buyer_unread > 0 and u.disabled_at is null
      union all
      select d.id, d.owner_id, 'shop', u.email, u.name, u.locale, split_part(d.buyer_name, ' ', 1), d.shop_unread
        from due d join users u on u.id = d.owner_id where d.shop_unread > 0 and u.disabled_at is null`,
    )
    const byRecipient = new Map<string, DueRow[]>()
    for (const row of rows) byRecipient.set(row.recipient_id, [...(byRecipient.get(row.recipient_id) ?? []), row])
    for (const list of byRecipient.values()) {
      const first = list[0]!
      const total = list.reduce((sum, row) => sum + Number(row.unread), 0)
      // One notice per digest in the centre, and the email (or SMS, or nothing more) the person chose.
      await notify(tx, {
        userId: first.recipient_id,
        group: 'messages',
        kind: 'message_unread',
        data: { count: total },
        sendEmail: (to) =>
          enqueueEmail(tx, {
            to,
            kind: 'message_digest',
            language: first.locale,
            data: {
              name: first.name.split(/\s+/)[0] ?? first.name,
              total,
              conversations: list.map((row) => ({
                otherName: row.other_name,
                unread: Number(row.unread),
                url: `${siteUrl}${row.side === 'shop' ? '/dashboard/messages' : '/account/messages'}/${row.conversation_id}`,
              })),
            },
          }),
      })
    }
    const buyerIds = rows.filter((r) => r.side === 'buyer').map((r) => r.conversation_id)
    const shopIds = rows.filter((r) => r.side === 'shop').map((r) => r.conversation_id)
    if (buyerIds.length) await tx.execute(sql`update conversations set buyer_digested_at = ${before}::timestamptz where id in ${sql`(${sql.join(buyerIds.map((id) => sql`${id}`), sql`, `)})`}`)
    if (shopIds.length) await tx.execute(sql`update conversations set shop_digested_at = ${before}::timestamptz where id in ${sql`(${sql.join(shopIds.map((id) => sql`${id}`), sql`, `)})`}`)
    return byRecipient.size
  })
}
