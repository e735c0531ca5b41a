import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shops } from '#db/schema'
import { createDiskStorage, type MediaStorage } from '~/modules/media/storage.server'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createShop } from '../../../tests/support/factories'
import { fakePdfNamedJpg, smallJpeg } from '../../../tests/support/images'
import { LogoRejectedError, replaceShopLogo } from './shops.server'

let t: TestDatabase
let dir: string
let storage: MediaStorage
beforeAll(async () => {
  t = await createTestDatabase()
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-logo-'))
  storage = createDiskStorage(dir)
})
afterAll(async () => {
  await t?.close()
  await rm(dir, { recursive: true, force: true })
})

const logoOf = async (shopId: string) => (await t.db.select({ logoKey: shops.logoKey }).from(shops).where(eq(shops.id, shopId)))[0]?.logoKey

describe('replaceShopLogo', () => {
  it('stores a photo under the shop and points the shop at it', async () => {
    const shop = await createShop(t.db)
    await replaceShopLogo(t.db, storage, { shopId: shop.id, bytes: await smallJpeg() })
    expect(await logoOf(shop.id)).toMatch(new RegExp(`^shops/${shop.id}/`))
  })

  it('refuses a PDF, a broken image and no file at all, and keeps the logo it had', async () => {
    const shop = await createShop(t.db, { logoKey: 'shops/old/logo' })
    for (const bytes of [await fakePdfNamedJpg(), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), new Uint8Array()]) {
      await expect(replaceShopLogo(t.db, storage, { shopId: shop.id, bytes })).rejects.toBeInstanceOf(LogoRejectedError)
    }
    expect(await logoOf(shop.id)).toBe('shops/old/logo')
  })

  it('a logo for a shop that is not there leaves no file behind', async () => {
    const files = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length
    const before = await files()
    await expect(replaceShopLogo(t.db, storage, { shopId: 'no-such-shop', bytes: await smallJpeg() })).rejects.toBeInstanceOf(LogoRejectedError)
    expect(await files()).toBe(before)
  })
})
