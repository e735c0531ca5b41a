import { and, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { assistanceArrangements, auditLog, facilitatorWilayas, shops, users, verifications } from '#db/schema'
import { findUserByEmail } from '~/modules/accounts/accounts.server'
import { hashSecret, MAX_CODE_ATTEMPTS, newCode, smsText, VERIFICATION_CODE_TTL_MS } from '~/modules/accounts/phone.server'
import { consume, limits } from '~/modules/accounts/rate-limit.server'
import { kickSms, queueSms } from '~/modules/sms/sms.server'
import { writeAudit } from '~/modules/audit/audit.server'
import { getCommune } from '~/modules/geo/geo.server'
import type { MediaStorage } from '~/modules/media/storage.server'
import { rowsOf } from '~/utils/db.server'
import { addShopDocument, removeShopDocument, saveApplication, submitApplication, type ApplicationFields } from '~/modules/shops/application.server'

// Assisted selling (issue 22, decision 021). A facilitator — a local cell's social worker, an
// association, a cooperative manager — is created by an admin for one or more wilayas. She starts a
// seller application for a producer (whose own account is created or linked: the shop, its payout
// account and its money are the producer's), records the producer's consent, and while the
// arrangement is active works on that shop from her own account through the ordinary shop gate
// (`requireProducerShop`). Every step she takes is audited "by her on behalf of the producer", and
// the producer sees those rows and can end the arrangement at any moment.

export type Arrangement = typeof assistanceArrangements.$inferSelect
export type ConsentMethod = 'signed_form' | 'sms_code'

export class NotAFacilitatorError extends Error {}
export class OutsideWilayasError extends Error {}
export class ProducerUnavailableError extends Error {
  constructor(public reason: 'has_shop' | 'staff' | 'disabled') {
    super(`Producer account cannot be assisted: ${reason}`)
  }
}
export class ArrangementNotFoundError extends Error {}
export class ConsentMissingError extends Error {}

/** The wilayas an admin gave this facilitator. */
export async function facilitatorWilayaCodes(db: DbOrTx, userId: string) {
  const rows = await db.select({ code: facilitatorWilayas.wilayaCode }).from(facilitatorWilayas).where(eq(facilitatorWilayas.userId, userId))
  return rows.map((r) => r.code).sort((a, b) => a - b)
}

/**
 * An admin makes a facilitator (a new account, or an existing buyer's promoted) for these wilayas.
 * Without a password: she sets hers through "forgot password" on the e-mail given.
 */
export async function createFacilitator(db: Db, { adminId, email, name, wilayaCodes }: { adminId: string; email: string; name: string; wilayaCodes: number[] }) {
  return db.transaction(async (tx) => {
    const [admin] = await tx.select({ role: users.role }).from(users).where(eq(users.id, adminId))
    if (admin?.role !== 'admin') throw new NotAFacilitatorError('only an admin creates facilitators')
    const existing = await findUserByEmail(tx, email)
    if (existing && existing.role !== 'buyer' && existing.role !== 'facilitator') throw new ProducerUnavailableError(existing.role === 'producer' ? 'has_shop' : 'staff')
    const user = existing
      ? (await tx.update(users).set({ role: 'facilitator' }).where(eq(users.id, existing.id)).returning())[0]!
      : (await tx.insert(users).values({ email: email.trim().toLowerCase(), name, role: 'facilitator' }).returning())[0]!
    await tx.delete(facilitatorWilayas).where(eq(facilitatorWilayas.userId, user.id))
    const codes = [...new Set(wilayaCodes)]
    if (codes.length) await tx.insert(facilitatorWilayas).values(codes.map((wilayaCode) => ({ userId: user.id, wilayaCode })))
    await writeAudit(tx, { actorId: adminId, action: 'facilitator.create', targetType: 'user', targetId: user.id, details: { name: user.name, wilayaCodes: codes } })
    return user
  })
}

async function lockFacilitator(tx: DbOrTx, facilitatorId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, facilitatorId)).for('update')
  if (!user || user.role !== 'facilitator' || user.disabledAt) throw new NotAFacilitatorError()
  return user
}

