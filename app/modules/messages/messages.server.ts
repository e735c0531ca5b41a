import { and, asc, count, desc, eq, gt, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm'
import { QueryBuilder } from 'drizzle-orm/pg-core'
import { createId } from '@paralleldrive/cuid2'
import type { DbOrTx } from '#db/client'
import { conversations, messages, messagingBlocks, orders, products, quickReplies, shops, users, type MessageImage } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { isStaff } from '~/modules/accounts/roles'
import { MediaError, removeImage, storeImage } from '~/modules/media/images.server'
import type { UploadedFile } from '~/modules/media/multipart.server'
import type { MediaStorage } from '~/modules/media/storage.server'
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_PHOTOS, MAX_QUICK_REPLIES, MAX_QUICK_REPLY_LENGTH } from './limits'
import { maskContacts } from './mask'

// Messages between a buyer and a shop (issue 21, decision 020). One conversation per buyer × shop;
// each side reads and writes only its own conversations (the queries below carry the user);
// moderators read a conversation only once a side reported it, and each reading is audited.

export class ConversationNotFoundError extends Error {}
export class MessagingBlockedError extends Error {}
export class EmptyMessageError extends Error {}
export class TooManyMessagePhotosError extends Error {}
export class CannotMessageOwnShopError extends Error {}
export class NotReportedError extends Error {}
export class QuickReplyLimitError extends Error {}

export type Side = 'buyer' | 'shop'
export type Actor = { id: string; role: string }

/** The user's side in a conversation, or null when it is not theirs. */
async function sideOf(db: DbOrTx, conversationId: string, userId: string) {
  const [row] = await db
    .select({ id: conversations.id, buyerId: conversations.buyerId, shopId: conversations.shopId, ownerId: shops.ownerId })
    .from(conversations)
    .innerJoin(shops, eq(shops.id, conversations.shopId))
    .where(eq(conversations.id, conversationId))
    .limit(1)
  if (!row) return null
  const side: Side | null = row.buyerId === userId ? 'buyer' : row.ownerId === userId ? 'shop' : null
  return side ? { ...row, side } : null
}

export async function isBlocked(db: DbOrTx, userId: string) {
  const [row] = await db.select({ userId: messagingBlocks.userId }).from(messagingBlocks).where(eq(messagingBlocks.userId, userId)).limit(1)
  return Boolean(row)
}

/** Whether an order (placed, whatever became of it) links the buyer and the shop: then contact details are theirs to share. */
export async function ordersLink(db: DbOrTx, buyerId: string, shopId: string) {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), eq(orders.shopId, shopId), ne(orders.status, 'awaiting_payment')))
    .limit(1)
  return Boolean(row)
}

/**
 * The buyer's conversation with a shop, created on first use (the unique index settles two tabs
 * at once). `productId`/`orderId` say what it is about; they must belong to the shop (and the
 * order to the buyer), else they are ignored.
 */
export async function openConversation(
  db: DbOrTx,
  { buyerId, shopId, productId, orderId }: { buyerId: string; shopId: string; productId?: string | null; orderId?: string | null },
) {
  const [shop] = await db.select({ ownerId: shops.ownerId, status: shops.status }).from(shops).where(eq(shops.id, shopId)).limit(1)
  if (!shop || shop.status !== 'approved') throw new ConversationNotFoundError()
  if (shop.ownerId === buyerId) throw new CannotMessageOwnShopError()
  const about: { productId: string | null; orderId: string | null } = { productId: null, orderId: null }
  if (productId) {
    const [p] = await db.select({ id: products.id }).from(products).where(and(eq(products.id, productId), eq(products.shopId, shopId))).limit(1)
    if (p) about.productId = p.id
  }
  if (orderId) {
    const [o] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.shopId, shopId), eq(orders.buyerId, buyerId)))
      .limit(1)
    if (o) about.orderId = o.id
  }
  const [created] = await db
    .insert(conversations)
    .values({ buyerId, shopId, ...about })
    .onConflictDoNothing({ target: [conversations.buyerId, conversations.shopId] })
    .returning({ id: conversations.id })
  if (created) return created.id
  const [existing] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.buyerId, buyerId), eq(conversations.shopId, shopId)))
    .limit(1)
  if (!existing) throw new ConversationNotFoundError()
  // A new question about another product (or an order) moves the conversation's subject to it.
  if (about.productId || about.orderId) {
    await db
      .update(conversations)
      .set({ ...(about.productId ? { productId: about.productId } : {}), ...(about.orderId ? { orderId: about.orderId } : {}) })
      .where(eq(conversations.id, existing.id))
  }
  return existing.id
}

/**
 * Sends a message from `senderId` (either side). Photos go through the media pipeline before the
 * transaction and are removed again if it fails. Before an order links the two sides, phone
 * numbers, emails and links are masked in the stored text. Returns the message id.
 */
