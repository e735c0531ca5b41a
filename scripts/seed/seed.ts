import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createId } from '@paralleldrive/cuid2'
import { count, eq, inArray, sql } from 'drizzle-orm'
import { hashPassword } from '~/modules/accounts/password.server'
import { getCommune } from '~/modules/geo/geo.server'
import { encodeImage, putEncodedImage, type EncodedImage } from '~/modules/media/images.server'
import { PLACEHOLDER_MOTIFS, renderPlaceholderPhoto } from '~/modules/media/placeholder.server'
import { loadSharp } from '~/modules/media/sharp.server'
import { getMediaStorage, getPrivateStorage, type MediaStorage } from '~/modules/media/storage.server'
import { ensureShopShippingRates } from '~/modules/shops/shipping.server'
import { connect, type DbConnection } from '#db/client'
import { migrate } from '#db/migrate'
import { assistanceArrangements, auditLog, categories, checkouts, facilitatorWilayas, orderEvents, orderItems, orders, productImages, products, reports, shopDocuments, shops, users } from '#db/schema'
import { seedApplications, seedAssisted, seedCategories, seedPendingProducts, seedProducts, seedReports, seedShops, type SeedProduct } from './seed-data'

/** Demo accounts, documented in the README. */
export const DEMO_PASSWORD = 'taswiq-demo-2026'
export const demoAccounts = {
  admin: { email: 'admin@taswiq.dz', name: 'مدير المنصة', role: 'admin' as const },
  moderator: { email: 'moderateur@taswiq.dz', name: 'Amina Moderatrice', role: 'moderator' as const },
  buyer: { email: 'client@taswiq.dz', name: 'ياسين المشتري', role: 'buyer' as const },
  // A social worker of the ministry's local cell in Constantine (issue 22): she helps the two demo
  // producers of `seedAssisted` (decision 021, 028).
  facilitator: { email: 'facilitatrice@taswiq.dz', name: 'نادية بوخالفة (خلية جوارية)', role: 'facilitator' as const },
}

/**
 * Fills the database with the demo marketplace. Idempotent: every row has a natural key (email,
 * slug) and existing rows are left as they are, so running it twice changes nothing.
 */
