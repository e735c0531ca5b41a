import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDataFiles } from '../../db/schema'
import { communesOfWilaya } from '~/modules/geo/geo.server'
import { type openDataDatasets, openDatasetNames } from '~/modules/opendata/dictionary'
import { generateOpenData, listOpenDataFiles } from '~/modules/opendata/opendata.server'
import * as fileRoute from '~/routes/_store+/open-data.$month.$file'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createOrder, createProduct, createShop } from '../support/factories'
import { useDatabaseForRoutes } from '../support/route-actions'

// Open data (issue 22): a commune with 4 producers never appears in any file (nor the next smallest
// commune of its wilaya, which would give it away by subtraction from the wilaya's total); every
// file's checksum is the SHA-256 of what is downloaded; the dictionary describes every column in
// Arabic, French and English.

let t: TestDatabase
const MONTH = '2026-11'
const [small, medium, large] = communesOfWilaya(15).slice(0, 3).map((c) => c.code) as [string, string, string]

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  const category = await createCategory(t.db, { slug: 'honey' })
  const plant = async (communeCode: string, n: number, producerCategory: 'rural_woman' | 'productive_family' = 'rural_woman') => {
    for (let i = 0; i < n; i++) {
      const shop = await createShop(t.db, { communeCode, producerCategory, reviewedAt: new Date('2026-10-01T00:00:00Z') })
      const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, status: 'active' })
      await createOrder(t.db, { shopId: shop.id, status: 'delivered', createdAt: new Date('2026-11-10T10:00:00Z'), items: [{ productId: product.id, unitPrice: 100_000, quantity: 1 }] })
    }
  }
  await plant(small, 4)
  await plant(medium, 5)
  await plant(large, 6, 'productive_family')
  await generateOpenData(t.db, MONTH)
})
afterAll(async () => {
  await t?.close()
})

describe('open data', () => {
  it('never publishes the 4-producer commune, nor the one that would reveal it', async () => {
    const files = await t.db.select().from(openDataFiles)
    expect(files.length).toBe((openDatasetNames.length + 1) * 2)
    // Only the by-commune files name communes: neither commune is in them, in CSV or JSON.
    for (const file of files.filter((f) => f.dataset !== 'dictionary' && f.dataset !== 'by-commune')) expect(file.content).not.toContain('commune')
    const csv = files.find((f) => f.dataset === 'by-commune' && f.format === 'csv')!.content.trim().split('\r\n')
    const column = csv[0]!.split(',').indexOf('commune_code')
    expect(csv.slice(1).map((line) => line.split(',')[column])).toEqual([large])
    const communes = JSON.parse(files.find((f) => f.dataset === 'by-commune' && f.format === 'json')!.content) as { rows: { commune_code: string; active_producers: number }[] }
    expect(communes.rows).toEqual([expect.objectContaining({ commune_code: large, active_producers: 6 })])
    // The wilaya's total (15 producers) and the category cell are big enough to be published.
    const wilayas = JSON.parse(files.find((f) => f.dataset === 'by-wilaya' && f.format === 'json')!.content) as { rows: Record<string, number>[] }
    expect(wilayas.rows).toEqual([expect.objectContaining({ wilaya_code: 15, active_producers: 15, orders: 15, sales_dzd: 15_000, rural_women_share: 60, producers_first_sale: 15 })])
  })

  it('serves each file with the SHA-256 the page lists', async () => {
    const [listed] = await listOpenDataFiles(t.db)
    expect(listed!.month).toBe(MONTH)
    for (const file of listed!.files) {
      const response = (await fileRoute.loader({ request: new Request(`http://localhost/open-data/${MONTH}/${file.dataset}.${file.format}`), params: { month: MONTH, file: `${file.dataset}.${file.format}` }, context: {} })) as Response
      expect(response.status).toBe(200)
      const bytes = Buffer.from(await response.arrayBuffer())
      // A CSV starts with the UTF-8 byte-order mark (spreadsheets read Arabic right), inside the checksum.
      if (file.format === 'csv') expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256)
      expect(response.headers.get('Digest') ?? response.headers.get('X-Checksum-SHA256')).toContain(file.sha256)
    }
  })

  it('has the dictionary in Arabic, French and English for every column published', async () => {
    const [dictionary] = await t.db.select().from(openDataFiles).where(and(eq(openDataFiles.dataset, 'dictionary'), eq(openDataFiles.format, 'json')))
    const parsed = JSON.parse(dictionary!.content) as { datasets: typeof openDataDatasets }
    for (const name of openDatasetNames) {
      const file = (await t.db.select().from(openDataFiles)).find((f) => f.dataset === name && f.format === 'json')!
      for (const column of (JSON.parse(file.content) as { columns: string[] }).columns) {
        const text = (parsed.datasets[name].columns as Record<string, { ar: string; fr: string; en: string }>)[column]!
        expect(text.ar).toMatch(/[\u0600-\u06FF]/)
        expect(text.fr.length).toBeGreaterThan(2)
        expect(text.en.length).toBeGreaterThan(2)
      }
    }
  })
})