export async function sendMessage(
  db: DbOrTx,
  storage: MediaStorage | null,
  { conversationId, senderId, body, photos = [] }: { conversationId: string; senderId: string; body: string; photos?: UploadedFile[] },
  now = new Date(),
) {
  const text = body.trim()
  if (!text && photos.length === 0) throw new EmptyMessageError()
  if (text.length > MAX_MESSAGE_LENGTH) throw new EmptyMessageError()
  if (photos.length > MAX_MESSAGE_PHOTOS) throw new TooManyMessagePhotosError()
  const conversation = await sideOf(db, conversationId, senderId)
  if (!conversation) throw new ConversationNotFoundError()
  if (await isBlocked(db, senderId)) throw new MessagingBlockedError()
  const linked = await ordersLink(db, conversation.buyerId, conversation.shopId)
  const { text: stored, masked } = linked ? { text, masked: false } : maskContacts(text)

  const images: MessageImage[] = []
  if (photos.length) {
    if (!storage) throw new Error('photos need a media storage')
    try {
      for (const photo of photos) {
        try {
          images.push(await storeImage(storage, `messages/${conversationId}/${createId()}`, photo.bytes))
        } catch (error) {
          if (error instanceof MediaError) throw new MediaError(error.code, photo.name)
          throw error
        }
      }
    } catch (error) {
      await Promise.allSettled(images.map((image) => removeImage(storage, image.storageKey)))
      throw error
    }
  }
  try {
    return await db.transaction(async (tx) => {
      // Checked again under the transaction: a block given meanwhile wins.
      if (await isBlocked(tx, senderId)) throw new MessagingBlockedError()
      const [row] = await tx
        .insert(messages)
        .values({ conversationId, senderId, fromShop: conversation.side === 'shop', body: stored, masked, images, createdAt: now })
        .returning({ id: messages.id })
      // The sender has read everything up to their own message.
      await tx
        .update(conversations)
        .set({ lastMessageAt: now, ...(conversation.side === 'shop' ? { shopReadAt: now } : { buyerReadAt: now }) })
        .where(eq(conversations.id, conversationId))
      return row!.id
    })
  } catch (error) {
    if (storage) await Promise.allSettled(images.map((image) => removeImage(storage, image.storageKey)))
    throw error
  }
}

export type ConversationSummary = {
  id: string
  otherName: string
  productTitle: string | null
  lastMessageAt: Date
  unread: number
  lastBody: string | null
}

const unreadFor = (side: Side) =>
  side === 'buyer'
    ? sql<number>`(select count(*)::int from ${messages} m where m.conversation_id = ${conversations.id} and m.from_shop and m.created_at > ${conversations.buyerReadAt})`
    : sql<number>`(select count(*)::int from ${messages} m where m.conversation_id = ${conversations.id} and not m.from_shop and m.created_at > ${conversations.shopReadAt})`

const lastBody = sql<string | null>`(select m.body from ${messages} m where m.conversation_id = ${conversations.id} order by m.created_at desc, m.id desc limit 1)`

/** A buyer's conversations (newest first) or a shop's (its inbox), with unread counts. */
export async function listConversations(db: DbOrTx, who: { buyerId: string } | { shopId: string }, { limit = 50 } = {}): Promise<ConversationSummary[]> {
  const side: Side = 'buyerId' in who ? 'buyer' : 'shop'
  const rows = await db
    .select({
      id: conversations.id,
      shopName: shops.name,
      buyerName: users.name,
      productTitle: products.title,
      lastMessageAt: conversations.lastMessageAt,
      unread: unreadFor(side),
      lastBody,
    })
    .from(conversations)
    .innerJoin(shops, eq(shops.id, conversations.shopId))
    .innerJoin(users, eq(users.id, conversations.buyerId))
    .leftJoin(products, eq(products.id, conversations.productId))
    .where('buyerId' in who ? eq(conversations.buyerId, who.buyerId) : eq(conversations.shopId, who.shopId))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit)
  return rows
    .filter((row) => row.lastBody !== null)
    .map(({ shopName, buyerName, ...row }) => ({
      ...row,
      unread: Number(row.unread),
      // The producer sees the buyer's first name only; the buyer sees the shop.
      otherName: side === 'buyer' ? shopName : (buyerName.split(/\s+/)[0] ?? ''),
    }))
}

/** Unread messages across all of the user's conversations, as a buyer and as a shop owner (the header badge). */
function unreadMessagesCondition(userId: string) {
  return or(
    and(eq(conversations.buyerId, userId), eq(messages.fromShop, true), gt(messages.createdAt, conversations.buyerReadAt)),
    and(eq(shops.ownerId, userId), eq(messages.fromShop, false), gt(messages.createdAt, conversations.shopReadAt)),
  )
}

