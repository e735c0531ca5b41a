import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assistanceArrangements, auditLog, products, smsOutbox } from '../../db/schema'
import { actingShopCookie } from '~/modules/assistance/acting-cookie.server'
import {
  ArrangementNotFoundError,
  confirmConsentCode,
  createFacilitator,
  endArrangement,
  getAssistanceForProducer,
  NoProducerPhoneError,
  recordSignedConsent,
  sendConsentCode,
  startAssistedApplication,
  submitAssistedApplication,
} from '~/modules/assistance/assistance.server'
import { createDiskStorage } from '~/modules/media/storage.server'
import { decideOnShop } from '~/modules/moderation/shop-review.server'
import * as assistPage from '~/routes/assist+/_index'
import * as newProductPage from '~/routes/dashboard+/products.new'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createUser } from '../support/factories'
import { smallJpeg } from '../support/images'
import { callAction, sessionCookieFor, toastKeyOf, useDatabaseForRoutes } from '../support/route-actions'

// Issue 22's integration test with the SMS code (decision 028): a facilitator starts an application
// for a producer → the consent code is texted to the producer's own number → a wrong code changes
// nothing, the right one activates the arrangement (`sms_code`) → the application is sent and
// approved → the facilitator lists a product; every step is audited "on behalf of" the producer;
// the producer ends it and the facilitator loses access at once. Through the /assist route's action
// for the two new intents, as the browser posts them.

let t: TestDatabase
let dir: string
let facilitatorId: string
let facilitatorCookie: string
let categoryId: string

const PAYOUT = { payoutMethod: 'ccp' as const, payoutAccount: '0012345678 90', payoutHolderName: 'Houria B.' }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  dir = await mkdtemp(path.join(tmpdir(), 'taswiq-assist-sms-'))
  const admin = await createUser(t.db, { role: 'admin' })
  const facilitator = await createFacilitator(t.db, { adminId: admin.id, email: 'cellule.constantine@social.dz', name: 'Nadia B.', wilayaCodes: [25] })
  facilitatorId = facilitator.id
  facilitatorCookie = await sessionCookieFor(t, facilitator.id)
  categoryId = (await createCategory(t.db)).id
})
afterAll(async () => {
  await t?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

function post(url: string, cookie: string, body: FormData | URLSearchParams) {
  return new Request(`http://localhost${url}`, { method: 'POST', headers: { Cookie: cookie, 'Accept-Language': 'ar', Origin: 'http://localhost' }, body })
}
const assist = (fields: Record<string, string>) => callAction(assistPage.action, post('/assist', facilitatorCookie, new URLSearchParams(fields)))
const textsTo = (phone: string) => t.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, phone))
const arrangement = async (id: string) => (await t.db.select().from(assistanceArrangements).where(eq(assistanceArrangements.id, id)))[0]!

async function start(email: string, phone: string | undefined, shopName: string) {
  return startAssistedApplication(t.db, {
    facilitatorId,
    producer: { email, name: 'Houria Bouzid', phone },
    shop: { name: shopName, communeCode: '25013', producerCategory: 'rural_woman', artisanCardNumber: 'AC-25-101', nif: '000125001001', ...PAYOUT },
  })
}

