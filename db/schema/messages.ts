import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { users } from './accounts'
import { products, shops } from './catalog'
import { orders } from './orders'

/** A photo attached to a message (stored through the media pipeline, like a listing's). */
export type MessageImage = { storageKey: string; width: number; height: number }

/**
 * One conversation per buyer × shop (a second question to the same shop continues it), optionally
 * about a product or an order. Each side's read marker gives its unread count; each side's digest
 * marker says up to when its unread messages were already told by email. Owned by app/modules/messages.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    productId: text('product_id').references(() => products.id, { onDelete: 'set null' }),
    orderId: text('order_id').references(() => orders.id, { onDelete: 'set null' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    buyerReadAt: timestamp('buyer_read_at', { withTimezone: true }).notNull().defaultNow(),
    shopReadAt: timestamp('shop_read_at', { withTimezone: true }).notNull().defaultNow(),
    buyerDigestedAt: timestamp('buyer_digested_at', { withTimezone: true }).notNull().defaultNow(),
    shopDigestedAt: timestamp('shop_digested_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when either side reports it: from then on (and only then) moderators may read it. */
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: text('reported_by').references(() => users.id, { onDelete: 'set null' }),
    reportNote: text('report_note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversations_buyer_shop_idx').on(t.buyerId, t.shopId),
    index('conversations_shop_idx').on(t.shopId, t.lastMessageAt),
    index('conversations_reported_idx').on(t.reportedAt).where(sql`${t.reportedAt} is not null`),
  ],
)

export const messages = pgTable(
  'messages',
  {
    id: id(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: text('sender_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Written by the shop's owner (else by the buyer). */
    fromShop: boolean('from_shop').notNull(),
    /** As stored: contact details already masked when no order linked the two sides yet. */
    body: text('body').notNull(),
    masked: boolean('masked').notNull().default(false),
    images: jsonb('images').$type<MessageImage[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt)],
)

/** A user a moderator barred from writing messages (one row per user; deleting it lifts the block). */
export const messagingBlocks = pgTable('messaging_blocks', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  blockedBy: text('blocked_by')
    .notNull()
    .references(() => users.id),
  reason: text('reason').notNull().default(''),
  createdAt: createdAt(),
})

/** A producer's saved answers, written once and sent with one tap. */
export const quickReplies = pgTable(
  'quick_replies',
  {
    id: id(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('quick_replies_shop_idx').on(t.shopId, t.createdAt)],
)

/**
 * A product a buyer or a visitor keeps (visitors by their cart cookie's token hash, merged into the
 * account at log-in). `price_seen`/`in_stock_seen` are what the owner was last told: the notice job
 * compares them with the product and moves them, so each drop or return is told once. Owned by
 * app/modules/favourites.
 */
export const favourites = pgTable(
  'favourites',
  {
    id: id(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    visitorTokenHash: text('visitor_token_hash'),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    priceSeen: bigint('price_seen', { mode: 'number' }).notNull(),
    inStockSeen: boolean('in_stock_seen').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('favourites_user_product_idx').on(t.userId, t.productId),
    uniqueIndex('favourites_visitor_product_idx').on(t.visitorTokenHash, t.productId),
    index('favourites_product_idx').on(t.productId),
    check('favourites_owner_check', sql`(${t.userId} is null) <> (${t.visitorTokenHash} is null)`),
  ],
)