export type AssistedApplicationInput = {
  facilitatorId: string
  producer: { email: string; name: string; phone?: string | null }
  shop: ApplicationFields & { name: string; communeCode: string }
  ip?: string | null
}

/**
 * Starts a seller application for a producer: her account (created without a password, or an
 * existing buyer's), her draft shop, and an arrangement waiting for her consent — one transaction.
 * The commune must be in one of the facilitator's wilayas.
 */
export async function startAssistedApplication(db: Db, input: AssistedApplicationInput) {
  const commune = getCommune(input.shop.communeCode)
  if (!commune) throw new OutsideWilayasError(`unknown commune ${input.shop.communeCode}`)
  return db.transaction(async (tx) => {
    await lockFacilitator(tx, input.facilitatorId)
    if (!(await facilitatorWilayaCodes(tx, input.facilitatorId)).includes(commune.wilayaCode)) throw new OutsideWilayasError()
    let producer = await findUserByEmail(tx, input.producer.email)
    if (producer) {
      if (producer.disabledAt) throw new ProducerUnavailableError('disabled')
      if (producer.role !== 'buyer' && producer.role !== 'producer') throw new ProducerUnavailableError('staff')
      const [shop] = await tx.select({ id: shops.id }).from(shops).where(eq(shops.ownerId, producer.id))
      if (shop) throw new ProducerUnavailableError('has_shop')
    } else {
      producer = (
        await tx
          .insert(users)
          .values({ email: input.producer.email.trim().toLowerCase(), name: input.producer.name, phone: input.producer.phone ?? null })
          .returning()
      )[0]!
    }
    // The shops module's own function, in this transaction (a savepoint).
    const shop = await saveApplication(tx as unknown as Db, producer.id, { phone: input.producer.phone ?? null, ...input.shop })
    const [arrangement] = await tx
      .insert(assistanceArrangements)
      .values({ facilitatorId: input.facilitatorId, producerId: producer.id, shopId: shop.id })
      .returning()
    await writeAudit(tx, {
      actorId: input.facilitatorId,
      onBehalfOfId: producer.id,
      action: 'assist.application_start',
      targetType: 'shop',
      targetId: shop.id,
      ip: input.ip,
      details: { shopName: shop.name, arrangementId: arrangement!.id },
    })
    return { producer, shop, arrangement: arrangement! }
  })
}

async function lockArrangementOf(tx: DbOrTx, facilitatorId: string, arrangementId: string) {
  const [row] = await tx
    .select()
    .from(assistanceArrangements)
    .where(and(eq(assistanceArrangements.id, arrangementId), eq(assistanceArrangements.facilitatorId, facilitatorId), ne(assistanceArrangements.status, 'ended')))
    .for('update')
  if (!row) throw new ArrangementNotFoundError()
  return row
}

/**
 * The producer's consent as a signed form: the scan or photo is kept with the application's
 * documents (private, re-encoded like them), and the arrangement becomes active. An SMS code is
 * the other way (`sendConsentCode` / `confirmConsentCode`, decision 028).
 */
export async function recordSignedConsent(
  db: Db,
  storage: MediaStorage,
  { facilitatorId, arrangementId, fileName, bytes, ip, now = new Date() }: { facilitatorId: string; arrangementId: string; fileName: string; bytes: Uint8Array; ip?: string | null; now?: Date },
) {
  const [pending] = await db
    .select()
    .from(assistanceArrangements)
    .where(and(eq(assistanceArrangements.id, arrangementId), eq(assistanceArrangements.facilitatorId, facilitatorId), eq(assistanceArrangements.status, 'awaiting_consent')))
  if (!pending) throw new ArrangementNotFoundError()
  const document = await addShopDocument(db, storage, { shopId: pending.shopId, fileName, bytes })
  // The document is stored (and its row committed) before the arrangement is locked: when this call
  // does not activate it — a double tap, a consent by SMS code in another tab at the same moment,
  // an arrangement ended meanwhile — the form it brought is removed again (row and file), so no
  // stray copy counts against the application's documents.
  let activated: Arrangement | null = null
  try {
    activated = await activate(db, { facilitatorId, arrangementId, method: 'signed_form', documentId: document.id, ip, now })
    return activated
  } finally {
    if (activated?.consentDocumentId !== document.id) await removeShopDocument(db, storage, { shopId: pending.shopId, documentId: document.id }).catch(() => false)
  }
}

