import { createId } from '@paralleldrive/cuid2'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { checkouts, orderItems, orders, products } from '#db/schema'
import { addToCart, listCartLines, setCartQuantity } from '~/modules/cart/cart.server'
import { startOutboxWorker, type OutgoingEmail } from '~/modules/notifications/outbox.server'
import { registerOutboxWorker } from '~/modules/notifications/worker.server'
import { getSavedAddress, InvalidAddressError, saveAddress, type SavedAddress } from '~/modules/orders/addresses.server'
import { EmptyCartError } from '~/modules/orders/checkout.server'
import { commissionOn, setCommissionRate } from '~/modules/payouts/commission.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { CardPaymentUnavailableError, MissingAddressError, placeCheckout, type CheckoutChoices } from './checkout.server'

let t: TestDatabase
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
})

// Tizi Ouzou (15), commune 15029: the platform's default table delivers there.
const address: SavedAddress = { fullName: 'سليمة حداد', phone: '+213661234567', communeCode: '15029', street: 'حي 20 أوت، رقم 12', deliveryMode: 'home' }
const choices = (overrides: Partial<CheckoutChoices> = {}): CheckoutChoices => ({ idempotencyKey: createId(), paymentMethod: 'cod', language: 'ar', ...overrides })

/** A buyer with `quantity` units of a new product (stock 10) in their cart. */
async function buyerWithCart(quantity = 2, product?: { categoryId?: string; price?: number }) {
  const shop = await createShop(t.db)
  const item = await createProduct(t.db, { shopId: shop.id, categoryId, stock: 10, ...product })
  const buyer = await createUser(t.db)
  await addToCart(t.db, { userId: buyer.id }, item.id, quantity)
  return { buyer, product: item }
}

async function ordersOf(buyerId: string) {
  return t.db.select().from(orders).where(eq(orders.buyerId, buyerId))
}

describe('placeCheckout', () => {
  it('delivers to the saved address, at the commission rates the admin set', async () => {
    const crafts = await createCategory(t.db)
    const admin = await createUser(t.db, { role: 'admin' })
    await setCommissionRate(t.db, { categoryId: crafts.id, bps: 700, actorId: admin.id, fallbackBps: 1000 })
    const { buyer, product } = await buyerWithCart(2, { categoryId: crafts.id, price: 150_000 })
    await saveAddress(t.db, buyer.id, address)

    const placed = await placeCheckout(t.db, buyer, choices())
    expect(placed).toMatchObject({ replayed: false, paymentUrl: null })
    const [order] = await ordersOf(buyer.id)
    expect(order).toMatchObject({ id: placed.orders[0]!.id, shipCommuneCode: '15029', shipWilayaCode: 15, shipName: address.fullName, deliveryMode: 'home' })
    expect(order).toMatchObject({ subtotal: 300_000, commissionBps: 700, commission: commissionOn(300_000, 700) })
    const [line] = await t.db.select().from(orderItems).where(eq(orderItems.orderId, order!.id))
    expect(line).toMatchObject({ productId: product.id, commissionBps: 700, commission: 21_000 })
  })

  it('asks for an address first, refuses an unknown commune or one outside the chosen wilaya, and writes nothing', async () => {
    const { buyer } = await buyerWithCart()
    await expect(placeCheckout(t.db, buyer, choices())).rejects.toBeInstanceOf(MissingAddressError)
    await expect(placeCheckout(t.db, buyer, choices({ address: { ...address, communeCode: '99999' } }))).rejects.toBeInstanceOf(InvalidAddressError)
    // 15029 is in Tizi Ouzou (15), not Algiers (16).
    await expect(saveAddress(t.db, buyer.id, address, { wilayaCode: 16 })).rejects.toBeInstanceOf(InvalidAddressError)
    expect(await getSavedAddress(t.db, buyer.id)).toBeNull()
    expect(await ordersOf(buyer.id)).toEqual([])
    expect((await listCartLines(t.db, { userId: buyer.id })).length).toBe(1)
  })

  it('refuses a card checkout while card payment is not offered, before writing anything', async () => {
    const { buyer, product } = await buyerWithCart()
    await expect(placeCheckout(t.db, buyer, choices({ paymentMethod: 'card', address }))).rejects.toBeInstanceOf(CardPaymentUnavailableError)
    expect(await t.db.select().from(checkouts).where(eq(checkouts.buyerId, buyer.id))).toEqual([])
    const [row] = await t.db.select({ stock: products.stock }).from(products).where(eq(products.id, product.id))
    expect(row!.stock).toBe(10)
  })

  it('a second confirm of the same cart with another key (a second tab) gets the first checkout; a changed cart is a new one', async () => {
    const { buyer, product } = await buyerWithCart(2)
    const first = await placeCheckout(t.db, buyer, choices({ address }))
    const second = await placeCheckout(t.db, buyer, choices({ address }))
    expect(second).toMatchObject({ checkoutId: first.checkoutId, orders: first.orders, replayed: true, paymentUrl: null })
    expect(await ordersOf(buyer.id)).toHaveLength(1)

    // The buyer fills the cart again: that is a new checkout.
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    const third = await placeCheckout(t.db, buyer, choices({ address }))
    expect(third.replayed).toBe(false)
    expect(third.checkoutId).not.toBe(first.checkoutId)
    // Emptied by hand rather than by a checkout: an empty cart, not an old checkout.
    await addToCart(t.db, { userId: buyer.id }, product.id, 1)
    await setCartQuantity(t.db, { userId: buyer.id }, product.id, 0)
    await expect(placeCheckout(t.db, buyer, choices({ address }))).rejects.toBeInstanceOf(EmptyCartError)
    expect(await ordersOf(buyer.id)).toHaveLength(2)
  })

  it('wakes the outbox: the order emails go out at once, not at the worker’s next tick', async () => {
    const sent: OutgoingEmail[] = []
    const transport = { sendMail: async (message: OutgoingEmail) => void sent.push(message) }
    // Something to deliver at start-up, so that the worker's first round is over before the checkout.
    const earlier = await buyerWithCart()
    await placeCheckout(t.db, earlier.buyer, choices({ address }))
    const worker = startOutboxWorker({ getConnection: async () => t, transport, intervalMs: 60_000, log: { info: () => {}, error: () => {} } })
    registerOutboxWorker(worker)
    try {
      await vi.waitFor(() => expect(sent.some((m) => m.to === earlier.buyer.email)).toBe(true), { timeout: 10_000, interval: 50 })
      const { buyer } = await buyerWithCart()
      await placeCheckout(t.db, buyer, choices({ address }))
      await vi.waitFor(() => expect(sent.map((m) => m.to)).toContain(buyer.email), { timeout: 3_000, interval: 50 })
    } finally {
      await worker.stop()
      registerOutboxWorker({ kick: () => {}, stop: async () => {} })
    }
  })
})
