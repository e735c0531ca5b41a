import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { QueryBuilder } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '#db/client'
import { notices } from '#db/schema'

// In-app notices ("your shop was approved"). Only a kind and its values are stored: the page
// renders the text from the locale key `notices.<kind>` with `data` as interpolation values, so a
// notice reads in whatever language the reader chooses later.

/** Values a notice's text may interpolate: plain data, never markup. */
export type NoticeData = Record<string, string | number | null>

export type Notice = { id: string; kind: string; data: NoticeData; readAt: Date | null; createdAt: Date }

/** Adds a notice in the caller's transaction, so it exists only if the change it reports commits. */
export async function addNotice(tx: DbOrTx, userId: string, kind: string, data: NoticeData = {}) {
  const [row] = await tx.insert(notices).values({ userId, kind, data }).returning({ id: notices.id })
  if (!row) throw new Error('notice insert returned no row')
  return row.id
}

/** The user's latest notices, newest first. */
export async function listNotices(db: DbOrTx, userId: string, { limit = 20 }: { limit?: number } = {}): Promise<Notice[]> {
  const rows = await db
    .select({ id: notices.id, kind: notices.kind, data: notices.data, readAt: notices.readAt, createdAt: notices.createdAt })
    .from(notices)
    .where(eq(notices.userId, userId))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(Math.max(1, Math.min(limit, 200)))
  return rows.map((row) => ({ ...row, data: (row.data ?? {}) as NoticeData }))
}

export async function countUnreadNotices(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notices)
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)))
  return row?.n ?? 0
}

/** `countUnreadNotices` as one SQL value (a scalar subquery), for a statement that reads several counts at once. */
export function unreadNoticesSql(userId: string): SQL<number> {
  return sql<number>`(${new QueryBuilder()
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)))})`
}

/** Marks every unread notice of the user as read; returns how many were. */
export async function markNoticesRead(db: DbOrTx, userId: string, now = new Date()) {
  const rows = await db
    .update(notices)
    .set({ readAt: now })
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)))
    .returning({ id: notices.id })
  return rows.length
}

/** Marks one of the user's own notices read; another person's notice id changes nothing (false). */
export async function markNoticeRead(db: DbOrTx, userId: string, noticeId: string, now = new Date()) {
  const rows = await db
    .update(notices)
    .set({ readAt: now })
    .where(and(eq(notices.id, noticeId), eq(notices.userId, userId), isNull(notices.readAt)))
    .returning({ id: notices.id })
  return rows.length === 1
}
