import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportCatalogCsv } from '~/modules/listings/catalog-csv.server'
import { requireProducerShop } from '~/modules/shops/access.server'
import { getDb } from '~/utils/db.server'

// /dashboard/products.csv — the shop's whole catalog, one row per product or combination, to edit
// in a spreadsheet and import back at /dashboard/products/import (decision 026).
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  return new Response(await exportCatalogCsv(await getDb(), shop.id), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-${shop.slug}-catalog.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
