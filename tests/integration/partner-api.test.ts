import Ajv, { type ValidateFunction } from 'ajv'
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { partnerApiCalls, partnerWebhooks } from '../../db/schema'
import { communesOfWilaya } from '~/modules/geo/geo.server'
import { decideOnShop } from '~/modules/moderation/shop-review.server'
import { createPartnerKey, revokePartnerKey } from '~/modules/partners/keys.server'
import { partnerOpenApiDocument } from '~/modules/partners/openapi.server'
import { deliverDueWebhooks, signWebhook } from '~/modules/partners/webhooks.server'
import * as apiRoute from '~/routes/api+/v1.$dataset'
import * as docsRoute from '~/routes/api+/openapi[.]json'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../support/factories'
import { useDatabaseForRoutes } from '../support/route-actions'

// The partner API (issue 22) through its route: a key scoped to wilaya 15 never sees a row of 16;
// a key over its rate gets 429 with Retry-After; a revoked key 401; every call is logged; every
// answer validates against the OpenAPI document served at /api/openapi.json. Webhooks for a shop
// approved in a partner's wilaya are queued in the approval and posted signed.

let t: TestDatabase
let adminId: string
let key15: string
let key16: string
const commune16 = communesOfWilaya(16)[0]!.code

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  adminId = (await createUser(t.db, { role: 'admin' })).id
  const category = await createCategory(t.db)
  for (const [communeCode, name] of [['15029', 'Tizi honey'], ['15029', 'Tizi pottery'], [commune16, 'Alger couscous']] as const) {
    const shop = await createShop(t.db, { communeCode, name })
    const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id })
    await createOrder(t.db, { shopId: shop.id, status: 'delivered', createdAt: new Date(), items: [{ productId: product.id, unitPrice: 150_000, quantity: 2 }] })
  }
  key15 = (await createPartnerKey(t.db, { adminId, name: 'DAS Tizi Ouzou', wilayaCodes: [15], datasets: ['shops', 'sales', 'payout-delays', 'moderation'] })).key
  key16 = (await createPartnerKey(t.db, { adminId, name: 'DAS Alger', wilayaCodes: [16], datasets: ['shops'], ratePerMinute: 2 })).key
})
afterAll(async () => {
  await t?.close()
})

