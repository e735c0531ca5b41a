import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, messages, outbox, users } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { countHeaderBadges } from '~/utils/header-badges.server'
import { queueMessageDigests, DIGEST_DELAY_MS } from './digest.server'
import { MASK, maskContacts } from './mask'
import {
  addQuickReply,
  CannotMessageOwnShopError,
  ConversationNotFoundError,
  countUnreadMessages,
  getConversation,
  listConversations,
  listQuickReplies,
  listReportedConversations,
  MessagingBlockedError,
  NotReportedError,
  openConversation,
  pollConversation,
  quickReplyText,
  readReportedConversation,
  reportConversation,
  sendMessage,
  setMessagingBlock,
} from './messages.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

async function setup() {
  const shop = await createShop(t.db, { name: 'فخار تاسقة' })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId })
  const buyer = await createUser(t.db, { name: 'سليمة حداد' })
  const conversationId = await openConversation(t.db, { buyerId: buyer.id, shopId: shop.id, productId: product.id })
  return { shop, product, buyer, conversationId }
}

const contacts = 'رقمي 0661 23 45 67 أو +213 5.55.12.34.56 أو ٠٧٧٧١٢٣٤٥٦، بريدي salima@gmail.com وصفحتي https://facebook.com/salima'

describe('masking contact details', () => {
  it('masks Algerian and international phones (spaces, dots, Arabic-Indic digits), emails and links; leaves prices', () => {
    const { text, masked } = maskContacts(contacts)
    expect(masked).toBe(true)
    expect(text).not.toMatch(/0661|555|٠٧٧٧|salima|facebook/)
    expect(text.split(MASK).length - 1).toBe(5)
    expect(maskContacts('السعر 1 500 دج للكيلو، 3 قطع').masked).toBe(false)
  })

  it('before an order the stored message is masked, after an order it is not', async () => {
    const s = await setup()
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: contacts })
    await createOrder(t.db, { shopId: s.shop.id, buyerId: s.buyer.id, status: 'pending', createdAt: new Date(), items: [{ productId: s.product.id, unitPrice: 100_000, quantity: 1 }] })
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.shop.ownerId, body: 'اتصلي على 0550 11 22 33' }, new Date(Date.now() + 1000))

    const view = await getConversation(t.db, { conversationId: s.conversationId, userId: s.buyer.id })
    expect(view.masking).toBe(false)
    expect(view.messages).toHaveLength(2)
    expect(view.messages[0]).toMatchObject({ fromShop: false, masked: true })
    expect(view.messages[0]!.body).not.toContain('0661')
    expect(view.messages[1]).toMatchObject({ fromShop: true, masked: false, body: 'اتصلي على 0550 11 22 33' })
    // The original is not kept anywhere.
    const stored = await t.db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, s.conversationId))
    expect(stored.map((m) => m.body).join(' ')).not.toContain('salima@gmail.com')
  })

  it('a card order still awaiting payment does not unmask', async () => {
    const s = await setup()
    await createOrder(t.db, { shopId: s.shop.id, buyerId: s.buyer.id, status: 'awaiting_payment', createdAt: new Date(), items: [{ productId: s.product.id, unitPrice: 100_000, quantity: 1 }] })
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: 'salima@gmail.com' })
    const view = await getConversation(t.db, { conversationId: s.conversationId, userId: s.buyer.id })
    expect(view.messages[0]!.body).toBe(MASK)
  })
})

