import type { ActionFunction } from '@remix-run/node'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ledgerEntries, products, shippingRates, shops } from '#db/schema'
import ar from '~/locales/ar.json'
import { createCategory, createProduct, createShop, createUser } from '../support/factories'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { callAction, changedTables, fingerprint, sessionCookieFor, useDatabaseForRoutes, visibleErrors, type Outcome } from '../support/route-actions'

// Issue 15.4: money typed into a form. Every amount field goes through one parser: at most two
// decimals (0.001 DA is refused, never rounded to a free product), no exponent, no negative where
// none belongs, Arabic-Indic and Persian digits read as digits (phones type them). The product
// forms, the delivery fees and the payout adjustment are posted to as a browser would; a refused
// amount shows its translated message and changes nothing in the database.

let t: TestDatabase
let producerCookie: string
let adminCookie: string
let productId: string
let shopId: string
let shopSlug: string
let categoryId: string

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  const verified = { emailVerifiedAt: new Date() }
  const category = await createCategory(t.db)
  const producer = await createUser(t.db, { ...verified, role: 'producer' })
  const shop = await createShop(t.db, { ownerId: producer.id })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, price: 150_000 })
  const admin = await createUser(t.db, { ...verified, role: 'admin' })
  producerCookie = await sessionCookieFor(t, producer.id)
  adminCookie = await sessionCookieFor(t, admin.id)
  productId = product.id
  shopId = shop.id
  shopSlug = shop.slug
  categoryId = category.id
})

afterAll(async () => {
  await t?.close()
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
})

const routeModules = import.meta.glob('../../app/routes/**/*.{ts,tsx}')
async function actionOf(file: string) {
  return ((await routeModules[`../../app/routes/${file}`]!()) as { action: ActionFunction }).action
}

function post(url: string, cookie: string, fields: Record<string, string>, multipart = false) {
  const headers = new Headers({ 'Accept-Language': 'ar-DZ,ar;q=0.9', Origin: 'http://localhost', Cookie: cookie })
  let body: BodyInit
  if (multipart) {
    const form = new FormData()
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    body = form
  } else {
    body = new URLSearchParams(fields)
  }
  return new Request(new URL(url, 'http://localhost'), { method: 'POST', headers, body })
}

/** Posts, and checks that nothing in the database changed. */
async function refused(file: string, request: Request, params: Record<string, string> = {}) {
  const before = await fingerprint(t)
  const outcome = await callAction(await actionOf(file), request, params)
  expect(changedTables(before, await fingerprint(t))).toEqual([])
  return outcome
}

const dataOf = (outcome: Outcome) => {
  if (outcome.kind !== 'data') throw new Error(`expected a re-render, got ${JSON.stringify(outcome).slice(0, 300)}`)
  return outcome.data as Record<string, unknown>
}
const fieldErrors = (outcome: Outcome) => Object.fromEntries(visibleErrors(dataOf(outcome)).keys.map(({ field, key }) => [field, key]))
const arabic = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], ar) as string

const BAD: [string, string][] = [
  ['0.001', 'money.decimals'],
  ['0.005', 'money.decimals'],
  ['1.999', 'money.decimals'],
  ['1e3', 'money.invalid'],
  ['-5', 'money.negative'],
  ['', 'money.required'],
]
// A price says "above zero" for a negative or zero price (its message from before).
const BAD_PRICES: [string, string][] = [...BAD.filter(([price]) => price !== '-5'), ['-5', 'listings.validation.pricePositive'], ['0', 'listings.validation.pricePositive']]

const productFields = (price: string) => ({ title: 'عسل السدر', description: '', categoryId, price, stock: '4', madeToOrderDays: '0' })

