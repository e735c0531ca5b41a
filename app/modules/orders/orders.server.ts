import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '#db/client'
import { orderEvents, orderItems, orders, shops, users } from '#db/schema'
import { getCommune, getWilaya, placeName } from '~/modules/geo/geo.server'
import { listSeparator, type Language } from '~/utils/i18n'
import type { OrderStatus } from './lifecycle.server'

export { isOrderStatus, ORDER_STATUSES } from './statuses'

/** Who is looking: each sees only the orders that are theirs to see. */
export type OrderViewer = { kind: 'buyer'; userId: string } | { kind: 'shop'; shopId: string } | { kind: 'staff' }

const PAGE_SIZE = 30

const viewerCondition = (viewer: OrderViewer): SQL | undefined =>
  viewer.kind === 'buyer' ? eq(orders.buyerId, viewer.userId) : viewer.kind === 'shop' ? eq(orders.shopId, viewer.shopId) : undefined

export type OrderListFilters = { status?: OrderStatus | null; before?: string | null }

/**
 * Orders newest first, a page at a time (keyset on created_at + id). A shop's list puts the new
 * orders that wait for it (`pending`) first when no status is chosen.
 */
export async function listOrders(db: DbOrTx, viewer: OrderViewer, { status, before }: OrderListFilters = {}) {
  const conditions: (SQL | undefined)[] = [viewerCondition(viewer)]
  if (status) conditions.push(eq(orders.status, status))
  if (before) {
    const [cursor] = await db.select({ createdAt: orders.createdAt, id: orders.id }).from(orders).where(eq(orders.id, before))
    if (cursor) conditions.push(or(lt(orders.createdAt, cursor.createdAt), and(eq(orders.createdAt, cursor.createdAt), lt(orders.id, cursor.id))))
  }
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      total: orders.total,
      paymentMethod: orders.paymentMethod,
      createdAt: orders.createdAt,
      shopName: shops.name,
      shipName: orders.shipName,
      shipWilayaCode: orders.shipWilayaCode,
    })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(and(...conditions))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(PAGE_SIZE + 1)
  const page = rows.slice(0, PAGE_SIZE)
  const items = page.map((row) => ({ ...row, itemCount: 0 }))
  if (items.length) {
    const counts = await db
      .select({ orderId: orderItems.orderId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(
        inArray(
          orderItems.orderId,
          items.map((i) => i.id)
        )
      )
    for (const item of items) item.itemCount = counts.filter((c) => c.orderId === item.id).reduce((sum, c) => sum + c.quantity, 0)
  }
  return { orders: items, nextCursor: rows.length > PAGE_SIZE ? page.at(-1)?.id ?? null : null }
}

const actors = alias(users, 'actors')

/**
 * One order with everything its pages show (lines, address, history, the seller's legal
 * details for the invoice), or null when the viewer may not see it — the same answer as for an
 * unknown id, so ids cannot be probed.
 */
export async function getOrder(db: DbOrTx, viewer: OrderViewer, orderId: string, language: Language) {
  const [row] = await db
    .select({
      order: orders,
      shop: {
        id: shops.id,
        name: shops.name,
        slug: shops.slug,
        ownerId: shops.ownerId,
        phone: shops.phone,
        artisanCardNumber: shops.artisanCardNumber,
        tradeRegisterNumber: shops.tradeRegisterNumber,
        nif: shops.nif,
        communeCode: shops.communeCode,
      },
      buyer: { name: users.name, email: users.email },
    })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .innerJoin(users, eq(users.id, orders.buyerId))
    .where(and(eq(orders.id, orderId), viewerCondition(viewer)))
  if (!row) return null
  const [items, events] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.title)),
    db
      .select({
        id: orderEvents.id,
        fromStatus: orderEvents.fromStatus,
        toStatus: orderEvents.toStatus,
        note: orderEvents.note,
        step: orderEvents.step,
        createdAt: orderEvents.createdAt,
        actorName: actors.name,
      })
      .from(orderEvents)
      .leftJoin(actors, eq(actors.id, orderEvents.actorId))
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
  ])
  const commune = getCommune(row.order.shipCommuneCode)
  const wilaya = getWilaya(row.order.shipWilayaCode)
  const shopCommune = row.shop.communeCode ? getCommune(row.shop.communeCode) : undefined
  return {
    ...row,
    shipPlace: [commune && placeName(commune, language), wilaya && placeName(wilaya, language)].filter(Boolean).join(listSeparator(language)),
    shopPlace: shopCommune ? placeName(shopCommune, language) : null,
    items,
    events,
  }
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrder>>>
