import { createId } from '@paralleldrive/cuid2'
import { and, asc, count, eq } from 'drizzle-orm'
import { loadSharp } from '~/modules/media/sharp.server'
import type { Db, DbOrTx } from '#db/client'
import { shopDocuments, shops } from '#db/schema'
import { getCommune } from '~/modules/geo/geo.server'
import { sniffFileType } from '~/modules/media/file-type.server'
import type { MediaStorage } from '~/modules/media/storage.server'
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from './limits'
import { isStaff } from '~/modules/accounts/roles'

// The producer's side of the shop's life: a draft filled in steps, submitted for review, corrected
// and resubmitted after a rejection or a request for changes. Moderators' decisions live in
// ~/modules/moderation/shop-review.server.ts.


export type Shop = typeof shops.$inferSelect

/** Statuses in which the producer may still change the application. */
export const EDITABLE_STATUSES = ['draft', 'rejected'] as const
export const isEditable = (shop: Pick<Shop, 'status'>) => (EDITABLE_STATUSES as readonly string[]).includes(shop.status)

export class ApplicationLockedError extends Error {}
export class IncompleteApplicationError extends Error {
  constructor(public missing: string[]) {
    super(`Application incomplete: ${missing.join(', ')}`)
  }
}
export class DocumentRejectedError extends Error {
  constructor(public reason: 'type' | 'size' | 'count') {
    super(`Document refused: ${reason}`)
  }
}

export async function getShopOfOwner(db: DbOrTx, userId: string) {
  const [shop] = await db.select().from(shops).where(eq(shops.ownerId, userId)).limit(1)
  return shop ?? null
}

/** A URL-safe, unique slug: the Latin letters of the name (if any) and a short random tail. */
export function makeShopSlug(name: string) {
  const latin = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return `${latin || 'boutique'}-${createId().slice(0, 6)}`
}

export type ApplicationFields = Partial<
  Pick<
    Shop,
    | 'name'
    | 'story'
    | 'producerCategory'
    | 'communeCode'
    | 'phone'
    | 'artisanCardNumber'
    | 'tradeRegisterNumber'
    | 'nif'
    | 'payoutMethod'
    | 'payoutAccount'
    | 'payoutHolderName'
  >
>

/** Saves one step of the application, creating the draft shop on the first save. */
export async function saveApplication(db: Db, userId: string, fields: ApplicationFields) {
  if (fields.communeCode !== undefined && fields.communeCode !== null && !getCommune(fields.communeCode)) {
    throw new Error(`Unknown commune ${fields.communeCode}`)
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(shops).where(eq(shops.ownerId, userId)).for('update').limit(1)
    if (!existing) {
      const [created] = await tx
        .insert(shops)
        .values({
          ownerId: userId,
          slug: makeShopSlug(fields.name ?? ''),
          name: fields.name ?? '',
          producerCategory: fields.producerCategory ?? 'productive_family',
          ...fields,
          status: 'draft',
        })
        .returning()
      return created!
    }
    if (!isEditable(existing)) throw new ApplicationLockedError()
    const [updated] = await tx.update(shops).set(fields).where(eq(shops.id, existing.id)).returning()
    return updated!
  })
}

/** What is still missing before the application can be sent (field names, and `documents`). */
export async function missingForSubmission(db: DbOrTx, shop: Shop) {
  const missing: string[] = []
  if (!shop.name || shop.name.length < 2) missing.push('name')
  if (!shop.communeCode) missing.push('communeCode')
  if (!shop.phone) missing.push('phone')
  if (!shop.artisanCardNumber && !shop.tradeRegisterNumber) missing.push('artisanCardNumber')
  if (!shop.nif) missing.push('nif')
  if (!shop.payoutMethod || !shop.payoutAccount || !shop.payoutHolderName) missing.push('payoutAccount')
  if (!(await countDocuments(db, shop.id))) missing.push('documents')
  return missing
}

/** Sends the application for review (first time, or again after a rejection or a request for changes). */
export async function submitApplication(db: Db, userId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [shop] = await tx.select().from(shops).where(eq(shops.ownerId, userId)).for('update').limit(1)
    if (!shop) throw new IncompleteApplicationError(['name'])
    if (!isEditable(shop)) throw new ApplicationLockedError()
    const missing = await missingForSubmission(tx, shop)
    if (missing.length) throw new IncompleteApplicationError(missing)
    const [submitted] = await tx
      .update(shops)
      .set({ status: 'pending', submittedAt: now })
      .where(eq(shops.id, shop.id))
      .returning()
    return submitted!
  })
}

