import type { LoaderFunction } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { productImages } from '#db/schema'
import { openConversation, sendMessage } from '~/modules/messages/messages.server'
import { createPartnerKey } from '~/modules/partners/keys.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../support/factories'
import { routeFiles, routeSource } from '../support/route-files'
import { sessionCookieFor, useDatabaseForRoutes } from '../support/route-actions'

// Bad query strings and path parameters, sent to every loader (the GET side of bad-input.test.ts):
// page=-1, page=1e309, a cursor that is not one, an unknown sort, wilaya=abc, min above max,
// repeated keys, Arabic-Indic digits, a 20 KB q, SQL, ids that are not ids. Whatever comes, the
// loader answers (a page, a redirect or a 4xx), never a 5xx. U+0000 and lone surrogates in a URL are refused before
// any route (utils/request-guards.server.ts, its own browser test), so they are not sent here.

type Role = 'anonymous' | 'buyer' | 'producer' | 'moderator' | 'admin' | 'facilitator'
type Fixtures = Record<
  'productSlug' | 'categorySlug' | 'shopSlug' | 'productId' | 'orderId' | 'conversationId' | 'shopId' | 'documentId' | 'partnerKey',
  string
>

/** The role that may see each route (by its folder), and the few that differ. */
function roleOf(file: string): Role {
  const special: Record<string, Role> = {
    '_store+/cart.tsx': 'buyer',
    '_store+/checkout._index.tsx': 'buyer',
    '_store+/checkout.cancelled.tsx': 'buyer',
    '_store+/checkout.done.tsx': 'buyer',
    '_store+/favourites.tsx': 'buyer',
    '_store+/sell.tsx': 'buyer',
    'resources+/messages.$conversationId.ts': 'buyer',
    'resources+/product-photos.ts': 'producer',
    'resources+/shop-documents.$documentId.ts': 'moderator',
  }
  if (special[file]) return special[file]
  const folder = file.split('/')[0]!
  const byFolder: Record<string, Role> = {
    'account+': 'buyer',
    'dashboard+': 'producer',
    'moderation+': 'moderator',
    'admin+': 'admin',
    'assist+': 'facilitator',
  }
  return byFolder[folder] ?? 'anonymous'
}

/** The path parameters of a route file (`$slug`, `$orderId`…), with good values. */
function paramsOf(file: string, f: Fixtures): Record<string, string> {
  const names = [...file.matchAll(/\$([a-zA-Z]+)/g)].map((m) => m[1]!)
  const value = (name: string) => {
    if (name === 'slug') return file.includes('/c.') ? f.categorySlug : file.includes('/s.') ? f.shopSlug : f.productSlug
    if (name === 'month') return '2026-11'
    if (name === 'file') return 'by-commune.csv'
    if (name === 'dataset') return 'shops'
    return (f as Record<string, string>)[name] ?? 'x'
  }
  return Object.fromEntries(names.map((n) => [n, value(n)]))
}

const NAMES = [
  'page',
  'cursor',
  'after',
  'before',
  'sort',
  'wilaya',
  'commune',
  'min',
  'max',
  'q',
  'category',
  'stock',
  'producer',
  'ready',
  'status',
  'weeks',
  'month',
  'period',
  'from',
  'to',
  'step',
  'mode',
  'code',
  'checkout',
  'product',
  'shop',
  'redirectTo',
  'token',
  'phone',
  'lat',
  'lng',
  'limit',
  'table',
  'targetId',
  'subscribe',
  'payment_intent',
  'crc_token',
]

/** Each bad query: a value for every name (or its own string). */
const QUERIES: { name: string; search: () => string }[] = [
  { name: 'negative numbers', search: () => all('-1') },
  { name: 'a number beyond double', search: () => all('1e309') },
  { name: 'a huge integer', search: () => all('9'.repeat(400)) },
  { name: 'letters', search: () => all('abc') },
  { name: 'Arabic-Indic digits', search: () => all('١٦') },
  { name: 'a fractional number', search: () => all('2.5') },
  { name: 'empty values', search: () => all('') },
  { name: 'repeated keys', search: () => NAMES.flatMap((n) => [`${n}=1`, `${n}=abc`]).join('&') },
  { name: '20 KB values', search: () => all('ق'.repeat(10_000)) },
  { name: 'SQL', search: () => all("' OR 1=1 --") },
  { name: 'control characters', search: () => all('\u0001\u001b\u007f') },
  { name: 'a lone % and a truncated sequence', search: () => `${NAMES.map((n) => `${n}=%E0%A4%A`).join('&')}` },
  { name: 'a price range upside down', search: () => 'min=5000&max=100&sort=price_desc&wilaya=16&page=2' },
  {
    name: 'a cursor of garbage base64',
    search: () =>
      `cursor=${Buffer.from('{"p":"x","id":[]}').toString('base64url')}&after=${Buffer.from('null').toString('base64url')}&before=2026-02-31T99:99:99Z`,
  },
  { name: 'a redirect to another site', search: () => 'redirectTo=//evil.example/x&to=https://evil.example' },
]
const all = (value: string) => NAMES.map((n) => `${n}=${encodeURIComponent(value)}`).join('&')

/** Path parameters that are not ids of anything: each loader must say 404 (or send away), not 500. */
const BAD_PARAMS = ['not-an-id', "'; drop table orders; --", '١٢٣', 'x'.repeat(5000), '00000000-0000-0000-0000-000000000000', '..']

