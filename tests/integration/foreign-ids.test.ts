import type { ActionFunction } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availabilityAlerts, favourites, notices, orderItems, productImages, productVariants, quickReplies, reviews, shippingRates } from '#db/schema'
import { openConversation, sendMessage } from '~/modules/messages/messages.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../support/factories'
import { routeFiles, routeSource } from '../support/route-files'
import { callAction, changedTables, fingerprint, sessionCookieFor, statusOf, useDatabaseForRoutes } from '../support/route-actions'

// Authorization of every action against someone else's resource: producer B posts producer A's
// product, combination, photo, order, review, quick reply ids (in the URL and in the form); buyer B
// posts buyer A's order, order line, notice, conversation; a producer posts to moderator and admin
// actions; a facilitator posts another facilitator's arrangement. Every form of every action is
// sent with every field it reads, filled with a value that would be accepted for the owner. Nothing
// that belongs to A may change. (FOREIGN_IDS_AS_OWNER=1 runs the same posts as A, to see that they
// do change A's rows: the probe reaches the code that writes.)

type Role = 'buyer' | 'producer' | 'facilitator'
let t: TestDatabase
let routeModules: Record<string, () => Promise<unknown>>
const cookies = new Map<Role, string>()
type Ids = Record<
  | 'productId'
  | 'productSlug'
  | 'optionsProductId'
  | 'variantId'
  | 'imageId'
  | 'orderId'
  | 'deliveredOrderId'
  | 'orderItemId'
  | 'reviewId'
  | 'noticeId'
  | 'conversationId'
  | 'quickReplyId'
  | 'shopId'
  | 'categoryId',
  string
>
let ids: Ids

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  routeModules = import.meta.glob('../../app/routes/**/*.{ts,tsx}')
  const now = new Date()
  const verified = { emailVerifiedAt: now, phoneVerifiedAt: now }
  const category = await createCategory(t.db)
  // A's world.
  const producerA = await createUser(t.db, { ...verified, role: 'producer' })
  const shopA = await createShop(t.db, { ownerId: producerA.id, payoutMethod: 'ccp', payoutAccount: '0012345678 90', payoutHolderName: 'Souad A' })
  const productA = await createProduct(t.db, { shopId: shopA.id, categoryId: category.id, stock: 5 })
  const optionsA = await createProduct(t.db, { shopId: shopA.id, categoryId: category.id, option1Name: 'Taille' })
  const [imageA] = await t.db
    .insert(productImages)
    .values({ productId: productA.id, storageKey: `products/${productA.id}/a`, width: 640, height: 480 })
    .returning()
  await t.db.insert(productImages).values({ productId: productA.id, storageKey: `products/${productA.id}/b`, width: 640, height: 480, position: 1 })
  const [variantA] = await t.db.insert(productVariants).values({ productId: optionsA.id, option1: 'S', price: 100_000, stock: 3 }).returning()
  const buyerA = await createUser(t.db, verified)
  const placedA = await createOrder(t.db, {
    shopId: shopA.id,
    buyerId: buyerA.id,
    status: 'pending',
    createdAt: now,
    items: [{ productId: productA.id, unitPrice: 150_000, quantity: 1 }],
  })
  const deliveredA = await createOrder(t.db, {
    shopId: shopA.id,
    buyerId: buyerA.id,
    status: 'delivered',
    createdAt: now,
    items: [{ productId: productA.id, unitPrice: 150_000, quantity: 1 }],
  })
  const [itemA] = await t.db.select().from(orderItems).where(eq(orderItems.orderId, deliveredA.id))
  const [reviewA] = await t.db
    .insert(reviews)
    .values({ orderItemId: itemA!.id, productId: productA.id, authorId: buyerA.id, rating: 4, body: 'Bien' })
    .returning()
  const [noticeA] = await t.db.insert(notices).values({ userId: buyerA.id, kind: 'order_placed', data: {} }).returning()
  const conversationA = await openConversation(t.db, { buyerId: buyerA.id, shopId: shopA.id, productId: productA.id })
  await sendMessage(t.db, null, { conversationId: conversationA, senderId: buyerA.id, body: 'Salam' })
  const [quickA] = await t.db.insert(quickReplies).values({ shopId: shopA.id, body: 'Merci' }).returning()
  await t.db.insert(favourites).values({ userId: buyerA.id, productId: productA.id, priceSeen: 150_000, inStockSeen: true })
  await t.db.insert(availabilityAlerts).values({ userId: buyerA.id, productId: productA.id })
  // B, who acts.
  const producerB = await createUser(t.db, { ...verified, role: 'producer' })
  await createShop(t.db, { ownerId: producerB.id, payoutMethod: 'ccp', payoutAccount: '0098765432 10', payoutHolderName: 'Nadia B' })
  const buyerB = await createUser(t.db, verified)
  const facilitatorB = await createUser(t.db, { ...verified, role: 'facilitator' })
  const actors = process.env.FOREIGN_IDS_AS_OWNER
    ? { buyer: buyerA.id, producer: producerA.id, facilitator: facilitatorB.id }
    : { buyer: buyerB.id, producer: producerB.id, facilitator: facilitatorB.id }
  for (const [role, id] of Object.entries(actors)) cookies.set(role as Role, await sessionCookieFor(t, id))
  ids = {
    productId: productA.id,
    productSlug: productA.slug,
    optionsProductId: optionsA.id,
    variantId: variantA!.id,
    imageId: imageA!.id,
    orderId: placedA.id,
    deliveredOrderId: deliveredA.id,
    orderItemId: itemA!.id,
    reviewId: reviewA!.id,
    noticeId: noticeA!.id,
    conversationId: conversationA,
    quickReplyId: quickA!.id,
    shopId: shopA.id,
    categoryId: category.id,
  }
})

