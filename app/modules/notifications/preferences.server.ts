import { and, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { notificationPreferences, users } from '#db/schema'
import { queueSms } from '~/modules/sms/sms.server'
import { isLanguage, type Language } from '~/utils/i18n'
import { i18nServer } from '~/utils/i18n.server'
import { addNotice, type NoticeData } from './notices.server'
import { NOTICE_CHANNELS, NOTICE_GROUPS, type NoticeChannel, type NoticeGroup } from './kinds'

// The notifications centre (issue 21, decision 027): every notice is listed on the site; each
// person chooses, per group of notices, whether it also comes by email (the default), by SMS, or
// stays on the site only. One table of choices, read in the sender's transaction.

export { NOTICE_CHANNELS, NOTICE_GROUPS, groupOfKind, type NoticeChannel, type NoticeGroup } from './kinds'

export class InvalidPreferenceError extends Error {}

export async function getPreferences(db: DbOrTx, userId: string): Promise<Record<NoticeGroup, NoticeChannel>> {
  const rows = await db.select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId))
  const prefs = Object.fromEntries(NOTICE_GROUPS.map((g) => [g, 'email'])) as Record<NoticeGroup, NoticeChannel>
  for (const row of rows) if ((NOTICE_GROUPS as readonly string[]).includes(row.kind)) prefs[row.kind as NoticeGroup] = row.channel as NoticeChannel
  return prefs
}

/** Saves the person's choices (only the groups and channels offered: anything else changes nothing). */
export async function setPreferences(db: DbOrTx, userId: string, choices: Partial<Record<string, string>>) {
  const rows = Object.entries(choices).map(([kind, channel]) => ({ kind, channel }))
  if (rows.some((r) => !(NOTICE_GROUPS as readonly string[]).includes(r.kind) || !(NOTICE_CHANNELS as readonly string[]).includes(r.channel ?? ''))) {
    throw new InvalidPreferenceError()
  }
  if (!rows.length) return
  await db
    .insert(notificationPreferences)
    .values(rows.map((r) => ({ userId, kind: r.kind, channel: r.channel! })))
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel: sql`excluded.channel`, updatedAt: sql`now()` } })
}

type Recipient = { email: string | null; phone: string | null; locale: string; channel: NoticeChannel }

async function recipient(tx: DbOrTx, userId: string, group: NoticeGroup): Promise<Recipient | null> {
  const [row] = await tx
    .select({ email: users.email, phone: users.phone, locale: users.locale, channel: notificationPreferences.channel })
    .from(users)
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, group)))
    .where(eq(users.id, userId))
  if (!row) return null
  return { email: row.email, phone: row.phone, locale: row.locale, channel: (row.channel as NoticeChannel | null) ?? 'email' }
}

/**
 * Tells a person something, in the caller's transaction: always an in-app notice (the centre);
 * then, by the person's choice for the notice's group, the email (`sendEmail`, the caller's own
 * template) or a short SMS with the notice's text in the person's language. An account without an
 * email gets the SMS, one without a phone the email. Returns the channel used beyond the site.
 */
export async function notify(
  tx: DbOrTx,
  { userId, group, kind, data = {}, sendEmail }: { userId: string; group: NoticeGroup; kind: string; data?: NoticeData; sendEmail?: (to: string) => Promise<unknown> }
): Promise<NoticeChannel> {
  await addNotice(tx, userId, kind, data)
  const who = await recipient(tx, userId, group)
  if (!who || who.channel === 'site') return 'site'
  const wantsSms = who.channel === 'sms' || !who.email
  if (wantsSms && who.phone && /^\+\d{8,15}$/.test(who.phone)) {
    const language: Language = isLanguage(who.locale) ? who.locale : 'ar'
    const t = await i18nServer.getFixedT(language)
    await queueSms(tx, { to: who.phone, kind: `notice_${kind}`, body: `${t('brand.name')}: ${t(`notices.${kind}`, data as Record<string, string>)}` })
    return 'sms'
  }
  if (who.email && sendEmail) {
    await sendEmail(who.email)
    return 'email'
  }
  return 'site'
}
