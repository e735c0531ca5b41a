import { createId } from '@paralleldrive/cuid2'
import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { shops } from '#db/schema'
import { getCommune, getWilaya, placeName } from '~/modules/geo/geo.server'
import { sniffFileType } from '~/modules/media/file-type.server'
import { removeImage, responsiveImage, storeImage, type StoredImage } from '~/modules/media/images.server'
import { getMediaStorage, type MediaStorage } from '~/modules/media/storage.server'
import type { Language } from '~/utils/i18n'

/** The public face of an approved shop, or null (unknown, pending, rejected or suspended: all 404). */
export async function getPublicShop(db: DbOrTx, { slug, language }: { slug: string; language: Language }) {
  const [shop] = await db
    .select()
    .from(shops)
    .where(and(eq(shops.slug, slug), eq(shops.status, 'approved')))
    .limit(1)
  if (!shop) return null
  const commune = shop.communeCode ? getCommune(shop.communeCode) : undefined
  const wilaya = commune ? getWilaya(commune.wilayaCode) : undefined
  return {
    id: shop.id,
    slug: shop.slug,
    name: shop.name,
    story: shop.story,
    producerCategory: shop.producerCategory,
    communeName: commune ? placeName(commune, language) : null,
    wilayaName: wilaya ? placeName(wilaya, language) : null,
    verifiedAt: shop.reviewedAt,
    logo: shop.logoKey ? responsiveImage(getMediaStorage(), { storageKey: shop.logoKey, width: 640, height: 640 }) : null,
  }
}

export type ShopSettingsInput = { story?: string; phone: string }

export async function updateShopProfile(db: DbOrTx, shopId: string, input: ShopSettingsInput) {
  await db.update(shops).set({ story: input.story ?? '', phone: input.phone }).where(eq(shops.id, shopId))
}

export async function updatePayoutAccount(
  db: DbOrTx,
  shopId: string,
  input: { payoutMethod: 'ccp' | 'rip'; payoutAccount: string; payoutHolderName: string },
) {
  await db.update(shops).set(input).where(eq(shops.id, shopId))
}

/** The file sent as a logo is not a picture we can read (a PDF, another type, a broken image, or none). */
export class LogoRejectedError extends Error {
  constructor() {
    super('The logo is not a readable image')
    this.name = 'LogoRejectedError'
  }
}

/**
 * Stores `bytes` as the shop's logo (resized like product photos) and points the shop at it.
 * Throws LogoRejectedError, and changes nothing, when the bytes are not an image it can read.
 */
export async function replaceShopLogo(db: DbOrTx, storage: MediaStorage, { shopId, bytes }: { shopId: string; bytes: Uint8Array }) {
  const type = sniffFileType(bytes)
  if (!type || type.mime === 'application/pdf') throw new LogoRejectedError()
  let stored: StoredImage
  try {
    stored = await storeImage(storage, `shops/${shopId}/${createId()}`, Buffer.from(bytes))
  } catch {
    throw new LogoRejectedError()
  }
  // The files are stored first: a shop that is not there (anymore) or a failed write removes them
  // again, so no logo is left without the row pointing at it.
  try {
    const updated = await db.update(shops).set({ logoKey: stored.storageKey }).where(eq(shops.id, shopId)).returning({ id: shops.id })
    if (updated.length === 0) throw new LogoRejectedError()
  } catch (error) {
    await removeImage(storage, stored.storageKey).catch(() => undefined)
    throw error
  }
}

/** The id of the shop with this slug, whatever its status, or null. */
export async function findShopIdBySlug(db: DbOrTx, slug: string) {
  const [shop] = await db.select({ id: shops.id }).from(shops).where(eq(shops.slug, slug)).limit(1)
  return shop?.id ?? null
}