/**
 * A document of the application (the artisan card, the register extract) added by the facilitator
 * while the arrangement is active and the application not yet sent. A signed consent form is one of
 * the application's documents already; with consent by SMS code the card must come this way, or the
 * application could never be sent. The shops module's own rules apply (count, type, re-encoding).
 */
export async function addAssistedDocument(
  db: Db,
  storage: MediaStorage,
  { facilitatorId, arrangementId, fileName, bytes, ip }: { facilitatorId: string; arrangementId: string; fileName: string; bytes: Uint8Array; ip?: string | null },
) {
  const [row] = await db
    .select()
    .from(assistanceArrangements)
    .where(and(eq(assistanceArrangements.id, arrangementId), eq(assistanceArrangements.facilitatorId, facilitatorId), eq(assistanceArrangements.status, 'active')))
  if (!row) throw new ArrangementNotFoundError()
  const document = await addShopDocument(db, storage, { shopId: row.shopId, fileName, bytes })
  await writeAudit(db, {
    actorId: facilitatorId,
    onBehalfOfId: row.producerId,
    action: 'assist.act',
    targetType: 'shop',
    targetId: row.shopId,
    ip,
    details: { what: 'assistance.documentAdded', arrangementId: row.id, documentId: document.id },
  })
  return document
}

/** The one transition to `active`, whatever the consent's form. */
export async function activate(
  db: Db,
  { facilitatorId, arrangementId, method, documentId = null, ip, now = new Date() }: { facilitatorId: string; arrangementId: string; method: ConsentMethod; documentId?: string | null; ip?: string | null; now?: Date },
) {
  const result = await db.transaction(async (tx) => {
    const row = await lockArrangementOf(tx, facilitatorId, arrangementId)
    return activateLocked(tx, row, { method, documentId, ip, now })
  })
  kickSms()
  return result
}

/**
 * `awaiting_consent → active` on a row the caller locked, in its transaction. After a signed form,
 * the producer also gets a text saying who now helps her and that she can end it (when her account
 * has a number): she learns of it from us, not only from the facilitator. After an SMS code she has
 * just read that in the code's own text.
 */
async function activateLocked(tx: DbOrTx, row: Arrangement, { method, documentId = null, ip, now }: { method: ConsentMethod; documentId?: string | null; ip?: string | null; now: Date }) {
  if (row.status !== 'awaiting_consent') return row
  const [updated] = await tx
    .update(assistanceArrangements)
    .set({ status: 'active', consentMethod: method, consentDocumentId: documentId, consentedAt: now })
    .where(eq(assistanceArrangements.id, row.id))
    .returning()
  await writeAudit(tx, { actorId: row.facilitatorId, onBehalfOfId: row.producerId, action: 'assist.consent', targetType: 'shop', targetId: row.shopId, ip, details: { method, documentId } })
  if (method === 'signed_form') {
    const parties = await arrangementParties(tx, row)
    if (parties.producer.phone)
      await queueSms(tx, {
        to: parties.producer.phone,
        kind: 'assist_notice',
        body: smsText(parties.producer.locale, 'phoneSms.assistActive', { name: parties.facilitatorName, shop: parties.shopName }),
      })
  }
  return updated!
}

