import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDiskStorage } from '~/modules/media/storage.server'
import { listNewestProducts } from '~/modules/catalog/catalog.server'
import { createTestDatabase, type TestDatabase } from '../../tests/support/db'
import { DEMO_ORDER_COUNT, seed } from './seed'
import { seedApplications, seedCategories, seedPendingProducts, seedProducts, seedReports, seedShops } from './seed-data'

let t: TestDatabase
let uploads: string
beforeAll(async () => {
  t = await createTestDatabase()
  uploads = await mkdtemp(path.join(tmpdir(), 'taswiq-uploads-'))
})
afterAll(async () => {
  await t?.close()
  await rm(uploads, { recursive: true, force: true })
})

async function countRows() {
  const [row] = await t.query<Record<string, number>>(
    `select (select count(*)::int from users) as users, (select count(*)::int from shops) as shops,
            (select count(*)::int from categories) as categories, (select count(*)::int from products) as products,
            (select count(*)::int from product_images) as images, (select count(*)::int from reports) as reports,
            (select count(*)::int from orders) as orders, (select count(*)::int from order_items) as items,
            (select count(*)::int from order_events) as events, (select count(distinct status)::int from orders) as statuses`
  )
  return row!
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).length
}

describe('demo seed', () => {
  it('builds the demo marketplace and changes nothing when run again', async () => {
    const storage = createDiskStorage(path.join(uploads, 'public'))
    const privateStorage = createDiskStorage(path.join(uploads, 'private'))
    await seed(t, { storage, privateStorage, log: () => {} })
    const first = await countRows()
    const files = await countFiles(uploads)

    expect(first).toMatchObject({
      shops: seedShops.length + seedApplications.length,
      categories: seedCategories.length,
      products: seedProducts.length + seedPendingProducts.length,
      reports: seedReports.length,
      // Demo order history for the statistics, in every status but awaiting payment.
      orders: DEMO_ORDER_COUNT,
      statuses: 6,
      users: seedShops.length + seedApplications.length + 4,
    })
    // The demo facilitator helps two demo shops (active, consent by SMS code), in her two wilayas.
    const [assisted] = await t.query<{ n: number; wilayas: number }>(
      `select (select count(*)::int from assistance_arrangements a join users u on u.id = a.facilitator_id
               where u.email = 'facilitatrice@taswiq.dz' and u.role = 'facilitator' and a.status = 'active' and a.consent_method = 'sms_code') as n,
              (select count(*)::int from facilitator_wilayas) as wilayas`
    )
    expect(assisted).toEqual({ n: 2, wilayas: 2 })
    const photos = [...seedProducts, ...seedPendingProducts].reduce((sum, p) => sum + p.photoCount, 0)
    expect(first.images).toBe(photos)
    // Every photo is stored as WebP in three widths; each application has one private document.
    expect(files).toBe(photos * 3 + seedApplications.length)

    await seed(t, { storage, privateStorage, log: () => {} })
    expect(await countRows()).toEqual(first)
    expect(await countFiles(uploads)).toBe(files)

    // The storefront sees every demo product, each with its cover photo; listings awaiting review stay hidden.
    const { products } = await listNewestProducts(t.db, { language: 'ar', limit: 200 })
    expect(products).toHaveLength(seedProducts.length)
    expect(products.every((p) => p.image?.srcSet.includes('320w'))).toBe(true)
    // Drawing and encoding a few hundred photos twice: generous, for a busy two-core machine.
  }, 180_000)
})