export function listShopDocuments(db: DbOrTx, shopId: string) {
  return db
    .select({ id: shopDocuments.id, fileName: shopDocuments.fileName, contentType: shopDocuments.contentType, sizeBytes: shopDocuments.sizeBytes, createdAt: shopDocuments.createdAt })
    .from(shopDocuments)
    .where(eq(shopDocuments.shopId, shopId))
    .orderBy(asc(shopDocuments.createdAt))
}

/**
 * Keeps a supporting document (photo or PDF of the artisan card…) in private storage. The type is
 * read from the bytes; photos are re-encoded, which drops their metadata (a phone photo's GPS).
 */
export async function addShopDocument(
  db: Db,
  storage: MediaStorage,
  { shopId, fileName, bytes }: { shopId: string; fileName: string; bytes: Uint8Array },
) {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw new DocumentRejectedError('size')
  const type = sniffFileType(bytes)
  if (!type) throw new DocumentRejectedError('type')
  // A first count before the costly re-encoding; the insert below counts again under the shop's lock.
  if ((await countDocuments(db, shopId)) >= MAX_DOCUMENTS) throw new DocumentRejectedError('count')

  let data = Buffer.from(bytes)
  let contentType: string = type.mime
  let extension = type.extension
  if (type.mime !== 'application/pdf') {
    const sharp = await loadSharp()
    try {
      data = await sharp(data, { limitInputPixels: 40_000_000 }).rotate().jpeg({ quality: 85 }).toBuffer()
      contentType = 'image/jpeg'
      extension = 'jpg'
    } catch {
      throw new DocumentRejectedError('type')
    }
  }
  const storageKey = `shop-documents/${shopId}/${createId()}.${extension}`
  await storage.put(storageKey, data, contentType)
  const safeName = fileName.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 120) || `document.${extension}`
  try {
    return await db.transaction(async (tx) => {
      await lockEditableShop(tx, shopId)
      if ((await countDocuments(tx, shopId)) >= MAX_DOCUMENTS) throw new DocumentRejectedError('count')
      const [document] = await tx
        .insert(shopDocuments)
        .values({ shopId, storageKey, fileName: safeName, contentType, sizeBytes: data.byteLength })
        .returning()
      return document!
    })
  } catch (error) {
    await storage.remove(storageKey)
    throw error
  }
}

/**
 * Locks the shop's row for a change to its documents: uploads and removals at once (two tabs, a
 * double tap) then wait for each other, so the count is exact, and none lands after the
 * application was sent (which takes the same lock).
 */
async function lockEditableShop(tx: DbOrTx, shopId: string) {
  const [shop] = await tx.select().from(shops).where(eq(shops.id, shopId)).for('update')
  if (!shop || !isEditable(shop)) throw new ApplicationLockedError()
}

async function countDocuments(db: DbOrTx, shopId: string) {
  const [row] = await db.select({ n: count() }).from(shopDocuments).where(eq(shopDocuments.shopId, shopId))
  return row?.n ?? 0
}

export async function removeShopDocument(db: Db, storage: MediaStorage, { shopId, documentId }: { shopId: string; documentId: string }) {
  const removed = await db.transaction(async (tx) => {
    await lockEditableShop(tx, shopId)
    const [row] = await tx
      .delete(shopDocuments)
      .where(and(eq(shopDocuments.id, documentId), eq(shopDocuments.shopId, shopId)))
      .returning()
    return row
  })
  if (removed) await storage.remove(removed.storageKey)
  return Boolean(removed)
}

/**
 * A private document for `viewer`: the shop's owner and moderators/admins get it, anyone else
 * gets null — the same null as an unknown id, so its existence is not revealed either.
 */
export async function getShopDocumentForViewer(db: DbOrTx, documentId: string, viewer: { id: string; role: string }) {
  const [row] = await db
    .select({ document: shopDocuments, ownerId: shops.ownerId })
    .from(shopDocuments)
    .innerJoin(shops, eq(shops.id, shopDocuments.shopId))
    .where(eq(shopDocuments.id, documentId))
    .limit(1)
  if (!row) return null
  const allowed = row.ownerId === viewer.id || isStaff(viewer)
  return allowed ? row.document : null
}