async function arrangementParties(tx: DbOrTx, row: Arrangement) {
  const [producer] = await tx.select({ id: users.id, phone: users.phone, locale: users.locale }).from(users).where(eq(users.id, row.producerId))
  const [facilitator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.facilitatorId))
  const [shop] = await tx.select({ name: shops.name }).from(shops).where(eq(shops.id, row.shopId))
  return { producer: producer!, facilitatorName: facilitator!.name, shopName: shop!.name }
}

export class NoProducerPhoneError extends Error {}

// The consent code is bound to the arrangement and to the number it was texted to: it consents to
// this facilitator helping this shop, and only from that phone. The producer's own account number
// is used, never one typed now: for an account the facilitator did not create (a buyer who already
// had one), a number she typed could be her own.
const consentCodeHash = (producerId: string, arrangementId: string, phone: string, code: string) => hashSecret(`assist:${producerId}:${arrangementId}:${phone}:${code}`)

/**
 * Texts the producer a 6-digit consent code (decision 028). Its text names the facilitator and the
 * shop and says that giving the code lets her manage it: the producer gives it to the facilitator
 * beside her (or reads it over the phone) only if she agrees. An older code stops working. Returns
 * `limited` (nothing sent) when the number had its texts for the hour (`limits.smsPerNumber`).
 */
export async function sendConsentCode(
  db: Db,
  { facilitatorId, arrangementId, ip, now = new Date() }: { facilitatorId: string; arrangementId: string; ip?: string | null; now?: Date },
): Promise<{ status: 'sent'; code: string; to: string } | { status: 'limited' }> {
  const result = await db.transaction(async (tx) => {
    const row = await lockArrangementOf(tx, facilitatorId, arrangementId)
    if (row.status !== 'awaiting_consent') throw new ArrangementNotFoundError()
    const parties = await arrangementParties(tx, row)
    const phone = parties.producer.phone
    if (!phone) throw new NoProducerPhoneError()
    if (!(await consume(tx, `sms-number:${phone}`, limits.smsPerNumber, now)).allowed) return { status: 'limited' as const }
    const code = newCode()
    await tx
      .update(verifications)
      .set({ usedAt: now })
      .where(and(eq(verifications.userId, row.producerId), eq(verifications.type, 'assist_consent'), isNull(verifications.usedAt)))
    await tx.insert(verifications).values({
      userId: row.producerId,
      type: 'assist_consent',
      secretHash: consentCodeHash(row.producerId, row.id, phone, code),
      expiresAt: new Date(now.getTime() + VERIFICATION_CODE_TTL_MS),
    })
    await queueSms(tx, {
      to: phone,
      kind: 'assist_consent_code',
      body: smsText(parties.producer.locale, 'phoneSms.assistConsentCode', { code, name: parties.facilitatorName, shop: parties.shopName }),
    })
    await writeAudit(tx, { actorId: facilitatorId, onBehalfOfId: row.producerId, action: 'assist.consent_code_sent', targetType: 'shop', targetId: row.shopId, ip, details: { arrangementId: row.id } })
    return { status: 'sent' as const, code, to: phone }
  })
  if (result.status === 'sent') kickSms()
  return result
}

/**
 * The facilitator types the code the producer gave her: the right one (newest unused, unexpired,
 * fewer than `MAX_CODE_ATTEMPTS` wrong tries, locked so two guesses count one after the other)
 * activates the arrangement with `consent_method = 'sms_code'`, in the same transaction.
 */