describe('conversations', () => {
  it('one per buyer × shop; only its two sides read it; unread counts for each side', async () => {
    const s = await setup()
    const again = await openConversation(t.db, { buyerId: s.buyer.id, shopId: s.shop.id })
    expect(again).toBe(s.conversationId)
    await expect(openConversation(t.db, { buyerId: s.shop.ownerId, shopId: s.shop.id })).rejects.toBeInstanceOf(CannotMessageOwnShopError)

    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: 'هل يتوفر بالأزرق؟' })
    expect(await countUnreadMessages(t.db, s.shop.ownerId)).toBe(1)
    expect(await countUnreadMessages(t.db, s.buyer.id)).toBe(0)
    const inbox = await listConversations(t.db, { shopId: s.shop.id })
    expect(inbox).toMatchObject([{ id: s.conversationId, otherName: 'سليمة', unread: 1, lastBody: 'هل يتوفر بالأزرق؟' }])

    await getConversation(t.db, { conversationId: s.conversationId, userId: s.shop.ownerId })
    expect(await countUnreadMessages(t.db, s.shop.ownerId)).toBe(0)
    const at = new Date(Date.now() + 1000)
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.shop.ownerId, body: 'نعم' }, at)
    expect(await countUnreadMessages(t.db, s.buyer.id)).toBe(1)
    // The header's badges, read in one statement, say the same.
    expect(await countHeaderBadges(t.db, s.buyer.id)).toMatchObject({ unreadMessages: 1 })
    expect(await countHeaderBadges(t.db, s.shop.ownerId)).toMatchObject({ unreadMessages: 0 })
    const polled = await pollConversation(t.db, { conversationId: s.conversationId, userId: s.buyer.id, after: new Date(at.getTime() - 1) }, new Date(at.getTime() + 1000))
    expect(polled.messages.map((m) => m.body)).toEqual(['نعم'])
    expect(await countUnreadMessages(t.db, s.buyer.id)).toBe(0)

    const stranger = await createUser(t.db)
    const moderator = await createUser(t.db, { role: 'moderator' })
    for (const userId of [stranger.id, moderator.id]) {
      await expect(getConversation(t.db, { conversationId: s.conversationId, userId })).rejects.toBeInstanceOf(ConversationNotFoundError)
      await expect(sendMessage(t.db, null, { conversationId: s.conversationId, senderId: userId, body: 'x' })).rejects.toBeInstanceOf(ConversationNotFoundError)
    }
  })

  it('a blocked user cannot write; lifting the block lets them write again', async () => {
    const s = await setup()
    const moderator = await createUser(t.db, { role: 'moderator' })
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: 'مرحبا' })
    await reportConversation(t.db, { conversationId: s.conversationId, userId: s.shop.ownerId, note: 'إزعاج' })
    await setMessagingBlock(t.db, { conversationId: s.conversationId, userId: s.buyer.id, blocked: true, reason: 'spam', actor: moderator })
    await expect(sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: 'مرة أخرى' })).rejects.toBeInstanceOf(MessagingBlockedError)
    const count = await t.db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, s.conversationId))
    expect(count).toHaveLength(1)
    // The other side still writes.
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.shop.ownerId, body: 'شكرا' })
    await setMessagingBlock(t.db, { conversationId: s.conversationId, userId: s.buyer.id, blocked: false, reason: '', actor: moderator })
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: 'آسفة' })
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, s.buyer.id)))
    expect(audit.map((a) => a.action).sort()).toEqual(['messaging.block', 'messaging.unblock'])
  })

  it('moderators read only reported conversations, and each reading is audited', async () => {
    const quiet = await setup()
    const reported = await setup()
    const moderator = await createUser(t.db, { role: 'moderator' })
    await sendMessage(t.db, null, { conversationId: quiet.conversationId, senderId: quiet.buyer.id, body: 'سؤال عادي' })
    await sendMessage(t.db, null, { conversationId: reported.conversationId, senderId: reported.shop.ownerId, body: 'كلام مسيء' })

    await expect(readReportedConversation(t.db, { conversationId: quiet.conversationId, actor: moderator })).rejects.toBeInstanceOf(NotReportedError)
    await expect(setMessagingBlock(t.db, { conversationId: quiet.conversationId, userId: quiet.buyer.id, blocked: true, reason: '', actor: moderator })).rejects.toBeInstanceOf(NotReportedError)
    // Not staff: nothing at all.
    await expect(readReportedConversation(t.db, { conversationId: quiet.conversationId, actor: { id: quiet.buyer.id, role: 'buyer' } })).rejects.toBeInstanceOf(ConversationNotFoundError)

    await reportConversation(t.db, { conversationId: reported.conversationId, userId: reported.buyer.id, note: 'شتيمة' })
    const queue = await listReportedConversations(t.db, moderator)
    expect(queue.map((c) => c.id)).toContain(reported.conversationId)
    expect(queue.map((c) => c.id)).not.toContain(quiet.conversationId)

    const first = await readReportedConversation(t.db, { conversationId: reported.conversationId, actor: moderator, ip: '203.0.113.9' })
    expect(first.messages.map((m) => m.body)).toEqual(['كلام مسيء'])
    await readReportedConversation(t.db, { conversationId: reported.conversationId, actor: moderator })
    const reads = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'conversation.read'), eq(auditLog.targetId, reported.conversationId)))
    expect(reads).toHaveLength(2)
    expect(reads.every((r) => r.actorId === moderator.id)).toBe(true)
    const none = await t.db.select().from(auditLog).where(eq(auditLog.targetId, quiet.conversationId))
    expect(none).toHaveLength(0)
  })

  it('quick replies are the shop’s own', async () => {
    const s = await setup()
    const other = await createShop(t.db)
    await addQuickReply(t.db, s.shop.id, ' التوصيل خلال 3 أيام ')
    const [reply] = await listQuickReplies(t.db, s.shop.id)
    expect(reply?.body).toBe('التوصيل خلال 3 أيام')
    expect(await quickReplyText(t.db, other.id, reply!.id)).toBeNull()
    expect(await quickReplyText(t.db, s.shop.id, reply!.id)).toBe('التوصيل خلال 3 أيام')
  })
})