export async function countUnreadMessages(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(shops, eq(shops.id, conversations.shopId))
    .where(unreadMessagesCondition(userId))
  return Number(row?.n ?? 0)
}

/** `countUnreadMessages` as one SQL value (a scalar subquery), for a statement that reads several counts at once. */
export function unreadMessagesSql(userId: string): SQL<number> {
  const query = new QueryBuilder()
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(shops, eq(shops.id, conversations.shopId))
    .where(unreadMessagesCondition(userId))
  return sql<number>`(${query})`
}

export type ConversationMessage = { id: string; fromShop: boolean; body: string; masked: boolean; images: MessageImage[]; createdAt: Date }

async function readMessages(db: DbOrTx, conversationId: string, { after }: { after?: Date } = {}) {
  return db
    .select({ id: messages.id, fromShop: messages.fromShop, body: messages.body, masked: messages.masked, images: messages.images, createdAt: messages.createdAt })
    .from(messages)
    .where(after ? and(eq(messages.conversationId, conversationId), gt(messages.createdAt, after)) : eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(500)
}

async function conversationHeader(db: DbOrTx, conversationId: string) {
  const [row] = await db
    .select({
      id: conversations.id,
      shopId: conversations.shopId,
      shopName: shops.name,
      shopSlug: shops.slug,
      buyerName: users.name,
      productTitle: products.title,
      productSlug: products.slug,
      orderNumber: orders.number,
      reportedAt: conversations.reportedAt,
      reportNote: conversations.reportNote,
      buyerId: conversations.buyerId,
      ownerId: shops.ownerId,
    })
    .from(conversations)
    .innerJoin(shops, eq(shops.id, conversations.shopId))
    .innerJoin(users, eq(users.id, conversations.buyerId))
    .leftJoin(products, eq(products.id, conversations.productId))
    .leftJoin(orders, eq(orders.id, conversations.orderId))
    .where(eq(conversations.id, conversationId))
    .limit(1)
  return row ?? null
}

/**
 * A conversation as one of its sides sees it (and marks it read for that side). Anyone else —
 * staff included — gets ConversationNotFoundError: moderators read through `readReportedConversation`.
 */
export async function getConversation(db: DbOrTx, { conversationId, userId }: { conversationId: string; userId: string }, now = new Date()) {
  const access = await sideOf(db, conversationId, userId)
  if (!access) throw new ConversationNotFoundError()
  const [header, list] = await Promise.all([conversationHeader(db, conversationId), readMessages(db, conversationId)])
  if (!header) throw new ConversationNotFoundError()
  await markRead(db, conversationId, access.side, now)
  const linked = await ordersLink(db, header.buyerId, header.shopId)
  return {
    side: access.side,
    id: header.id,
    shopName: header.shopName,
    shopSlug: header.shopSlug,
    buyerName: header.buyerName.split(/\s+/)[0] ?? '',
    productTitle: header.productTitle,
    productSlug: header.productSlug,
    orderNumber: header.orderNumber,
    reported: header.reportedAt !== null,
    /** Contact details are masked until an order links the two sides. */
    masking: !linked,
    messages: list,
  }
}

/** New messages of a conversation after `after` (the polling route); marks them read. */
export async function pollConversation(db: DbOrTx, { conversationId, userId, after }: { conversationId: string; userId: string; after: Date }, now = new Date()) {
  const access = await sideOf(db, conversationId, userId)
  if (!access) throw new ConversationNotFoundError()
  const list = await readMessages(db, conversationId, { after })
  if (list.some((m) => m.fromShop !== (access.side === 'shop'))) await markRead(db, conversationId, access.side, now)
  return { side: access.side, messages: list }
}

async function markRead(db: DbOrTx, conversationId: string, side: Side, now: Date) {
  await db
    .update(conversations)
    .set(side === 'buyer' ? { buyerReadAt: now } : { shopReadAt: now })
    .where(eq(conversations.id, conversationId))
}

/** Either side reports the conversation: from then on moderators may read it. Reporting twice keeps the first report. */
export async function reportConversation(db: DbOrTx, { conversationId, userId, note }: { conversationId: string; userId: string; note: string }, now = new Date()) {
  const access = await sideOf(db, conversationId, userId)
  if (!access) throw new ConversationNotFoundError()
  await db
    .update(conversations)
    .set({ reportedAt: now, reportedBy: userId, reportNote: note.trim().slice(0, 1000) })
    .where(and(eq(conversations.id, conversationId), sql`${conversations.reportedAt} is null`))
}

function assertStaff(actor: Actor) {
  if (!isStaff({ role: actor.role })) throw new ConversationNotFoundError()
}

/** Reported conversations for the moderators' queue (no message text: reading one is audited). */
export async function listReportedConversations(db: DbOrTx, actor: Actor) {
  assertStaff(actor)
  return db
    .select({
      id: conversations.id,
      shopName: shops.name,
      buyerName: users.name,
      reportedAt: conversations.reportedAt,
      reportNote: conversations.reportNote,
    })
    .from(conversations)
    .innerJoin(shops, eq(shops.id, conversations.shopId))
    .innerJoin(users, eq(users.id, conversations.buyerId))
    .where(isNotNull(conversations.reportedAt))
    .orderBy(desc(conversations.reportedAt))
    .limit(100)
}

/**
 * A moderator reads a reported conversation; each reading writes an audit row in the same
 * transaction. An unreported conversation answers ConversationNotFoundError (no row, no audit).
 */
export async function readReportedConversation(db: DbOrTx, { conversationId, actor, ip }: { conversationId: string; actor: Actor; ip?: string | null }) {
  assertStaff(actor)
  return db.transaction(async (tx) => {
    const header = await conversationHeader(tx, conversationId)
    if (!header || header.reportedAt === null) throw new NotReportedError()
    await writeAudit(tx, { actorId: actor.id, action: 'conversation.read', targetType: 'conversation', targetId: conversationId, ip, details: { shop: header.shopName } })
    const [list, blocked] = await Promise.all([
      readMessages(tx, conversationId),
      tx.select({ userId: messagingBlocks.userId }).from(messagingBlocks).where(inArray(messagingBlocks.userId, [header.buyerId, header.ownerId])),
    ])
    const blockedIds = new Set(blocked.map((b) => b.userId))
    return {
      id: header.id,
      shopName: header.shopName,
      buyerName: header.buyerName,
      buyerId: header.buyerId,
      ownerId: header.ownerId,
      productTitle: header.productTitle,
      reportNote: header.reportNote,
      reportedAt: header.reportedAt,
      buyerBlocked: blockedIds.has(header.buyerId),
      ownerBlocked: blockedIds.has(header.ownerId),
      messages: list,
    }
  })
}

/**
 * A moderator bars a participant of a reported conversation from writing messages (or lifts it).
 * The block and its audit row are one transaction.
 */
export async function setMessagingBlock(
  db: DbOrTx,
  { conversationId, userId, blocked, reason, actor, ip }: { conversationId: string; userId: string; blocked: boolean; reason: string; actor: Actor; ip?: string | null },
) {
  assertStaff(actor)
  return db.transaction(async (tx) => {
    const header = await conversationHeader(tx, conversationId)
    if (!header || header.reportedAt === null) throw new NotReportedError()
    if (userId !== header.buyerId && userId !== header.ownerId) throw new ConversationNotFoundError()
    if (blocked) {
      await tx.insert(messagingBlocks).values({ userId, blockedBy: actor.id, reason: reason.trim() }).onConflictDoNothing()
    } else {
      await tx.delete(messagingBlocks).where(eq(messagingBlocks.userId, userId))
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: blocked ? 'messaging.block' : 'messaging.unblock',
      targetType: 'user',
      targetId: userId,
      reason: reason.trim() || null,
      ip,
      details: { conversationId },
    })
  })
}

