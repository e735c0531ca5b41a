import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, products, shops } from '../../db/schema'
import { actingShopCookie } from '~/modules/assistance/acting-cookie.server'
import {
  ConsentMissingError,
  createFacilitator,
  endArrangement,
  getAssistanceForProducer,
  OutsideWilayasError,
  recordSignedConsent,
  startAssistedApplication,
  submitAssistedApplication,
} from '~/modules/assistance/assistance.server'
import { createDiskStorage } from '~/modules/media/storage.server'
import { decideOnShop } from '~/modules/moderation/shop-review.server'
import * as payoutsPage from '~/routes/dashboard+/payouts._index'
import * as newProductPage from '~/routes/dashboard+/products.new'
import * as settingsPage from '~/routes/dashboard+/settings'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createShop, createUser } from '../support/factories'
import { smallJpeg } from '../support/images'
import { callAction, sessionCookieFor, useDatabaseForRoutes } from '../support/route-actions'

// Issue 22, assisted selling, end to end on the real database and the real dashboard routes: an
// admin makes a facilitator for wilaya 15; she starts an application for a producer, uploads the
// signed consent form, sends it; a moderator approves; she lists a product from her own account
// (the ordinary dashboard route, through the shop gate); she can neither see nor change the payout
// account nor request a payout; every step is audited "by her on behalf of the producer" and the
// producer sees them; the producer ends the arrangement and the very next request is refused.

let t: TestDatabase
let dir: string
let facilitator: { id: string; name: string }
let facilitatorCookie: string
let producerId: string
let shopId: string
let arrangementId: string
let categoryId: string

const PAYOUT = { payoutMethod: 'ccp' as const, payoutAccount: '0012345678 90', payoutHolderName: 'Zohra Ait' }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-assist-'))
  const admin = await createUser(t.db, { role: 'admin', name: 'Admin' })
  const user = await createFacilitator(t.db, { adminId: admin.id, email: 'Nadia.Cell@social.dz', name: 'Nadia (cellule de proximité)', wilayaCodes: [15] })
  facilitator = { id: user.id, name: user.name }
  facilitatorCookie = await sessionCookieFor(t, user.id)
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const withShop = async (cookie: string, id: string) => `${cookie}; ${(await actingShopCookie(id)).split(';')[0]}`

function post(url: string, cookie: string, body: FormData | URLSearchParams) {
  return new Request(`http://localhost${url}`, { method: 'POST', headers: { Cookie: cookie, 'Accept-Language': 'ar', Origin: 'http://localhost' }, body })
}

async function productForm(title: string) {
  const form = new FormData()
  form.set('title', title)
  form.set('description', 'عسل طبيعي من جبال جرجرة')
  form.set('categoryId', categoryId)
  form.set('price', '2500')
  form.set('stock', '4')
  form.set('madeToOrderDays', '0')
  form.append('photos', new File([await smallJpeg()], 'honey.jpg', { type: 'image/jpeg' }))
  return form
}