let callsMade = 0
async function call(path: string, key?: string) {
  callsMade++
  const request = new Request(`http://localhost${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} })
  const dataset = new URL(request.url).pathname.split('/').at(-1)!
  const response = (await apiRoute.loader({ request, params: { dataset }, context: { clientIp: '10.0.0.9' } })) as Response
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> }
}

const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' } as never)
let validators: Record<string, ValidateFunction> | undefined
/** The response's schema taken from the served OpenAPI document (what a partner's client sees). */
async function schemaValidator(dataset: string) {
  if (!validators) {
    const response = (await docsRoute.loader()) as Response
    const document = (await response.json()) as { paths: Record<string, { get: { responses: Record<string, { content: { 'application/json': { schema: unknown } } }> } }>; components: { schemas: Record<string, unknown> } }
    ajv.addSchema({ $id: 'doc', components: document.components }, 'doc')
    const refFix = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'))
    ajv.removeSchema('doc')
    ajv.addSchema(refFix({ $id: 'doc', components: document.components }))
    validators = Object.fromEntries(
      Object.entries(document.paths).map(([path, item]) => [path.split('/').at(-1)!, ajv.compile(refFix(item.get.responses['200']!.content['application/json'].schema))]),
    )
  }
  return validators![dataset]!
}

describe('partner API', () => {
  it('shows a key only the rows of its wilayas, in the shape its OpenAPI document describes', async () => {
    const shops = await call('/api/v1/shops', key15)
    expect(shops.status).toBe(200)
    const rows = shops.body.data as { wilayaCode: number; name: string }[]
    expect(rows.map((r) => r.name).sort()).toEqual(['Tizi honey', 'Tizi pottery'])
    expect(rows.every((r) => r.wilayaCode === 15)).toBe(true)
    for (const dataset of ['shops', 'sales', 'payout-delays', 'moderation']) {
      const answer = dataset === 'shops' ? shops : await call(`/api/v1/${dataset}`, key15)
      const validate = await schemaValidator(dataset)
      expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true)
      expect((answer.body.data as { wilayaCode: number }[]).every((r) => r.wilayaCode === 15)).toBe(true)
    }
    const sales = await call('/api/v1/sales', key15)
    expect(sales.body.data).toEqual([expect.objectContaining({ wilayaCode: 15, orders: 2, salesCentimes: 600_000 })])
    expect(partnerOpenApiDocument().paths?.['/api/v1/shops']).toBeTruthy()
  })

  it('refuses a wilaya or a dataset outside the key’s scope', async () => {
    expect((await call('/api/v1/shops?wilaya=16', key15)).status).toBe(403)
    expect((await call('/api/v1/sales', key16)).status).toBe(403)
  })

  it('answers 429 with Retry-After once a key is over its rate', async () => {
    expect((await call('/api/v1/shops', key16)).status).toBe(200)
    const over = await call('/api/v1/shops', key16)
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  it('answers 401 without a key, with an unknown one, and with a revoked one', async () => {
    expect((await call('/api/v1/shops')).status).toBe(401)
    expect((await call('/api/v1/shops', 'tsq_not-a-key')).status).toBe(401)
    const { key, row } = await createPartnerKey(t.db, { adminId, name: 'Researcher', wilayaCodes: [15], datasets: ['shops'] })
    expect((await call('/api/v1/shops', key)).status).toBe(200)
    await revokePartnerKey(t.db, { adminId, keyId: row.id })
    expect((await call('/api/v1/shops', key)).status).toBe(401)
    const calls = await t.db.select().from(partnerApiCalls).where(eq(partnerApiCalls.keyId, row.id))
    expect(calls.map((c) => c.status)).toEqual(expect.arrayContaining([200, 401]))
  })

  it('logs every call, answered or refused', async () => {
    const [row] = await t.db.select({ n: count() }).from(partnerApiCalls)
    expect(callsMade).toBeGreaterThan(10)
    expect(row!.n).toBe(callsMade)
    const refused = await t.db.select().from(partnerApiCalls).where(eq(partnerApiCalls.status, 429))
    expect(refused).toHaveLength(1)
    expect(refused[0]).toMatchObject({ method: 'GET', path: '/api/v1/shops', ip: '10.0.0.9' })
  })

  it('queues a signed shop.approved webhook for partners of the wilaya when a shop is approved there', async () => {
    const { row, webhookSecret } = await createPartnerKey(t.db, { adminId, name: 'ANGEM 15', wilayaCodes: [15], datasets: ['shops'], webhookUrl: 'https://partner.example/hooks' })
    await createPartnerKey(t.db, { adminId, name: 'ANGEM 31', wilayaCodes: [31], datasets: ['shops'], webhookUrl: 'https://other.example/hooks' })
    const shop = await createShop(t.db, { communeCode: '15029', status: 'pending', name: 'New weaver' })
    const moderator = await createUser(t.db, { role: 'moderator' })
    await decideOnShop(t.db, { shopId: shop.id, actor: { id: moderator.id, role: 'moderator' }, decision: 'approve', siteUrl: 'http://localhost' })
    const queued = await t.db.select().from(partnerWebhooks)
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({ keyId: row.id, event: 'shop.approved' })

    const sent: { url: string; body: string; signature: string }[] = []
    const fakeFetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, body: String(init.body), signature: new Headers(init.headers).get('X-Taswiq-Signature') ?? '' })
      return new Response('ok')
    }) as unknown as typeof fetch
    const now = new Date()
    expect(await deliverDueWebhooks(t.db, { fetchImpl: fakeFetch, now })).toBe(1)
    expect(sent).toHaveLength(1)
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ event: 'shop.approved', shop: { name: 'New weaver', wilayaCode: 15 } })
    expect(sent[0]!.signature).toBe(signWebhook(webhookSecret!, sent[0]!.body, Math.floor(now.getTime() / 1000)))
    expect(await deliverDueWebhooks(t.db, { fetchImpl: fakeFetch })).toBe(0)
  })
})