describe('money typed into forms (issue 15.4)', () => {
  it.each(BAD_PRICES)('the new-product form refuses a price of %j with its translated message, and nothing is written', async (price, key) => {
    const outcome = await refused('dashboard+/products.new.tsx', post('/dashboard/products/new', producerCookie, productFields(price), true))
    expect(fieldErrors(outcome).price).toBe(key)
    expect(arabic(key)).toMatch(/[\u0600-\u06ff]/)
  })

  it.each(BAD_PRICES)('the product edit form refuses a price of %j, and the product keeps its price', async (price, key) => {
    const outcome = await refused(
      'dashboard+/products.$productId.tsx',
      post(`/dashboard/products/${productId}`, producerCookie, { intent: 'details', ...productFields(price) }),
      { productId }
    )
    expect(fieldErrors(outcome).price).toBe(key)
  })

  it.each(BAD_PRICES)('the quick price form refuses %j with the Arabic message, and the price stays 1500 DA', async (price, key) => {
    const outcome = await refused('dashboard+/products._index.tsx', post('/dashboard/products', producerCookie, { intent: 'price', productId, price }))
    expect(dataOf(outcome).message).toBe(arabic(key))
    const [row] = await t.db.select({ price: products.price }).from(products).where(eq(products.id, productId))
    expect(row!.price).toBe(150_000)
  })

  it('reads a price typed in Arabic-Indic or Persian digits, with a decimal comma', async () => {
    const action = await actionOf('dashboard+/products._index.tsx')
    const priceNow = async () => (await t.db.select({ price: products.price }).from(products).where(eq(products.id, productId)))[0]!.price
    for (const [typed, centimes] of [
      ['١٢٣', 12_300],
      ['۱۲۳٫۵', 12_350],
      ['2 500,75', 250_075],
    ] as const) {
      const outcome = await callAction(action, post('/dashboard/products', producerCookie, { intent: 'price', productId, price: typed }))
      expect(outcome.kind, typed).toBe('redirect')
      expect(await priceNow(), typed).toBe(centimes)
    }
    await t.db.update(products).set({ price: 150_000 }).where(eq(products.id, productId))
  })

  const shipping = (homeFee: string, deskFee = '') => ({ intent: 'shipping', 'rates[0].wilayaCode': '16', 'rates[0].homeFee': homeFee, 'rates[0].deskFee': deskFee, 'rates[0].delayDays': '2' })

  it.each(BAD.filter(([fee]) => fee !== ''))('the delivery fees refuse %j with a translated message, and the rates stay as they were', async (fee, key) => {
    const outcome = await refused('dashboard+/settings.tsx', post('/dashboard/settings', producerCookie, shipping(fee)))
    expect(dataOf(outcome).message).toBe(arabic('settings.shippingInvalid'))
    expect(fieldErrors(outcome)['rates[0].homeFee']).toBe(key)
    const deskOutcome = await refused('dashboard+/settings.tsx', post('/dashboard/settings', producerCookie, shipping('400', fee)))
    expect(fieldErrors(deskOutcome)['rates[0].deskFee']).toBe(key)
  })

  it('a home delivery fee is required; a free delivery (0) and Arabic-Indic digits are amounts', async () => {
    const empty = await refused('dashboard+/settings.tsx', post('/dashboard/settings', producerCookie, shipping('')))
    expect(fieldErrors(empty)['rates[0].homeFee']).toBe('money.required')

    const action = await actionOf('dashboard+/settings.tsx')
    const saved = await callAction(action, post('/dashboard/settings', producerCookie, shipping('٤٥٠', '0')))
    expect(saved.kind).toBe('redirect')
    const [rate] = await t.db
      .select({ homeFee: shippingRates.homeFee, deskFee: shippingRates.deskFee })
      .from(shippingRates)
      .where(and(eq(shippingRates.shopId, shopId), eq(shippingRates.wilayaCode, 16)))
    expect(rate).toEqual({ homeFee: 45_000, deskFee: 0 })
  })

  const adjustment = (amount: string) => ({ intent: 'adjust', shopSlug, amount, reason: 'Frais de retour Yalidine' })

  it.each([...BAD.filter(([amount]) => amount !== '-5'), ['0', 'money.tooSmall'] as [string, string]])(
    'a payout adjustment of %j is refused with the Arabic message, and the ledger is unchanged',
    async (amount, key) => {
      const outcome = await refused('admin+/payouts._index.tsx', post('/admin/payouts', adminCookie, adjustment(amount)))
      expect(dataOf(outcome).message).toBe(arabic(key))
    }
  )

  it('a payout adjustment is signed and reads Arabic-Indic digits', async () => {
    const action = await actionOf('admin+/payouts._index.tsx')
    expect((await callAction(action, post('/admin/payouts', adminCookie, adjustment('-١٢٣٫٥٠')))).kind).toBe('redirect')
    const entries = await t.db.select({ amount: ledgerEntries.amount, kind: ledgerEntries.kind }).from(ledgerEntries).where(eq(ledgerEntries.shopId, shopId))
    expect(entries).toEqual([{ amount: -12_350, kind: 'adjustment' }])
    expect((await t.db.select({ id: shops.id }).from(shops).where(eq(shops.id, shopId))).length).toBe(1)
  })
})