/** A shop's quick replies, oldest first (the order she wrote them in). */
export async function listQuickReplies(db: DbOrTx, shopId: string) {
  return db.select({ id: quickReplies.id, body: quickReplies.body }).from(quickReplies).where(eq(quickReplies.shopId, shopId)).orderBy(asc(quickReplies.createdAt), asc(quickReplies.id))
}

export async function addQuickReply(db: DbOrTx, shopId: string, body: string) {
  const text = body.trim().slice(0, MAX_QUICK_REPLY_LENGTH)
  if (!text) throw new EmptyMessageError()
  return db.transaction(async (tx) => {
    // Under the shop row's lock, so two tabs cannot pass the limit together.
    await tx.select({ id: shops.id }).from(shops).where(eq(shops.id, shopId)).for('update')
    const [row] = await tx.select({ n: count() }).from(quickReplies).where(eq(quickReplies.shopId, shopId))
    if ((row?.n ?? 0) >= MAX_QUICK_REPLIES) throw new QuickReplyLimitError()
    await tx.insert(quickReplies).values({ shopId, body: text })
  })
}

export async function deleteQuickReply(db: DbOrTx, shopId: string, id: string) {
  await db.delete(quickReplies).where(and(eq(quickReplies.id, id), eq(quickReplies.shopId, shopId)))
}

/** The quick reply's text, only if it is the shop's own. */
export async function quickReplyText(db: DbOrTx, shopId: string, id: string) {
  const [row] = await db.select({ body: quickReplies.body }).from(quickReplies).where(and(eq(quickReplies.id, id), eq(quickReplies.shopId, shopId))).limit(1)
  return row?.body ?? null
}