describe('the unread-messages digest', () => {
  it('sends one email per person for all their unread messages, once, and nothing for what they read', async () => {
    const s = await setup()
    await t.db.delete(outbox)
    const start = new Date(Date.now() + 60_000)
    for (let i = 0; i < 3; i++) await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.buyer.id, body: `سؤال ${i}` }, new Date(start.getTime() + i * 1000))
    // Too fresh: the producer may be reading them on the site.
    expect(await queueMessageDigests(t.db, { siteUrl: 'http://x', now: new Date(start.getTime() + 60_000) })).toBe(0)

    const later = new Date(start.getTime() + DIGEST_DELAY_MS + 60_000)
    const [owner] = await t.db.select().from(users).where(eq(users.id, s.shop.ownerId))
    const digests = async (now: Date) => {
      await queueMessageDigests(t.db, { siteUrl: 'http://x', now })
      return t.db.select().from(outbox).where(and(eq(outbox.kind, 'message_digest'), inArray(outbox.toAddress, [owner!.email!, s.buyer.email])))
    }
    const sent = await digests(later)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.toAddress).toBe(owner!.email)
    expect(sent[0]!.subject).toContain('3')
    expect(sent[0]!.html).toContain(`/dashboard/messages/${s.conversationId}`)
    // Told once: the next run sends nothing more.
    expect(await digests(new Date(later.getTime() + 60_000))).toHaveLength(1)

    // A reply read on the site before the delay is not emailed.
    const replyAt = new Date(later.getTime() + 120_000)
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.shop.ownerId, body: 'نعم' }, replyAt)
    await getConversation(t.db, { conversationId: s.conversationId, userId: s.buyer.id }, new Date(replyAt.getTime() + 1000))
    expect(await digests(new Date(replyAt.getTime() + DIGEST_DELAY_MS + 60_000))).toHaveLength(1)
    // An unread one is, in its own (second) digest to the buyer.
    const lastAt = new Date(replyAt.getTime() + DIGEST_DELAY_MS + 120_000)
    await sendMessage(t.db, null, { conversationId: s.conversationId, senderId: s.shop.ownerId, body: 'وصلت؟' }, lastAt)
    const final = await digests(new Date(lastAt.getTime() + DIGEST_DELAY_MS + 60_000))
    expect(final.map((e) => e.toAddress).sort()).toEqual([owner!.email, s.buyer.email].sort())
  })
})
