import { readdir, readFile } from 'node:fs/promises'
import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { createCategory, createProduct, createShop, createUser } from '../../../tests/support/factories'
import { callAction, sessionCookieFor, useDatabaseForRoutes, type Outcome } from '../../../tests/support/route-actions'
import { requireProducerShop, type ProducerShopGate, type ShopStatus } from './access.server'

// The one gate of a producer's own shop, called as the dashboard's loaders call it (a request with
// a session cookie), and through two dashboard routes: the owner passes, another producer only
// ever gets their own shop (another shop's product is a 404), anonymous visitors go to log in,
// shops in a status the page does not serve go to the dashboard.

let t: TestDatabase
const cookies = new Map<string, string>()
let owner: { id: string }
let shopId: string
let productOfOwner: string

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  owner = await createUser(t.db, { role: 'producer' })
  const shop = await createShop(t.db, { ownerId: owner.id, status: 'approved' })
  shopId = shop.id
  const category = await createCategory(t.db)
  productOfOwner = (await createProduct(t.db, { shopId, categoryId: category.id })).id
  cookies.set('owner', await sessionCookieFor(t, owner.id))
})
afterAll(async () => {
  await t?.close()
})

const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie, 'Accept-Language': 'ar' } : { 'Accept-Language': 'ar' } })

/** Runs the gate as a loader would and classifies what it answered. */
const gate = (cookie: string | undefined, options?: ProducerShopGate): Promise<Outcome> =>
  callAction(async ({ request: r }) => requireProducerShop(r, options), request('/dashboard/products', cookie))

async function producerWith(status: ShopStatus) {
  const user = await createUser(t.db, { role: 'producer' })
  await createShop(t.db, { ownerId: user.id, status })
  return sessionCookieFor(t, user.id)
}

describe('requireProducerShop', () => {
  it('lets the owner of an approved shop through with their own shop', async () => {
    const outcome = await gate(cookies.get('owner'))
    expect(outcome).toMatchObject({ kind: 'data', data: { user: { id: owner.id }, shop: { id: shopId, ownerId: owner.id, status: 'approved' } } })
  })

  it('gives another producer their own shop, never the one asked about by someone else', async () => {
    const other = await createUser(t.db, { role: 'producer' })
    const otherShop = await createShop(t.db, { ownerId: other.id })
    const outcome = await gate(await sessionCookieFor(t, other.id))
    expect(outcome).toMatchObject({ kind: 'data', data: { shop: { id: otherShop.id } } })
  })

  it('sends an anonymous visitor to log in and back to the page after', async () => {
    expect(await gate(undefined)).toMatchObject({ kind: 'redirect', location: `/login?${new URLSearchParams({ redirectTo: '/dashboard/products' })}` })
  })

  it('sends buyers, staff and shops that are not open to the dashboard', async () => {
    const buyer = await createUser(t.db, { role: 'buyer' })
    const moderator = await createUser(t.db, { role: 'moderator' })
    const admin = await createUser(t.db, { role: 'admin' })
    for (const cookie of [
      await sessionCookieFor(t, buyer.id),
      await sessionCookieFor(t, moderator.id),
      await sessionCookieFor(t, admin.id),
      await producerWith('draft'),
      await producerWith('pending'),
      await producerWith('rejected'),
    ]) {
      expect(await gate(cookie)).toMatchObject({ kind: 'redirect', location: '/dashboard' })
    }
  })

  it('lets a suspended shop look, and sends it elsewhere from pages that serve approved shops only', async () => {
    const suspended = await producerWith('suspended')
    expect(await gate(suspended)).toMatchObject({ kind: 'data', data: { shop: { status: 'suspended' } } })
    expect(await gate(suspended, { statuses: ['approved'], otherwise: '/dashboard/products' })).toMatchObject({ kind: 'redirect', location: '/dashboard/products' })
    expect(await gate(cookies.get('owner'), { statuses: ['approved'], otherwise: '/dashboard/products' })).toMatchObject({ kind: 'data' })
  })
})

describe('dashboard routes behind the gate', () => {
  const routes = import.meta.glob('../../routes/dashboard+/*.{ts,tsx}')
  const routeModule = async (file: string) => (await routes[`../../routes/dashboard+/${file}`]!()) as { loader: LoaderFunction; action?: ActionFunction }
  const load = async (file: string, path: string, cookie: string | undefined, params: Record<string, string> = {}) =>
    callAction((args) => routeModule(file).then((m) => m.loader(args)), request(path, cookie), params)

  it("answers the owner's product to its owner and 404 to another producer", async () => {
    const other = await createUser(t.db, { role: 'producer' })
    await createShop(t.db, { ownerId: other.id })
    const path = `/dashboard/products/${productOfOwner}`
    expect(await load('products.$productId.tsx', path, cookies.get('owner'), { productId: productOfOwner })).toMatchObject({ kind: 'data', status: 200 })
    expect(await load('products.$productId.tsx', path, await sessionCookieFor(t, other.id), { productId: productOfOwner })).toMatchObject({ kind: 'response', status: 404 })
  })

  it('sends a suspended shop from the new-product page to its list', async () => {
    expect(await load('products.new.tsx', '/dashboard/products/new', await producerWith('suspended'))).toMatchObject({ kind: 'redirect', location: '/dashboard/products' })
    expect(await load('settings.tsx', '/dashboard/settings', await producerWith('pending'))).toMatchObject({ kind: 'redirect', location: '/dashboard' })
  })
})

describe('the dashboard', () => {
  it('has no loader or action for a shop that skips the gate', async () => {
    const dir = new URL('../../routes/dashboard+/', import.meta.url)
    // The home page serves everyone signed in (their notices) and reads the shop through getProducerShop;
    // the assistance page (decision 021) reads the signed-in producer's own arrangements, whatever her shop's status.
    const files = (await readdir(dir)).filter((f) => !f.startsWith('__') && f !== '_index.tsx' && f !== 'assistance.tsx')
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const source = await readFile(new URL(file, dir), 'utf8')
      const handlers = source.match(/^export async function (loader|action)\b/gm) ?? []
      const gated = source.match(/await (requireProducerShop|requirePublishingShop)\(request/g) ?? []
      expect({ file, gated: gated.length }).toEqual({ file, gated: handlers.length })
    }
  })
})