export async function confirmConsentCode(
  db: Db,
  { facilitatorId, arrangementId, code, ip, now = new Date() }: { facilitatorId: string; arrangementId: string; code: string; ip?: string | null; now?: Date },
): Promise<'active' | 'wrong' | 'expired'> {
  return db.transaction(async (tx) => {
    const row = await lockArrangementOf(tx, facilitatorId, arrangementId)
    if (row.status !== 'awaiting_consent') throw new ArrangementNotFoundError()
    const [pending] = await tx
      .select()
      .from(verifications)
      .where(and(eq(verifications.userId, row.producerId), eq(verifications.type, 'assist_consent'), isNull(verifications.usedAt), gt(verifications.expiresAt, now)))
      .orderBy(desc(verifications.createdAt))
      .limit(1)
      .for('update')
    if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) return 'expired'
    const [producer] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, row.producerId))
    if (!producer?.phone || pending.secretHash !== consentCodeHash(row.producerId, row.id, producer.phone, code)) {
      await tx.update(verifications).set({ attempts: sql`${verifications.attempts} + 1` }).where(eq(verifications.id, pending.id))
      return 'wrong'
    }
    await tx.update(verifications).set({ usedAt: now }).where(eq(verifications.id, pending.id))
    await activateLocked(tx, row, { method: 'sms_code', ip, now })
    return 'active'
  })
}

/** Sends the assisted application for review — only once the producer has consented. */
export async function submitAssistedApplication(db: Db, { facilitatorId, arrangementId, ip }: { facilitatorId: string; arrangementId: string; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const row = await lockArrangementOf(tx, facilitatorId, arrangementId)
    if (row.status !== 'active') throw new ConsentMissingError()
    const shop = await submitApplication(tx as unknown as Db, row.producerId)
    await writeAudit(tx, { actorId: facilitatorId, onBehalfOfId: row.producerId, action: 'assist.application_submit', targetType: 'shop', targetId: row.shopId, ip, details: { shopName: shop.name } })
    return shop
  })
}

/**
 * Ends an arrangement: the producer (at any time) or the facilitator. From the next request the
 * shop gate no longer lets the facilitator in (it reads the status on every request).
 */
export async function endArrangement(db: Db, { userId, arrangementId, ip, now = new Date() }: { userId: string; arrangementId: string; ip?: string | null; now?: Date }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(assistanceArrangements)
      .where(and(eq(assistanceArrangements.id, arrangementId), ne(assistanceArrangements.status, 'ended')))
      .for('update')
    if (!row || (row.producerId !== userId && row.facilitatorId !== userId)) throw new ArrangementNotFoundError()
    await tx.update(assistanceArrangements).set({ status: 'ended', endedAt: now, endedBy: userId }).where(eq(assistanceArrangements.id, row.id))
    await writeAudit(tx, {
      actorId: userId,
      onBehalfOfId: userId === row.facilitatorId ? row.producerId : null,
      action: 'assist.end',
      targetType: 'shop',
      targetId: row.shopId,
      ip,
      details: { arrangementId: row.id, facilitatorId: row.facilitatorId },
    })
  })
}

/** The shop a facilitator may act on now: hers through an active arrangement, or null. */
export async function getAssistedShop(db: DbOrTx, facilitatorId: string, shopId: string) {
  const [row] = await db
    .select({ shop: shops, arrangementId: assistanceArrangements.id, producerId: assistanceArrangements.producerId, producerName: users.name })
    .from(assistanceArrangements)
    .innerJoin(shops, eq(shops.id, assistanceArrangements.shopId))
    .innerJoin(users, eq(users.id, assistanceArrangements.producerId))
    .where(and(eq(assistanceArrangements.facilitatorId, facilitatorId), eq(assistanceArrangements.shopId, shopId), eq(assistanceArrangements.status, 'active')))
    .limit(1)
  return row ?? null
}

/** What a facilitator's page lists: her producers, their shops and where each arrangement stands. */
export function listArrangementsOfFacilitator(db: DbOrTx, facilitatorId: string) {
  return db
    .select({
      id: assistanceArrangements.id,
      status: assistanceArrangements.status,
      consentMethod: assistanceArrangements.consentMethod,
      shopId: shops.id,
      shopName: shops.name,
      shopStatus: shops.status,
      producerName: users.name,
      producerPhone: users.phone,
      createdAt: assistanceArrangements.createdAt,
    })
    .from(assistanceArrangements)
    .innerJoin(shops, eq(shops.id, assistanceArrangements.shopId))
    .innerJoin(users, eq(users.id, assistanceArrangements.producerId))
    .where(and(eq(assistanceArrangements.facilitatorId, facilitatorId), ne(assistanceArrangements.status, 'ended')))
    .orderBy(desc(assistanceArrangements.createdAt))
}

