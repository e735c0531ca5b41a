import type { DbOrTx } from '#db/client'
import { responsiveImage } from '~/modules/media/images.server'
import { getMediaStorage } from '~/modules/media/storage.server'
import { estimateReadyDates, readyKey } from '~/modules/orders/capacity.server'
import { algeriaDay } from '~/utils/dates'
import { feeFor, quoteShipping, type CarrierFeeReader, type DeliveryMode } from '~/modules/shops/shipping.server'
import { groupByShop, listCartLines, type CartOwner } from './cart.server'

export type CartView = Awaited<ReturnType<typeof getCartView>>

/**
 * The cart as the buyer reads it: lines grouped by shop (one order per shop), each shop's
 * shipping to the chosen wilaya in the chosen mode, and the totals. Without a wilaya, shipping is
 * left open rather than guessed.
 */
export async function getCartView(
  db: DbOrTx,
  owner: CartOwner | null,
  {
    wilayaCode,
    deliveryMode,
    carrierFees,
  }: {
    wilayaCode: number | null
    deliveryMode: DeliveryMode
    /** Carrier shops' fees (the delivery module's cache); omitted: every shop's own table. */
    carrierFees?: CarrierFeeReader
  }
) {
  const lines = owner ? await listCartLines(db, owner) : []
  const groups = groupByShop(lines)
  const shopIds = groups.map((g) => g.shopId)
  const quotes = wilayaCode
    ? await quoteShipping(db, shopIds, wilayaCode, carrierFees && shopIds.length ? await carrierFees(db, shopIds, wilayaCode) : undefined)
    : new Map()
  // Made-to-order lines: the date they would be ready if ordered now (later when the producer's weeks are full).
  const ready = await estimateReadyDates(
    db,
    lines.filter((l) => l.available),
    algeriaDay(new Date())
  )
  const storage = getMediaStorage()
  const shops = groups.map(({ shopId, lines: shopLines }) => {
    const quote = quotes.get(shopId)
    const fee = quote ? feeFor(quote, deliveryMode) : null
    const subtotal = shopLines.filter((l) => l.available).reduce((sum, l) => sum + l.unitPrice * l.quantity, 0)
    return {
      shop: shopLines[0]!.shop,
      lines: shopLines.map((l) => ({
        productId: l.productId,
        variantId: l.variantId,
        variantLabel: l.variantLabel,
        /** Identifies the line in the page (a product may be in the cart in two sizes). */
        key: l.variantId ? `${l.productId}-${l.variantId}` : l.productId,
        slug: l.slug,
        title: l.title,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        stock: l.stock,
        available: l.available,
        lineTotal: l.unitPrice * l.quantity,
        /** Made to order: the date promised if ordered now, and the date without the capacity (earlier when weeks are full). */
        readyOn: ready.get(readyKey(l))?.readyOn ?? null,
        earliestReadyOn: ready.get(readyKey(l))?.earliest ?? null,
        image: l.imageKey ? responsiveImage(storage, { storageKey: l.imageKey, width: l.imageWidth ?? 640, height: l.imageHeight ?? 640 }) : null,
      })),
      subtotal,
      /** Null: no wilaya chosen yet, or no delivery in this mode there. */
      shippingFee: fee,
      deliveryAvailable: !quote || fee !== null,
      delayDays: quote?.delayDays ?? null,
    }
  })
  const itemsTotal = shops.reduce((sum, s) => sum + s.subtotal, 0)
  const shippingTotal = shops.every((s) => s.shippingFee !== null) ? shops.reduce((sum, s) => sum + (s.shippingFee ?? 0), 0) : null
  return {
    shops,
    units: lines.reduce((sum, l) => sum + l.quantity, 0),
    itemsTotal,
    shippingTotal,
    total: shippingTotal === null ? null : itemsTotal + shippingTotal,
    hasUnavailable: lines.some((l) => !l.available),
    /** The latest ready date shown (null: nothing made to order): the confirm form sends it back. */
    latestReadyOn: [...ready.values()].reduce<string | null>((latest, r) => (!latest || r.readyOn > latest ? r.readyOn : latest), null),
  }
}