export async function seed(conn: DbConnection, { storage = getMediaStorage(), privateStorage = getPrivateStorage(), log = console.log } = {}) {
  const { db } = conn
  const started = Date.now()
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  await db
    .insert(categories)
    .values(seedCategories.map((c, position) => ({ slug: c.slug, nameAr: c.nameAr, nameFr: c.nameFr, nameEn: c.nameEn, position })))
    .onConflictDoNothing()
  const categoryRows = await db.select({ id: categories.id, slug: categories.slug }).from(categories)
  const categoryId = new Map(categoryRows.map((c) => [c.slug, c.id]))

  const people = [
    ...Object.values(demoAccounts),
    ...seedShops.map((s) => ({ email: s.ownerEmail, name: s.ownerName, role: 'producer' as const })),
    ...seedApplications.map((s) => ({ email: s.ownerEmail, name: s.ownerName, role: 'buyer' as const })),
  ]
  await db
    .insert(users)
    .values(people.map((p) => ({ ...p, passwordHash, emailVerifiedAt: new Date(), locale: 'ar' as const })))
    .onConflictDoNothing()
  const userRows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        people.map((p) => p.email.toLowerCase())
      )
    )
  const userId = new Map(userRows.map((u) => [(u.email ?? '').toLowerCase(), u.id]))
  const moderatorId = userId.get(demoAccounts.moderator.email)

  await db
    .insert(shops)
    .values(
      seedShops.map((s, i) => ({
        ownerId: userId.get(s.ownerEmail.toLowerCase())!,
        slug: s.slug,
        name: s.name,
        story: s.story,
        communeCode: s.communeCode,
        producerCategory: s.producerCategory,
        artisanCardNumber: s.artisanCardNumber,
        tradeRegisterNumber: s.tradeRegisterNumber,
        nif: s.nif,
        // Stored as the forms store it (+213…), like the addresses below.
        phone: `+213${s.phone.slice(1)}`,
        payoutMethod: s.payoutMethod,
        payoutAccount: s.payoutAccount,
        payoutHolderName: s.ownerName,
        status: 'approved' as const,
        submittedAt: new Date(Date.now() - (32 + i) * 86_400_000),
        reviewedBy: moderatorId,
        reviewedAt: new Date(Date.now() - (30 + i) * 86_400_000),
      }))
    )
    .onConflictDoNothing()
  const shopRows = await db.select({ id: shops.id, slug: shops.slug }).from(shops)
  const shopId = new Map(shopRows.map((s) => [s.slug, s.id]))
  for (const s of seedShops) await ensureShopShippingRates(db, shopId.get(s.slug)!)
  await seedApplicationsQueue(conn, privateStorage, userId, moderatorId)
  await seedFacilitator(conn, userId, shopId)

  // Published one after another over the last weeks, so "newest" has a believable order.
  const inserted = await db
    .insert(products)
    .values(
      seedProducts.map((p, i) => {
        const publishedAt = new Date(Date.now() - (seedProducts.length - i) * 5 * 3_600_000)
        return {
          shopId: shopId.get(p.shopSlug)!,
          slug: p.slug,
          title: p.title,
          description: p.description,
          categoryId: categoryId.get(p.categorySlug)!,
          price: p.priceDzd * 100,
          stock: p.stock,
          madeToOrderDays: p.madeToOrderDays,
          weightG: p.weightG,
          featured: p.featured,
          status: 'active' as const,
          reviewedBy: moderatorId,
          reviewedAt: publishedAt,
          publishedAt,
          createdAt: publishedAt,
        }
      })
    )
    .onConflictDoNothing()
    .returning({ id: products.id, slug: products.slug })

  await addPlaceholderPhotos(conn, storage, inserted)
  const pending = await seedReviewQueue(conn, storage, { shopId, categoryId, moderatorId })
  await seedOpenReports(conn, inserted, userId.get(demoAccounts.buyer.email))
  const newOrders = await seedDemoOrders(conn, userId.get(demoAccounts.buyer.email)!)
  log(
    `seed: ${inserted.length} new products (${seedProducts.length} in the demo set), ${pending} new awaiting review, ${newOrders} new demo orders, ${seedShops.length} shops, ` +
      `${categoryRows.length} categories in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
}

// Drawing and encoding a placeholder is most of the seed's time: each look (a category's hue and
// one of the motifs) is drawn and encoded once, then its files are written for every product using it.
const placeholderCache = new Map<string, Promise<EncodedImage>>()
function placeholderPhoto(hue: number, variant: number) {
  const key = `${hue}:${variant % PLACEHOLDER_MOTIFS}`
  let photo = placeholderCache.get(key)
  if (!photo) {
    photo = renderPlaceholderPhoto(hue, variant % PLACEHOLDER_MOTIFS).then(encodeImage)
    placeholderCache.set(key, photo)
  }
  return photo
}

async function addPlaceholderPhotos(
  conn: DbConnection,
  storage: MediaStorage,
  inserted: { id: string; slug: string }[],
  catalogue: SeedProduct[] = seedProducts,
  firstIndex = 0
) {
  const bySlug = new Map(catalogue.map((p, index) => [p.slug, { ...p, index: firstIndex + index }]))
  const hueOf = new Map(seedCategories.map((c) => [c.slug, c.hue]))
  const rows: (typeof productImages.$inferInsert)[] = []
  // Two at a time: sharp already uses the cores, more only adds memory.
  const queue = [...inserted]
  async function work() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const product = bySlug.get(next.slug)!
      for (let position = 0; position < product.photoCount; position++) {
        const photo = placeholderPhoto(hueOf.get(product.categorySlug) ?? 30, product.index + position)
        const stored = await putEncodedImage(storage, `products/${next.id}/${createId()}`, await photo)
        rows.push({ productId: next.id, ...stored, position, alt: product.title })
      }
    }
  }
  await Promise.all([work(), work()])
  if (rows.length) await conn.db.insert(productImages).values(rows)
}

/**
 * Listings waiting for review in the demo shops (one an edit of a listing that was public), with
 * placeholder photos. Only rows inserted now get photos, so a second run adds nothing.
 */
async function seedReviewQueue(
  conn: DbConnection,
  storage: MediaStorage,
  { shopId, categoryId, moderatorId }: { shopId: Map<string, string>; categoryId: Map<string, string>; moderatorId?: string }
) {
  const inserted = await conn.db
    .insert(products)
    .values(
      seedPendingProducts.map((p) => {
        const submittedAt = new Date(Date.now() - p.submittedHoursAgo * 3_600_000)
        const publishedAt = p.publishedDaysAgo ? new Date(Date.now() - p.publishedDaysAgo * 86_400_000) : null
        return {
          shopId: shopId.get(p.shopSlug)!,
          slug: p.slug,
          title: p.title,
          description: p.description,
          categoryId: categoryId.get(p.categorySlug)!,
          price: p.priceDzd * 100,
          stock: p.stock,
          madeToOrderDays: p.madeToOrderDays,
          weightG: p.weightG,
          featured: p.featured,
          ...p.versions,
          status: 'pending_review' as const,
          submittedAt,
          publishedAt,
          reviewedBy: publishedAt ? moderatorId : null,
          reviewedAt: publishedAt,
          createdAt: publishedAt ?? submittedAt,
        }
      })
    )
    .onConflictDoNothing()
    .returning({ id: products.id, slug: products.slug })
  // Offset so the queue's placeholders differ from the catalogue's.
  await addPlaceholderPhotos(conn, storage, inserted, seedPendingProducts, seedProducts.length)
  return inserted.length
}

/** Open reports on demo listings, added only together with their listing so a second run adds none. */
async function seedOpenReports(conn: DbConnection, inserted: { id: string; slug: string }[], buyerId?: string) {
  const idOf = new Map(inserted.map((p) => [p.slug, p.id]))
  const rows = seedReports
    .filter((r) => idOf.has(r.productSlug))
    .map((r) => ({
      targetType: 'product',
      targetId: idOf.get(r.productSlug)!,
      reasonCode: r.reasonCode,
      note: r.note,
      reporterId: r.reporter === 'buyer' ? buyerId ?? null : null,
      reporterIp: r.reporter === 'buyer' ? '105.100.12.34' : '41.200.7.89',
      createdAt: new Date(Date.now() - r.hoursAgo * 3_600_000),
    }))
  if (rows.length) await conn.db.insert(reports).values(rows)
}

/** Pending and rejected applications with a (generated) scan of the artisan card, for the moderation queue. */
async function seedApplicationsQueue(conn: DbConnection, privateStorage: MediaStorage, userId: Map<string, string>, moderatorId?: string) {
  const inserted = await conn.db
    .insert(shops)
    .values(
      seedApplications.map((a) => ({
        ownerId: userId.get(a.ownerEmail.toLowerCase())!,
        slug: a.slug,
        name: a.name,
        story: a.story,
        communeCode: a.communeCode,
        producerCategory: a.producerCategory,
        artisanCardNumber: a.artisanCardNumber,
        tradeRegisterNumber: a.tradeRegisterNumber,
        nif: a.nif,
        phone: `+213${a.phone.slice(1)}`,
        payoutMethod: a.payoutMethod,
        payoutAccount: a.payoutAccount,
        payoutHolderName: a.ownerName,
        status: a.status,
        submittedAt: new Date(Date.now() - a.submittedDaysAgo * 86_400_000),
        reviewedBy: a.status === 'rejected' ? moderatorId : null,
        reviewedAt: a.status === 'rejected' ? new Date(Date.now() - (a.submittedDaysAgo - 1) * 86_400_000) : null,
        reviewReasonCode: a.reviewReasonCode ?? null,
        reviewReason: a.reviewReason ?? null,
      }))
    )
    .onConflictDoNothing()
    .returning({ id: shops.id, name: shops.name })
  const documents: (typeof shopDocuments.$inferInsert)[] = []
  for (const [index, shop] of inserted.entries()) {
    const scan = await renderPlaceholderPhoto(40 + index * 90, index + 2)
    const jpeg = await (await loadSharp())(scan).resize(800).jpeg({ quality: 80 }).toBuffer()
    const storageKey = `shop-documents/${shop.id}/${createId()}.jpg`
    await privateStorage.put(storageKey, jpeg, 'image/jpeg')
    documents.push({ shopId: shop.id, storageKey, fileName: 'carte-artisan.jpg', contentType: 'image/jpeg', sizeBytes: jpeg.byteLength })
  }
  if (documents.length) await conn.db.insert(shopDocuments).values(documents)
}

/**
 * The demo facilitator's wilayas and her arrangements with the producers of `seedAssisted`, active
 * with the producer's consent by SMS code (decision 028). An arrangement is added only for a shop
 * she never had one with, so a second run (or an arrangement a producer ended) changes nothing.
 */
async function seedFacilitator(conn: DbConnection, userId: Map<string, string>, shopId: Map<string, string>) {
  const { db } = conn
  const facilitatorId = userId.get(demoAccounts.facilitator.email)!
  await db
    .insert(facilitatorWilayas)
    .values(seedAssisted.wilayaCodes.map((wilayaCode) => ({ userId: facilitatorId, wilayaCode })))
    .onConflictDoNothing()
  const had = new Set(
    (await db.select({ shopId: assistanceArrangements.shopId }).from(assistanceArrangements).where(eq(assistanceArrangements.facilitatorId, facilitatorId))).map((r) => r.shopId)
  )
  for (const slug of seedAssisted.shopSlugs) {
    const shop = seedShops.find((s) => s.slug === slug)!
    const id = shopId.get(slug)!
    if (had.has(id)) continue
    const producerId = userId.get(shop.ownerEmail.toLowerCase())!
    const consentedAt = new Date(Date.now() - 20 * 86_400_000)
    const [row] = await db
      .insert(assistanceArrangements)
      .values({ facilitatorId, producerId, shopId: id, status: 'active', consentMethod: 'sms_code', consentedAt, createdAt: consentedAt })
      .onConflictDoNothing()
      .returning({ id: assistanceArrangements.id })
    if (row)
      await db.insert(auditLog).values({
        actorId: facilitatorId,
        onBehalfOfId: producerId,
        action: 'assist.consent',
        targetType: 'shop',
        targetId: id,
        details: { method: 'sms_code', arrangementId: row.id },
        createdAt: consentedAt,
      })
  }
}

/** How many demo orders the seed writes (numbers DEMO-0001…), spread over the last 90 days. */
export const DEMO_ORDER_COUNT = 60

type DemoStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled' | 'returned'
// The statuses an order went through to reach its own, with the days after ordering each was reached.
const demoPath: Record<DemoStatus, [DemoStatus, number][]> = {
  pending: [['pending', 0]],
  confirmed: [
    ['pending', 0],
    ['confirmed', 0.5],
  ],
  shipped: [
    ['pending', 0],
    ['confirmed', 0.5],
    ['shipped', 1.5],
  ],
  delivered: [
    ['pending', 0],
    ['confirmed', 0.5],
    ['shipped', 1.5],
    ['delivered', 4],
  ],
  cancelled: [
    ['pending', 0],
    ['cancelled', 0.3],
  ],
  returned: [
    ['pending', 0],
    ['confirmed', 0.5],
    ['shipped', 1.5],
    ['delivered', 4],
    ['returned', 8],
  ],
}

/**
 * Order history for the statistics dashboard: DEMO_ORDER_COUNT orders of the demo buyer, in every
 * status, over the last 90 days, written directly (checkout, order, items, events; no stock
 * change) and marked as demo (number DEMO-…, event note "demo"). The number is the natural key: a
 * second run inserts nothing.
 */
async function seedDemoOrders(conn: DbConnection, buyerId: string) {
  const { db } = conn
  const productRows = await db.select({ id: products.id, slug: products.slug }).from(products).where(eq(products.status, 'active'))
  const productId = new Map(productRows.map((p) => [p.slug, p.id]))
  const shopRows = await db.select({ id: shops.id, slug: shops.slug }).from(shops)
  const shopId = new Map(shopRows.map((s) => [s.slug, s.id]))
  const shipCommunes = seedShops.map((s) => s.communeCode)
  const now = Date.now()
  const plans = Array.from({ length: DEMO_ORDER_COUNT }, (_, i) => {
    const shop = seedShops[(i * 5) % seedShops.length]!
    const catalogue = seedProducts.filter((p) => p.shopSlug === shop.slug && productId.has(p.slug))
    const lines = catalogue.length
      ? [catalogue[i % catalogue.length]!, ...(i % 3 === 0 && catalogue.length > 1 ? [catalogue[(i + 1) % catalogue.length]!] : [])]
      : []
    // Evenly over 90 days in a shuffled order; the newest are still open, the older mostly delivered.
    const daysAgo = 0.3 + ((i * 23) % DEMO_ORDER_COUNT) * 1.5
    const status: DemoStatus =
      daysAgo < 4.5 ? (i % 2 ? 'pending' : 'confirmed') : daysAgo < 9 ? 'shipped' : i % 8 === 5 ? 'cancelled' : i % 12 === 9 ? 'returned' : 'delivered'
    const communeCode = shipCommunes[(i * 3) % shipCommunes.length]!
    const items = lines.map((p, k) => ({ productId: productId.get(p.slug)!, title: p.title, unitPrice: p.priceDzd * 100, quantity: 1 + ((i + k) % 3) }))
    const subtotal = items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0)
    const key = String(i + 1).padStart(4, '0')
    return { key, shopId: shopId.get(shop.slug)!, communeCode, status, items, subtotal, createdAt: new Date(now - daysAgo * 86_400_000) }
  }).filter((plan) => plan.items.length > 0)

  await db
    .insert(checkouts)
    .values(
      plans.map((p) => ({ buyerId, idempotencyKey: `demo-order-${p.key}`, paymentMethod: 'cod' as const, total: p.subtotal + 40_000, createdAt: p.createdAt }))
    )
    .onConflictDoNothing()
  const checkoutRows = await db
    .select({ id: checkouts.id, key: checkouts.idempotencyKey })
    .from(checkouts)
    .where(
      inArray(
        checkouts.idempotencyKey,
        plans.map((p) => `demo-order-${p.key}`)
      )
    )
  const checkoutId = new Map(checkoutRows.map((c) => [c.key, c.id]))
  const inserted = await db
    .insert(orders)
    .values(
      plans.map((p) => ({
        number: `DEMO-${p.key}`,
        checkoutId: checkoutId.get(`demo-order-${p.key}`)!,
        shopId: p.shopId,
        buyerId,
        status: p.status,
        paymentMethod: 'cod' as const,
        paymentStatus: p.status === 'delivered' ? ('paid' as const) : ('unpaid' as const),
        deliveryMode: 'home' as const,
        shipName: 'ياسين المشتري (demo)',
        shipPhone: '+213661000000',
        shipCommuneCode: p.communeCode,
        shipWilayaCode: getCommune(p.communeCode)!.wilayaCode,
        shipStreet: 'Demo',
        subtotal: p.subtotal,
        shippingFee: 40_000,
        commissionBps: 1000,
        commission: Math.round(p.subtotal / 10),
        total: p.subtotal + 40_000,
        delayDays: 3,
        cancelReason: p.status === 'cancelled' ? 'demo' : null,
        createdAt: p.createdAt,
        updatedAt: p.createdAt,
      }))
    )
    .onConflictDoNothing()
    .returning({ id: orders.id, number: orders.number })
  if (!inserted.length) return 0
  const planOf = new Map(plans.map((p) => [`DEMO-${p.key}`, p]))
  await db
    .insert(orderItems)
    .values(inserted.flatMap((o) => planOf.get(o.number)!.items.map((item) => ({ orderId: o.id, ...item, lineTotal: item.unitPrice * item.quantity }))))
  await db.insert(orderEvents).values(
    inserted.flatMap((o) => {
      const plan = planOf.get(o.number)!
      return demoPath[plan.status].map(([to, days], k, path) => ({
        orderId: o.id,
        fromStatus: k === 0 ? null : path[k - 1]![0],
        toStatus: to,
        note: 'demo',
        createdAt: new Date(Math.min(now, plan.createdAt.getTime() + days * 86_400_000)),
      }))
    })
  )
  // Demo orders are history for the statistics only: they write no ledger entries, so every demo
  // producer's earnings start at zero (the payout browser test counts on it).
  return inserted.length
}

/** Seeds only a database that has no user yet: the first start of the embedded database. */
export async function seedIfEmpty(conn: DbConnection) {
  const [row] = await conn.db.select({ n: count() }).from(users)
  if ((row?.n ?? 0) > 0) return false
  console.log('Empty database: adding the demo marketplace (first start only)…')
  await seed(conn)
  return true
}

if (!('__TASWIQ_SERVER_BUNDLE__' in globalThis) && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const conn = await connect({ url: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR, max: 2 })
  await migrate(conn)
  await seed(conn)
  await conn.close()
}