/** The producer's view: who helps her (arrangements not ended) and every action taken on her behalf. */
export async function getAssistanceForProducer(db: DbOrTx, producerId: string, { limit = 100 } = {}) {
  const arrangements = await db
    .select({ id: assistanceArrangements.id, status: assistanceArrangements.status, facilitatorName: users.name, consentedAt: assistanceArrangements.consentedAt, createdAt: assistanceArrangements.createdAt })
    .from(assistanceArrangements)
    .innerJoin(users, eq(users.id, assistanceArrangements.facilitatorId))
    .where(and(eq(assistanceArrangements.producerId, producerId), ne(assistanceArrangements.status, 'ended')))
  const actions = await db
    .select({ id: auditLog.id, createdAt: auditLog.createdAt, action: auditLog.action, actorName: users.name, details: auditLog.details })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.onBehalfOfId, producerId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
  return { arrangements, actions: actions.map((a) => ({ ...a, details: (a.details ?? {}) as Record<string, unknown> })) }
}

/** For moderators: which of these shops are assisted now, and by whom. */
export async function assistedShops(db: DbOrTx, shopIds: string[]) {
  if (shopIds.length === 0) return new Map<string, string>()
  const rows = await db
    .select({ shopId: assistanceArrangements.shopId, facilitatorName: users.name })
    .from(assistanceArrangements)
    .innerJoin(users, eq(users.id, assistanceArrangements.facilitatorId))
    .where(and(inArray(assistanceArrangements.shopId, shopIds), ne(assistanceArrangements.status, 'ended')))
  return new Map(rows.map((r) => [r.shopId, r.facilitatorName]))
}

export type AssistContext = { facilitatorId: string; facilitatorName: string; producerId: string; producerName: string; arrangementId: string }

/**
 * One audit row for a step a facilitator took on a shop through the dashboard (a product listed,
 * an order confirmed…), "by her on behalf of the producer". Called by the dashboard's actions right
 * after the module call succeeded; nothing is written for the producer's own steps.
 */
export async function auditAssisted(
  db: DbOrTx,
  assist: AssistContext | null,
  entry: { what: string; targetType: string; targetId: string; details?: Record<string, unknown>; ip?: string | null },
) {
  if (!assist) return
  await writeAudit(db, {
    actorId: assist.facilitatorId,
    onBehalfOfId: assist.producerId,
    action: 'assist.act',
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    details: { what: entry.what, arrangementId: assist.arrangementId, ...entry.details },
  })
}

/** Counts for the impact figures: shops assisted now vs independent approved shops. */
export async function assistedVsIndependent(db: DbOrTx) {
  const [row] = await rowsOf<{ assisted: number; independent: number }>(
    db,
    sql`select count(*) filter (where a.id is not null)::int as assisted, count(*) filter (where a.id is null)::int as independent
        from shops s left join assistance_arrangements a on a.shop_id = s.id and a.status = 'active'
        where s.status = 'approved'`,
  )
  return row ?? { assisted: 0, independent: 0 }
}

/** The admin's list: every facilitator, her wilayas and how many producers she helps now. */
export async function listFacilitators(db: DbOrTx) {
  return rowsOf<{ id: string; name: string; email: string; wilayaCodes: number[]; active: number }>(
    db,
    sql`select u.id, u.name, u.email,
          coalesce((select array_agg(w.wilaya_code order by w.wilaya_code) from facilitator_wilayas w where w.user_id = u.id), '{}') as "wilayaCodes",
          (select count(*)::int from assistance_arrangements a where a.facilitator_id = u.id and a.status = 'active') as active
        from users u where u.role = 'facilitator' order by u.name`,
  )
}