let t: TestDatabase
let fixtures: Fixtures
const cookies = new Map<Role, string>()
let routeModules: Record<string, () => Promise<unknown>>

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  routeModules = import.meta.glob('../../app/routes/**/*.{ts,tsx}')
  const now = new Date()
  const verified = { emailVerifiedAt: now }
  const category = await createCategory(t.db)
  const producer = await createUser(t.db, { ...verified, role: 'producer' })
  const shop = await createShop(t.db, { ownerId: producer.id })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id })
  await t.db.insert(productImages).values({ productId: product.id, storageKey: `products/${product.id}/a`, width: 640, height: 480 })
  const buyer = await createUser(t.db, verified)
  const order = await createOrder(t.db, {
    shopId: shop.id,
    buyerId: buyer.id,
    status: 'delivered',
    createdAt: now,
    items: [{ productId: product.id, unitPrice: 150_000, quantity: 1 }],
  })
  const moderator = await createUser(t.db, { ...verified, role: 'moderator' })
  const admin = await createUser(t.db, { ...verified, role: 'admin' })
  const facilitator = await createUser(t.db, { ...verified, role: 'facilitator' })
  const conversationId = await openConversation(t.db, { buyerId: buyer.id, shopId: shop.id, productId: product.id })
  await sendMessage(t.db, null, { conversationId, senderId: buyer.id, body: 'Salam' })
  const { key } = await createPartnerKey(t.db, {
    adminId: admin.id,
    name: 'Wilaya 16',
    wilayaCodes: [16],
    datasets: ['shops', 'sales', 'payout-delays', 'moderation'],
    ratePerMinute: 100_000,
  })
  const users = { buyer: buyer.id, producer: producer.id, moderator: moderator.id, admin: admin.id, facilitator: facilitator.id }
  for (const [role, id] of Object.entries(users)) cookies.set(role as Role, await sessionCookieFor(t, id))
  fixtures = {
    productSlug: product.slug,
    categorySlug: category.slug,
    shopSlug: shop.slug,
    productId: product.id,
    orderId: order.id,
    conversationId,
    shopId: shop.id,
    documentId: 'no-such-document',
    partnerKey: key,
  }
})

afterAll(async () => {
  await t?.close()
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
})

async function loaderOf(file: string) {
  const load = routeModules[`../../app/routes/${file}`]
  if (!load) throw new Error(`no route module ${file}`)
  return ((await load()) as { loader: LoaderFunction }).loader
}

function urlPath(file: string, params: Record<string, string>) {
  let path = file.replace(/\.tsx?$/, '').replace(/\[\.\]/g, '.')
  path = path
    .split('/')
    .map((segment) => (segment.endsWith('+') ? segment.slice(0, -1) : segment))
    .filter((segment) => !segment.startsWith('_'))
    .join('/')
  path = path
    .replace(/\._index$|^_index$|\/_index$/, '')
    .replace(/_\./g, '.')
    .replace(/\./g, '/')
    .replace(/\/(csv|json|txt|xml)$/, '.$1')
  for (const [name, value] of Object.entries(params)) path = path.replace(`$${name}`, encodeURIComponent(value))
  return `/${path}`
}

async function call(file: string, params: Record<string, string>, search: string) {
  const loader = await loaderOf(file)
  const role = roleOf(file)
  const headers = new Headers({ 'Accept-Language': 'ar-DZ,ar;q=0.9' })
  const cookie = cookies.get(role)
  if (cookie) headers.set('Cookie', cookie)
  if (file.startsWith('api+/v1')) headers.set('Authorization', `Bearer ${fixtures.partnerKey}`)
  const request = new Request(new URL(`${urlPath(file, params)}?${search}`, 'http://localhost'), { headers })
  try {
    const value = await loader({ request, params, context: { clientIp: '10.0.0.1' } })
    if (value instanceof Response) {
      if (value.status >= 500) return `status ${value.status}: ${(await value.text()).slice(0, 120)}`
      await value.arrayBuffer()
    }
    return null
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status >= 500 ? `status ${thrown.status}` : null
    if (thrown && typeof thrown === 'object' && (thrown as { type?: unknown }).type === 'DataWithResponseInit') {
      const status = (thrown as { init?: { status?: number } }).init?.status ?? 200
      return status >= 500 ? `status ${status}` : null
    }
    const error = thrown as Error & { cause?: Error }
    return `server error: ${String(error?.message ?? thrown).slice(0, 60)} — ${error?.cause?.message ?? ''} ${
      error?.stack?.split('\n').slice(1, 3).join(' ') ?? ''
    }`
  }
}

const withLoader = routeFiles()
  .filter((file) => /export (async )?(function|const) loader\b/.test(routeSource(file)))
  .filter((file) => !file.startsWith('dev+/'))
  .sort()

describe('bad query strings and path parameters to every loader', () => {
  it('finds the loaders', () => {
    expect(withLoader.length).toBeGreaterThan(60)
  })

  it.each(withLoader.map((file) => [file] as const))('%s', async (file) => {
    const params = paramsOf(file, fixtures)
    const failures: string[] = []
    for (const query of QUERIES) {
      const problem = await call(file, params, query.search())
      if (problem) failures.push(`${query.name}: ${problem}`)
    }
    for (const name of Object.keys(params)) {
      for (const bad of BAD_PARAMS) {
        const problem = await call(file, { ...params, [name]: bad }, '')
        if (problem) failures.push(`$${name}=${JSON.stringify(bad.slice(0, 30))}: ${problem}`)
      }
    }
    expect(failures.join('\n')).toBe('')
  })
})