describe('assisted selling', () => {
  it('refuses a commune outside the facilitator’s wilayas', async () => {
    await expect(
      startAssistedApplication(t.db, {
        facilitatorId: facilitator.id,
        producer: { email: 'far@example.dz', name: 'Far' },
        shop: { name: 'Oran shop', communeCode: '31001', producerCategory: 'rural_woman' },
      }),
    ).rejects.toBeInstanceOf(OutsideWilayasError)
  })

  it('creates the producer’s account and draft shop, waits for consent, then sends the application', async () => {
    const started = await startAssistedApplication(t.db, {
      facilitatorId: facilitator.id,
      producer: { email: 'zohra@example.dz', name: 'Zohra Ait', phone: '+213550000001' },
      shop: { name: 'عسل زهرة', communeCode: '15029', producerCategory: 'rural_woman', artisanCardNumber: 'AC-15-778', nif: '000115029001', ...PAYOUT },
      ip: '197.1.1.1',
    })
    producerId = started.producer.id
    shopId = started.shop.id
    arrangementId = started.arrangement.id
    expect(started.shop).toMatchObject({ ownerId: producerId, status: 'draft', payoutAccount: PAYOUT.payoutAccount })
    expect(started.arrangement.status).toBe('awaiting_consent')

    await expect(submitAssistedApplication(t.db, { facilitatorId: facilitator.id, arrangementId })).rejects.toBeInstanceOf(ConsentMissingError)

    const consented = await recordSignedConsent(t.db, createDiskStorage(dir), { facilitatorId: facilitator.id, arrangementId, fileName: 'consentement signé.jpg', bytes: await smallJpeg() })
    expect(consented).toMatchObject({ status: 'active', consentMethod: 'signed_form' })
    expect(consented.consentDocumentId).toBeTruthy()

    const sent = await submitAssistedApplication(t.db, { facilitatorId: facilitator.id, arrangementId })
    expect(sent.status).toBe('pending')

    const moderator = await createUser(t.db, { role: 'moderator' })
    expect(await decideOnShop(t.db, { shopId, actor: { id: moderator.id, role: 'moderator' }, decision: 'approve', siteUrl: 'http://localhost' })).toBe('approved')
  })

  it('lets the facilitator list a product on the producer’s shop from her own account, audited on her behalf', async () => {
    const cookie = await withShop(facilitatorCookie, shopId)
    const outcome = await callAction(newProductPage.action, post('/dashboard/products/new', cookie, await productForm('عسل السدر من زهرة')))
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/dashboard/products' })
    const [product] = await t.db.select().from(products).where(eq(products.shopId, shopId))
    expect(product).toMatchObject({ title: 'عسل السدر من زهرة', status: 'pending_review' })

    const [row] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'assist.act'), eq(auditLog.targetId, product!.id)))
    expect(row).toMatchObject({ actorId: facilitator.id, onBehalfOfId: producerId, targetType: 'product' })
    expect(row!.details).toMatchObject({ what: 'listings.toast.created', arrangementId })
  })

  it('never shows the payout account to the facilitator, and refuses her any change of it or payout request', async () => {
    const cookie = await withShop(facilitatorCookie, shopId)
    const page = await callAction(async (args) => settingsPage.loader(args), new Request('http://localhost/dashboard/settings', { headers: { Cookie: cookie, 'Accept-Language': 'ar' } }))
    expect(page).toMatchObject({ kind: 'data', data: { assisted: true, shop: { payoutAccount: '', payoutHolderName: '' } } })

    const change = new URLSearchParams({ intent: 'payout', payoutMethod: 'rip', payoutAccount: '00799999000123456789', payoutHolderName: 'Nadia' })
    expect(await callAction(settingsPage.action, post('/dashboard/settings', cookie, change))).toMatchObject({ kind: 'response', status: 403 })
    const [shop] = await t.db.select().from(shops).where(eq(shops.id, shopId))
    expect(shop).toMatchObject(PAYOUT)

    expect(await callAction(payoutsPage.action, post('/dashboard/payouts', cookie, new URLSearchParams({ intent: 'request' })))).toMatchObject({ kind: 'response', status: 403 })
    const payouts = await callAction(async (args) => payoutsPage.loader(args), new Request('http://localhost/dashboard/payouts', { headers: { Cookie: cookie, 'Accept-Language': 'ar' } }))
    expect(payouts).toMatchObject({ kind: 'response', status: 403 })
  })

  it('gives the facilitator nothing of a shop she has no arrangement with', async () => {
    const other = await createShop(t.db, { status: 'approved' })
    const outcome = await callAction(newProductPage.action, post('/dashboard/products/new', await withShop(facilitatorCookie, other.id), await productForm('منتج غريب')))
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/assist' })
    expect(await t.db.select().from(products).where(eq(products.shopId, other.id))).toHaveLength(0)
  })

  it('shows the producer every step taken on her behalf, by whom', async () => {
    const { arrangements, actions } = await getAssistanceForProducer(t.db, producerId)
    expect(arrangements).toMatchObject([{ id: arrangementId, status: 'active', facilitatorName: facilitator.name }])
    expect(actions.map((a) => a.action).reverse()).toEqual(['assist.application_start', 'assist.consent', 'assist.application_submit', 'assist.act'])
    expect(new Set(actions.map((a) => a.actorName))).toEqual(new Set([facilitator.name]))
  })

  it('lets the producer end the arrangement, and the facilitator loses access at once', async () => {
    await endArrangement(t.db, { userId: producerId, arrangementId })
    const cookie = await withShop(facilitatorCookie, shopId)
    const outcome = await callAction(newProductPage.action, post('/dashboard/products/new', cookie, await productForm('بعد النهاية')))
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/assist' })
    expect(await t.db.select().from(products).where(and(eq(products.shopId, shopId), eq(products.title, 'بعد النهاية')))).toHaveLength(0)
    const [ended] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'assist.end'))
    expect(ended).toMatchObject({ actorId: producerId, targetId: shopId })
    expect((await getAssistanceForProducer(t.db, producerId)).arrangements).toHaveLength(0)
  })
})
