import type { ResponsiveImage } from '~/modules/media/responsive-image'

/** A product as the catalog's cards show it (built by `toCard` in catalog.server.ts); components import this type from here, not from the server module. */
export type ProductCard = {
  id: string
  slug: string
  title: string
  price: number
  stock: number
  madeToOrderDays: number
  shopName: string
  shopSlug: string
  wilayaName: string | null
  image: ResponsiveImage | null
}
