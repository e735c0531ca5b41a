import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availabilityAlerts, notices, outbox, products } from '#db/schema'
import { addToCart, ProductUnavailableError } from '~/modules/cart/cart.server'
import { connect, type DbConnection } from '#db/client'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { testServerUrl, withDatabase } from '../../../tests/support/postgres-url'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { AlertNotNeededError, AlertProductNotFoundError, sendAvailabilityAlerts, subscribeAvailability } from './availability.server'

let t: TestDatabase
/** Two connections really at once on the PostgreSQL server; PGlite's one connection otherwise. */
let pool: DbConnection
let categoryId: string
beforeAll(async () => {
  t = await createTestDatabase()
  const server = testServerUrl()
  pool = server ? await connect({ url: withDatabase(server, t.name), max: 4 }) : t
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  if (pool && pool !== t) await pool.close()
  await t?.close()
})

const site = { siteUrl: 'http://localhost:3000' }

describe('seasonal availability', () => {
  it('out of season: not for sale; "notify me" once per user; told once when the season comes back', async () => {
    const shop = await createShop(t.db)
    const oil = await createProduct(t.db, {
      shopId: shop.id,
      categoryId,
      title: 'زيت الزيتون الجديد',
      availableFrom: '2099-11-15',
      availableUntil: '2100-02-28',
    })
    const buyer = await createUser(t.db)
    await expect(addToCart(t.db, { userId: buyer.id }, oil.id, 1)).rejects.toBeInstanceOf(ProductUnavailableError)

    expect(await subscribeAvailability(t.db, buyer.id, oil.slug)).toEqual({ created: true })
    expect(await subscribeAvailability(t.db, buyer.id, oil.slug)).toEqual({ created: false })
    expect(await t.db.select().from(availabilityAlerts).where(eq(availabilityAlerts.productId, oil.id))).toHaveLength(1)

    // Still out of season: the job sends nothing.
    expect(await sendAvailabilityAlerts(t.db, site)).toBe(0)
    // The harvest is in: the producer opens the season.
    await t.db.update(products).set({ availableFrom: '2020-01-01' }).where(eq(products.id, oil.id))
    expect(await sendAvailabilityAlerts(t.db, site)).toBe(1)
    expect(await sendAvailabilityAlerts(t.db, site)).toBe(0)
    const mails = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'favourite_notice'), eq(outbox.toAddress, buyer.email!)))
    expect(mails).toHaveLength(1)
    expect(
      await t.db
        .select()
        .from(notices)
        .where(and(eq(notices.userId, buyer.id), eq(notices.kind, 'favourite_back_in_season')))
    ).toHaveLength(1)
    expect(await addToCart(t.db, { userId: buyer.id }, oil.id, 1)).toEqual({ quantity: 1, capped: false })
  })

  it('a subscriber told once is told again next season when she subscribes again (the alert is re-armed)', async () => {
    const shop = await createShop(t.db)
    const dates = await createProduct(t.db, { shopId: shop.id, categoryId, availableFrom: '2099-11-15', availableUntil: '2100-02-28' })
    const buyer = await createUser(t.db)
    expect(await subscribeAvailability(t.db, buyer.id, dates.slug)).toEqual({ created: true })
    await t.db.update(products).set({ availableFrom: '2020-01-01' }).where(eq(products.id, dates.id))
    expect(await sendAvailabilityAlerts(t.db, site)).toBe(1)
    // The season ends; next year's dates are set; she asks again.
    await t.db.update(products).set({ availableFrom: '2099-11-15' }).where(eq(products.id, dates.id))
    expect(await subscribeAvailability(t.db, buyer.id, dates.slug)).toEqual({ created: true })
    expect(await subscribeAvailability(t.db, buyer.id, dates.slug)).toEqual({ created: false })
    const [alert] = await t.db.select().from(availabilityAlerts).where(eq(availabilityAlerts.productId, dates.id))
    expect(alert!.notifiedAt).toBeNull()
    await t.db.update(products).set({ availableFrom: '2020-01-01' }).where(eq(products.id, dates.id))
    expect(await sendAvailabilityAlerts(t.db, site)).toBe(1)
    expect(
      await t.db
        .select()
        .from(notices)
        .where(and(eq(notices.userId, buyer.id), eq(notices.kind, 'favourite_back_in_season')))
    ).toHaveLength(2)
  })

  it('two runs of the job at once (two servers): told once', async () => {
    const shop = await createShop(t.db)
    const figs = await createProduct(t.db, { shopId: shop.id, categoryId, availableFrom: '2099-08-01', availableUntil: '2099-10-31' })
    const buyer = await createUser(t.db)
    await subscribeAvailability(t.db, buyer.id, figs.slug)
    await t.db.update(products).set({ availableFrom: '2020-01-01' }).where(eq(products.id, figs.id))
    const [a, b] = await Promise.all([sendAvailabilityAlerts(pool.db, site), sendAvailabilityAlerts(pool.db, site)])
    expect(a + b).toBe(1)
    expect(
      await t.db
        .select()
        .from(notices)
        .where(and(eq(notices.userId, buyer.id), eq(notices.kind, 'favourite_back_in_season')))
    ).toHaveLength(1)
  })

  it('refuses an alert for a product on sale now, or one not public', async () => {
    const shop = await createShop(t.db)
    const honey = await createProduct(t.db, { shopId: shop.id, categoryId })
    const hidden = await createProduct(t.db, { shopId: shop.id, categoryId, status: 'pending_review', availableFrom: '2099-01-01' })
    const buyer = await createUser(t.db)
    await expect(subscribeAvailability(t.db, buyer.id, honey.slug)).rejects.toBeInstanceOf(AlertNotNeededError)
    await expect(subscribeAvailability(t.db, buyer.id, hidden.slug)).rejects.toBeInstanceOf(AlertProductNotFoundError)
    await expect(subscribeAvailability(t.db, buyer.id, 'no-such-product')).rejects.toBeInstanceOf(AlertProductNotFoundError)
  })
})
