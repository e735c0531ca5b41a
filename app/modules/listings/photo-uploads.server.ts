import { createId } from '@paralleldrive/cuid2'
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { photoUploads, shops } from '#db/schema'
import { consume, peek, type Limit } from '~/modules/accounts/rate-limit.server'
import { encodeImage, putEncodedImage, removeImage, responsiveImage } from '~/modules/media/images.server'
import type { MediaStorage } from '~/modules/media/storage.server'

// Photos uploaded one by one from the product form (issue 16, decision 017): the phone sends each
// photo (already shrunk) as soon as it is chosen, the server checks and re-encodes it exactly like a
// photo posted with the form (media pipeline), stores it and keeps a `photo_uploads` row. Creating
// the product moves the row's key to `product_images` (createListing's `uploadIds`); a row never
// attached is removed with its files after a day (`cleanupStalePhotoUploads`, hourly in server.ts).

/** Unattached photos a shop may hold at once (8 photos × a few products being prepared). */
export const MAX_PENDING_UPLOADS = 40
/** Uploads per shop per hour, whatever happens to them: no one fills the disk through this route. */
export const uploadRateLimit: Limit = { points: 120, windowSeconds: 60 * 60 }
/** An unattached photo is kept this long (the producer may leave the form open overnight). */
export const PENDING_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000

/** The shop holds too many unattached photos or uploads too fast; `retryAfterSeconds` when it is the pace. */
export class UploadLimitError extends Error {
  constructor(public retryAfterSeconds: number | null) {
    super('Too many photo uploads')
    this.name = 'UploadLimitError'
  }
}

/** An upload id sent with the product form is unknown, another shop's, or was cleaned up. */
export class PhotoUploadMissingError extends Error {
  constructor() {
    super('A photo upload is missing or expired')
    this.name = 'PhotoUploadMissingError'
  }
}

/** The shop the producer acts for (the route's gate lets only approved shops upload). */
type ActingShop = { id: string; status: string }

export type StagedPhoto = { id: string; src: string; srcSet: string; width: number; height: number }

/**
 * Checks, re-encodes and stores one photo for the shop's next product. Limits are checked before
 * the costly encoding; the hourly counter counts the photos stored. Throws MediaError for a photo
 * the pipeline refuses.
 */
export async function stagePhotoUpload(
  db: DbOrTx,
  storage: MediaStorage,
  { shop, bytes }: { shop: ActingShop; bytes: Uint8Array },
  now = new Date(),
): Promise<StagedPhoto> {
  if (shop.status !== 'approved') throw new Error('Only an approved shop uploads photos')
  const since = new Date(now.getTime() - PENDING_UPLOAD_TTL_MS)
  if ((await heldUploads(db, shop.id, since)) >= MAX_PENDING_UPLOADS) throw new UploadLimitError(null)
  const paceKey = `photo-upload:${shop.id}`
  const pace = await peek(db, paceKey, uploadRateLimit, now)
  if (!pace.allowed) throw new UploadLimitError(pace.retryAfterSeconds)

  // The header checks refuse most bad files before any decoding; only stored photos are counted.
  const image = await encodeImage(bytes)
  await consume(db, paceKey, uploadRateLimit, now)
  const id = createId()
  const stored = await putEncodedImage(storage, `uploads/${shop.id}/${id}`, image)
  try {
    // Counted again under the shop row's lock: photos sent at once (several chosen together, two
    // tabs) cannot pass the limit together; the one refused here has its files removed below.
    await db.transaction(async (tx) => {
      await tx.select({ id: shops.id }).from(shops).where(eq(shops.id, shop.id)).for('update')
      if ((await heldUploads(tx, shop.id, since)) >= MAX_PENDING_UPLOADS) throw new UploadLimitError(null)
      await tx.insert(photoUploads).values({ id, shopId: shop.id, ...stored, bytesReceived: bytes.byteLength, createdAt: now })
    })
  } catch (error) {
    await removeImage(storage, stored.storageKey)
    throw error
  }
  const { src, srcSet, width, height } = responsiveImage(storage, stored)
  return { id, src, srcSet, width, height }
}

async function heldUploads(db: DbOrTx, shopId: string, since: Date) {
  const [held] = await db
    .select({ n: count() })
    .from(photoUploads)
    .where(and(eq(photoUploads.shopId, shopId), gte(photoUploads.createdAt, since)))
  return Number(held?.n ?? 0)
}

/** The producer removed a photo from the form before saving: its row and files go now (unknown ids are ignored). */
export async function discardPhotoUpload(db: DbOrTx, storage: MediaStorage, { shop, uploadId }: { shop: ActingShop; uploadId: string }) {
  const [row] = await db
    .delete(photoUploads)
    .where(and(eq(photoUploads.id, uploadId), eq(photoUploads.shopId, shop.id)))
    .returning({ storageKey: photoUploads.storageKey })
  if (row) await removeImage(storage, row.storageKey)
  return Boolean(row)
}

/**
 * Inside createListing's transaction: takes the shop's uploads `ids` (deleting their rows, so the
 * clean-up job can no longer remove their files) and returns them in the given order. A row the
 * clean-up deleted first, or another shop's id, fails the whole product (PhotoUploadMissingError).
 */
export async function claimPhotoUploads(tx: DbOrTx, shopId: string, ids: string[]) {
  if (ids.length === 0) return []
  const rows = await tx
    .delete(photoUploads)
    .where(and(eq(photoUploads.shopId, shopId), inArray(photoUploads.id, ids)))
    .returning({ id: photoUploads.id, storageKey: photoUploads.storageKey, width: photoUploads.width, height: photoUploads.height })
  if (rows.length !== ids.length) throw new PhotoUploadMissingError()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => {
    const { storageKey, width, height } = byId.get(id)!
    return { storageKey, width, height }
  })
}

/**
 * The job: photos uploaded more than a day ago and never attached to a product are removed, rows
 * first (one statement, so a product being created at that moment either claimed the row before or
 * fails cleanly), then their files. Returns how many went.
 */
export async function cleanupStalePhotoUploads(db: DbOrTx, storage: MediaStorage, now = new Date(), { batch = 500 } = {}) {
  const cutoff = new Date(now.getTime() - PENDING_UPLOAD_TTL_MS)
  let removed = 0
  for (;;) {
    const stale = db
      .select({ id: photoUploads.id })
      .from(photoUploads)
      .where(lt(photoUploads.createdAt, cutoff))
      .limit(batch)
    const rows = await db
      .delete(photoUploads)
      .where(inArray(photoUploads.id, sql`(${stale})`))
      .returning({ storageKey: photoUploads.storageKey })
    for (const row of rows) await removeImage(storage, row.storageKey)
    removed += rows.length
    if (rows.length < batch) return removed
  }
}