afterAll(async () => {
  await t?.close()
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
})

/** A value the owner's form would send for each field. */
function valueOf(field: string, intent: string): string {
  const base = field.replace(/^rows\[\d+\]\./, 'row.')
  const table: Record<string, string> = {
    productId: ids.productId,
    variantId: ids.variantId,
    imageId: ids.imageId,
    orderId: ids.orderId,
    orderItemId: ids.orderItemId,
    reviewId: ids.reviewId,
    noticeId: ids.noticeId,
    conversationId: ids.conversationId,
    quickReplyId: ids.quickReplyId,
    id: ids.quickReplyId,
    shopId: ids.shopId,
    categoryId: ids.categoryId,
    'row.id': ids.variantId,
    'row.price': '1999',
    'row.stock': '9',
    'row.imageId': ids.imageId,
    price: '1999',
    stock: '9',
    price0: '1500',
    stock0: '5',
    rating: '1',
    body: 'Un message de B',
    reply: 'Réponse de B',
    reason: 'damaged',
    note: 'Note de B',
    to: intent === 'cancel' ? 'cancelled' : 'cancelled',
    title: 'Titre changé par B',
    description: 'Une description changée par B, assez longue pour être acceptée par le formulaire.',
    quantity: '1',
    madeToOrderDays: '0',
    accept: 'true',
    order: `${ids.imageId}`,
  }
  return table[field] ?? table[base] ?? 'x'
}

function fieldsIn(source: string) {
  const found = new Set<string>()
  for (const m of source.matchAll(/name="([\w.[\]]+)"/g)) found.add(m[1]!)
  for (const m of source.matchAll(/\.get(?:All)?\('([\w.[\]]+)'\)/g)) found.add(m[1]!)
  for (const m of source.matchAll(/name=\{`rows\[\$\{\w+\}\]\.(\w+)`\}/g)) found.add(`rows[0].${m[1]}`)
  found.delete('intent')
  return [...found]
}

function intentsIn(source: string) {
  const found = new Set<string>([''])
  for (const p of [/intent (?:===|!==) '([\w-]+)'/g, /get\('intent'\) (?:===|!==) '([\w-]+)'/g, /name="intent" value="([\w-]+)"/g, /case '([\w-]+)':/g])
    for (const m of source.matchAll(p)) found.add(m[1]!)
  return [...found]
}

function roleOf(file: string): Role {
  if (file.startsWith('assist+')) return 'facilitator'
  if (file.startsWith('account+') || file.startsWith('_store+') || file.startsWith('_auth+')) return 'buyer'
  return 'producer'
}