describe('consent by SMS code', () => {
  let producerId: string
  let shopId: string
  let arrangementId: string

  it('texts the code to the producer’s number, naming the facilitator; a wrong code changes nothing; the right one activates', async () => {
    const started = await start('houria@example.dz', '+213661112233', 'حلويات حورية')
    ;({ id: arrangementId, producerId, shopId } = started.arrangement)

    const sent = await assist({ intent: 'sendCode', arrangementId })
    expect(sent.kind).toBe('redirect')
    expect(await toastKeyOf(sent)).toBe('assistance.codeSent')
    const [text] = await textsTo('+213661112233')
    expect(text).toMatchObject({ kind: 'assist_consent_code' })
    expect(text!.body).toContain('Nadia B.')
    const code = text!.body.match(/\b(\d{6})\b/)![1]!

    const wrong = code === '000000' ? '111111' : '000000'
    const refused = await assist({ intent: 'confirmCode', arrangementId, code: wrong })
    expect(refused).toMatchObject({ kind: 'data', data: { message: 'الرمز غير صحيح.' } })
    expect((await arrangement(arrangementId)).status).toBe('awaiting_consent')
    await expect(submitAssistedApplication(t.db, { facilitatorId, arrangementId })).rejects.toThrow()

    const ok = await assist({ intent: 'confirmCode', arrangementId, code: code.replace(/(\d{3})/, '$1 ') })
    expect(await toastKeyOf(ok)).toBe('assistance.consented')
    expect(await arrangement(arrangementId)).toMatchObject({ status: 'active', consentMethod: 'sms_code', consentDocumentId: null })
    // Spent: the same code does not work twice (the arrangement is no longer waiting, either).
    await expect(confirmConsentCode(t.db, { facilitatorId, arrangementId, code })).rejects.toBeInstanceOf(ArrangementNotFoundError)
  })

  it('then: the card added, sent, approved, a product listed by the facilitator, every step audited on the producer’s behalf; she ends it', async () => {
    // No signed form this time: the application's card comes through /assist, or it cannot be sent.
    const card = new FormData()
    card.set('intent', 'document')
    card.set('arrangementId', arrangementId)
    card.append('consent', new File([await smallJpeg()], 'carte-artisan.jpg', { type: 'image/jpeg' }))
    expect(await toastKeyOf(await callAction(assistPage.action, post('/assist', facilitatorCookie, card)))).toBe('assistance.documentAdded')
    expect((await submitAssistedApplication(t.db, { facilitatorId, arrangementId })).status).toBe('pending')
    const moderator = await createUser(t.db, { role: 'moderator' })
    expect(await decideOnShop(t.db, { shopId, actor: { id: moderator.id, role: 'moderator' }, decision: 'approve', siteUrl: 'http://localhost' })).toBe('approved')

    const cookie = `${facilitatorCookie}; ${(await actingShopCookie(shopId)).split(';')[0]}`
    const form = new FormData()
    for (const [k, v] of Object.entries({ title: 'مقروط اللوز', description: 'مقروط باللوز والعسل، مصنوع في البيت', categoryId, price: '1200', stock: '10', madeToOrderDays: '0' })) form.set(k, v)
    form.append('photos', new File([await smallJpeg()], 'makrout.jpg', { type: 'image/jpeg' }))
    expect(await callAction(newProductPage.action, post('/dashboard/products/new', cookie, form))).toMatchObject({ kind: 'redirect', location: '/dashboard/products' })
    expect(await t.db.select().from(products).where(eq(products.shopId, shopId))).toHaveLength(1)

    const { actions } = await getAssistanceForProducer(t.db, producerId)
    expect(actions.map((a) => a.action).reverse()).toEqual(['assist.application_start', 'assist.consent_code_sent', 'assist.consent', 'assist.act', 'assist.application_submit', 'assist.act'])
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.targetId, shopId))
    expect(rows.filter((r) => r.action.startsWith('assist.')).every((r) => r.actorId === facilitatorId && r.onBehalfOfId === producerId)).toBe(true)
    expect(rows.find((r) => r.action === 'assist.consent')!.details).toMatchObject({ method: 'sms_code' })

    await endArrangement(t.db, { userId: producerId, arrangementId })
    const after = new FormData()
    for (const [k, v] of Object.entries({ title: 'بعد النهاية', description: 'لا ينبغي أن يُحفظ هذا المنتج أبدًا', categoryId, price: '1200', stock: '1', madeToOrderDays: '0' })) after.set(k, v)
    expect(await callAction(newProductPage.action, post('/dashboard/products/new', cookie, after))).toMatchObject({ kind: 'redirect', location: '/assist' })
    expect(await t.db.select().from(products).where(and(eq(products.shopId, shopId), eq(products.title, 'بعد النهاية')))).toHaveLength(0)
  })

  it('binds the code to its arrangement and number, dies after 5 wrong tries, and a new code replaces the old', async () => {
    const started = await start('samira@example.dz', '+213771234567', 'فخار سميرة')
    const id = started.arrangement.id
    const first = await sendConsentCode(t.db, { facilitatorId, arrangementId: id })
    const second = await sendConsentCode(t.db, { facilitatorId, arrangementId: id })
    if (first.status !== 'sent' || second.status !== 'sent') throw new Error('not sent')
    expect(second.to).toBe('+213771234567')
    // The first code is checked against the newest one only: wrong (and counted).
    const wrong = second.code === '123456' ? '654321' : '123456'
    expect(await confirmConsentCode(t.db, { facilitatorId, arrangementId: id, code: first.code === second.code ? wrong : first.code })).toBe('wrong')
    for (let i = 0; i < 4; i++) expect(await confirmConsentCode(t.db, { facilitatorId, arrangementId: id, code: wrong })).toBe('wrong')
    expect(await confirmConsentCode(t.db, { facilitatorId, arrangementId: id, code: second.code })).toBe('expired')
    expect((await arrangement(id)).status).toBe('awaiting_consent')

    // Another facilitator's arrangement is not hers to send codes for or to confirm.
    const admin = await createUser(t.db, { role: 'admin' })
    const other = await createFacilitator(t.db, { adminId: admin.id, email: 'other.cell@social.dz', name: 'Other', wilayaCodes: [25] })
    await expect(sendConsentCode(t.db, { facilitatorId: other.id, arrangementId: id })).rejects.toBeInstanceOf(ArrangementNotFoundError)
    const forOther = await assist({ intent: 'sendCode', arrangementId: 'no-such-arrangement' })
    expect(forOther).toMatchObject({ kind: 'response', status: 404 })
  })

  it('stops at 5 texts per number per hour, like every SMS with a code', async () => {
    const started = await start('karima@example.dz', '+213550998877', 'عسل كريمة')
    const id = started.arrangement.id
    for (let i = 0; i < 5; i++) expect((await sendConsentCode(t.db, { facilitatorId, arrangementId: id })).status).toBe('sent')
    const limited = await assist({ intent: 'sendCode', arrangementId: id })
    expect(limited).toMatchObject({ kind: 'data', data: { message: 'أُرسلت رسائل كثيرة إلى هذا الرقم. حاولي بعد ساعة.' } })
    expect(await textsTo('+213550998877')).toHaveLength(5)
  })

  it('refuses the SMS way for an account without a number (an existing buyer’s), which a typed number cannot replace', async () => {
    const buyer = await createUser(t.db, { email: 'buyer.nophone@example.dz', name: 'Buyer' })
    const started = await start(buyer.email, '+213660000999', 'متجر بلا رقم')
    await expect(sendConsentCode(t.db, { facilitatorId, arrangementId: started.arrangement.id })).rejects.toBeInstanceOf(NoProducerPhoneError)
    const answer = await assist({ intent: 'sendCode', arrangementId: started.arrangement.id })
    expect(answer).toMatchObject({ kind: 'data', data: { message: 'لا يوجد رقم هاتف في حسابها: سجّلي موافقتها باستمارة موقّعة.' } })
    expect(await textsTo('+213660000999')).toHaveLength(0)
  })

  it('texts the producer when a signed form made the arrangement active: she hears of it from us', async () => {
    const started = await start('nawal@example.dz', '+213662223344', 'نسيج نوال')
    await recordSignedConsent(t.db, createDiskStorage(dir), { facilitatorId, arrangementId: started.arrangement.id, fileName: 'accord.jpg', bytes: await smallJpeg() })
    const [notice] = await textsTo('+213662223344')
    expect(notice).toMatchObject({ kind: 'assist_notice' })
    expect(notice!.body).toContain('Nadia B.')
    expect(notice!.body).toContain('نسيج نوال')
  })
})