/** The URL and params of the route, aimed at A's resource (an order: the pending one, or the delivered one). */
function target(file: string, delivered: boolean) {
  const params: Record<string, string> = {}
  for (const m of file.matchAll(/\$([a-zA-Z]+)/g)) {
    const name = m[1]!
    params[name] = name === 'slug' ? ids.productSlug : name === 'orderId' && delivered ? ids.deliveredOrderId : (ids as Record<string, string>)[name] ?? 'x'
  }
  let path = file
    .replace(/\.tsx?$/, '')
    .split('/')
    .map((s) => s.replace(/\+$/, ''))
    .filter((s) => !s.startsWith('_'))
    .join('/')
  path = path
    .replace(/\._index$|^_index$/, '')
    .replace(/_\./g, '.')
    .replace(/\./g, '/')
  for (const [k, v] of Object.entries(params)) path = path.replace(`$${k}`, v)
  return { url: `http://localhost/${path}`, params }
}

// Tables B may write to whatever it posts: its own session, counters, its audit, its cart, its own
// favourites/alerts/reports/messages, its own shop's quick replies and shipping rates (A's rows of
// those two are checked one by one at the end).
const OWN = new Set([
  'sessions',
  'rate_limits',
  'audit_log',
  'carts',
  'cart_items',
  'reports',
  'favourites',
  'availability_alerts',
  'conversations',
  'messages',
  'notices',
  'outbox',
  'quick_replies',
  'shipping_rates',
])
const rowsOfA = async () => ({
  quickReplies: await t.db.select().from(quickReplies).where(eq(quickReplies.shopId, ids.shopId)),
  shippingRates: await t.db.select().from(shippingRates).where(eq(shippingRates.shopId, ids.shopId)),
  notices: await t.db.select().from(notices).where(eq(notices.id, ids.noticeId)),
  favourites: await t.db.select().from(favourites).where(eq(favourites.productId, ids.productId)),
})

const ACTIONS = routeFiles()
  .filter((file) => /export (async )?(function|const) action\b/.test(routeSource(file)))
  .filter((file) => !file.startsWith('_auth+') && !/webhook|language|logout/.test(file))
  .sort()

describe('someone else’s ids, posted to every action', () => {
  let before: Awaited<ReturnType<typeof rowsOfA>>
  beforeAll(async () => {
    before = await rowsOfA()
  })
  afterAll(async () => {
    if (!process.env.FOREIGN_IDS_AS_OWNER) expect(await rowsOfA()).toEqual(before)
  })

  it.each(ACTIONS.map((f) => [f] as const))('%s', async (file) => {
    const { action } = (await routeModules[`../../app/routes/${file}`]!()) as { action: ActionFunction }
    const source = routeSource(file)
    const fields = fieldsIn(source)
    const role = roleOf(file)
    const report: string[] = []
    for (const delivered of file.includes('$orderId') ? [false, true] : [false]) {
      const { url, params } = target(file, delivered)
      for (const intent of intentsIn(source)) {
        for (const multipart of [false, true]) {
          const pairs: [string, string][] = []
          if (intent) pairs.push(['intent', intent])
          for (const field of fields) pairs.push([field, valueOf(field, intent)])
          const headers = new Headers({ Cookie: cookies.get(role)!, 'Accept-Language': 'ar', Origin: 'http://localhost' })
          let body: BodyInit
          if (multipart) {
            const form = new FormData()
            for (const [k, v] of pairs) form.append(k, v)
            body = form
          } else body = new URLSearchParams(pairs)
          const before = await fingerprint(t)
          const outcome = await callAction(action, new Request(url, { method: 'POST', headers, body }), params)
          const after = await fingerprint(t)
          const changed = changedTables(before, after)
          const suspicious = changed.filter((table) => !OWN.has(table))
          if (suspicious.length || statusOf(outcome) >= 500)
            report.push(
              `${delivered ? 'delivered order, ' : ''}${intent || '(none)'}${multipart ? ' multipart' : ''}: status ${statusOf(outcome)} changed ${changed.join(
                ','
              )}${outcome.kind === 'error' ? ` ${String((outcome.error as Error)?.message).slice(0, 120)}` : ''}`
            )
        }
      }
    }
    expect(report.join('\n')).toBe('')
  })
})
