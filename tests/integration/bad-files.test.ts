import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ActionFunction } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startAssistedApplication, createFacilitator } from '~/modules/assistance/assistance.server'
import { MAX_PHOTOS } from '~/modules/listings/schemas'
import { openConversation, sendMessage } from '~/modules/messages/messages.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../support/factories'
import { decompressionBombPng, fakeHeic, fakePdfNamedJpg, smallJpeg } from '../support/images'
import {
  callAction,
  changedTables,
  fingerprint,
  localeKeys,
  sessionCookieFor,
  statusOf,
  toastKeyOf,
  translationProblems,
  useDatabaseForRoutes,
  visibleErrors,
} from '../support/route-actions'

// Bad files, posted to every form that takes one (the multipart side of bad-input.test.ts): an
// empty file, a truncated JPEG, a PDF or an SVG or plain text sent as image/jpeg, a HEIC, a
// decompression bomb, a name of 300 characters with direction marks, more files than the form
// takes. The rest of each form is valid, so the file is what is refused. Each answer is handled
// (never a 5xx) with a translated message, the database does not change and no file is left in
// the public or the private storage.

const dirs = vi.hoisted(() => {
  const base = `${process.env.TMPDIR ?? '/tmp'}/taswiq-bad-files-${process.pid}`
  process.env.UPLOADS_DIR = `${base}/public`
  process.env.PRIVATE_UPLOADS_DIR = `${base}/private`
  return { base }
})

type Role = 'producer' | 'buyer' | 'applicant' | 'facilitator'
let t: TestDatabase
let routeModules: Record<string, () => Promise<unknown>>
const cookies = new Map<Role, string>()
let f: { productId: string; categoryId: string; orderId: string; conversationId: string; arrangementId: string }

beforeAll(async () => {
  await mkdtemp(path.join(tmpdir(), 'unused-')).then((d) => rm(d, { recursive: true }))
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  routeModules = import.meta.glob('../../app/routes/**/*.{ts,tsx}')
  const now = new Date()
  const verified = { emailVerifiedAt: now }
  const category = await createCategory(t.db)
  const producer = await createUser(t.db, { ...verified, role: 'producer' })
  const shop = await createShop(t.db, { ownerId: producer.id })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id })
  const buyer = await createUser(t.db, verified)
  const order = await createOrder(t.db, {
    shopId: shop.id,
    buyerId: buyer.id,
    status: 'delivered',
    createdAt: now,
    items: [{ productId: product.id, unitPrice: 150_000, quantity: 1 }],
  })
  const conversationId = await openConversation(t.db, { buyerId: buyer.id, shopId: shop.id, productId: product.id })
  await sendMessage(t.db, null, { conversationId, senderId: buyer.id, body: 'Salam' })
  const applicant = await createUser(t.db, verified)
  await createShop(t.db, { ownerId: applicant.id, status: 'draft' })
  const admin = await createUser(t.db, { role: 'admin' })
  const facilitator = await createFacilitator(t.db, { adminId: admin.id, email: 'cell.badfiles@social.dz', name: 'Cellule', wilayaCodes: [15] })
  const started = await startAssistedApplication(t.db, {
    facilitatorId: facilitator.id,
    producer: { email: 'bad.files@example.dz', name: 'Fatma' },
    shop: { name: 'Tapis', communeCode: '15029', producerCategory: 'artisan' },
  })
  for (const [role, id] of Object.entries({ producer: producer.id, buyer: buyer.id, applicant: applicant.id, facilitator: facilitator.id }))
    cookies.set(role as Role, await sessionCookieFor(t, id))
  f = { productId: product.id, categoryId: category.id, orderId: order.id, conversationId, arrangementId: started.arrangement.id }
})

afterAll(async () => {
  await t?.close()
  await rm(dirs.base, { recursive: true, force: true })
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
})

/** `documents`: a PDF is one of the files the form takes (the application's documents), so not sent as a bad file. */
type Target = {
  file: string
  role: Role
  url: () => string
  params?: () => Record<string, string>
  fields: () => Record<string, string>
  fileField: string
  max: number
  documents?: boolean
}

const TARGETS: Target[] = [
  {
    file: 'dashboard+/products.new.tsx',
    role: 'producer',
    url: () => '/dashboard/products/new',
    fields: () => ({ title: 'Miel de jujubier', description: 'Récolté à Djelfa.', categoryId: f.categoryId, price: '2500', stock: '4', madeToOrderDays: '0' }),
    fileField: 'photos',
    max: MAX_PHOTOS,
  },
  {
    file: 'dashboard+/products.$productId.tsx',
    role: 'producer',
    url: () => `/dashboard/products/${f.productId}`,
    params: () => ({ productId: f.productId }),
    fields: () => ({}),
    fileField: 'photos',
    max: MAX_PHOTOS - 1,
  },
  { file: 'resources+/product-photos.ts', role: 'producer', url: () => '/resources/product-photos', fields: () => ({}), fileField: 'photo', max: 1 },
  { file: 'dashboard+/settings.tsx', role: 'producer', url: () => '/dashboard/settings', fields: () => ({}), fileField: 'logo', max: 1 },
  {
    file: '_store+/sell.tsx',
    role: 'applicant',
    url: () => '/sell?step=documents',
    fields: () => ({ intent: 'upload' }),
    fileField: 'document',
    max: 1,
    documents: true,
  },
  {
    file: 'account+/orders.$orderId.tsx',
    role: 'buyer',
    url: () => `/account/orders/${f.orderId}`,
    params: () => ({ orderId: f.orderId }),
    fields: () => ({ intent: 'return', reason: 'damaged', note: 'Le pot est arrivé cassé.' }),
    fileField: 'photos',
    max: 3,
  },
  {
    file: 'account+/messages.$conversationId.tsx',
    role: 'buyer',
    url: () => `/account/messages/${f.conversationId}`,
    params: () => ({ conversationId: f.conversationId }),
    fields: () => ({ body: 'Voici la photo' }),
    fileField: 'photos',
    max: 3,
  },
  {
    file: 'assist+/_index.tsx',
    role: 'facilitator',
    url: () => '/assist',
    fields: () => ({ intent: 'consent', arrangementId: f.arrangementId }),
    fileField: 'consent',
    max: 1,
    documents: true,
  },
]

type BadFile = { name: string; files: (max: number) => Promise<File[]> }
const jpegType = { type: 'image/jpeg' }
const BAD_FILES: BadFile[] = [
  { name: 'an empty file', files: async () => [new File([], 'vide.jpg', jpegType)] },
  { name: 'a truncated JPEG', files: async () => [new File([(await smallJpeg()).subarray(0, 600)], 'coupe.jpg', jpegType)] },
  { name: 'only the JPEG signature', files: async () => [new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'debut.jpg', jpegType)] },
  { name: 'a PDF sent as image/jpeg', files: async () => [new File([fakePdfNamedJpg()], 'photo.jpg', jpegType)] },
  {
    name: 'an SVG sent as image/jpeg',
    files: async () => [new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'], 'photo.jpg', jpegType)],
  },
  { name: 'text sent as image/jpeg', files: async () => [new File(['just some text, not an image'], 'photo.jpg', jpegType)] },
  { name: 'a HEIC', files: async () => [new File([fakeHeic()], 'IMG_0001.HEIC', { type: 'image/heic' })] },
  { name: 'a decompression bomb', files: async () => [new File([decompressionBombPng()], 'bombe.png', { type: 'image/png' })] },
  {
    name: 'a broken file with a 300-character name and direction marks',
    files: async () => [new File(['x'], `${'\u202Eصورة'.repeat(60)}.jpg`, jpegType)],
  },
  {
    name: 'more good files than the form takes',
    files: async (max) =>
      Promise.all(
        Array.from({ length: max + 2 }, async (_, i) => new File([await smallJpeg(`#${(i * 2 + 3).toString(16).padStart(3, '0')}`)], `${i}.jpg`, jpegType))
      ),
  },
]

async function countFiles() {
  const list = await readdir(dirs.base, { recursive: true, withFileTypes: true }).catch(() => [])
  return list.filter((e) => e.isFile()).length
}

describe('bad files to every form that takes one', () => {
  it.each(TARGETS.map((target) => [target.file, target] as const))('%s', async (_file, target) => {
    const { action } = (await routeModules[`../../app/routes/${target.file}`]!()) as { action: ActionFunction }
    const failures: string[] = []
    for (const bad of BAD_FILES) {
      if (target.documents && bad.name.startsWith('a PDF')) continue
      const form = new FormData()
      for (const [k, v] of Object.entries(target.fields())) form.append(k, v)
      for (const file of await bad.files(target.max)) form.append(target.fileField, file)
      const headers = new Headers({ Cookie: cookies.get(target.role)!, 'Accept-Language': 'ar-DZ,ar;q=0.9', Origin: 'http://localhost' })
      const before = await fingerprint(t)
      const files = await countFiles()
      const outcome = await callAction(
        action,
        new Request(new URL(target.url(), 'http://localhost'), { method: 'POST', headers, body: form }),
        target.params?.() ?? {}
      )
      const changed = changedTables(before, await fingerprint(t)).filter((table) => table !== 'rate_limits')
      const what = bad.name
      if (outcome.kind === 'error') failures.push(`${what}: server error ${(outcome.error as Error)?.stack?.split('\n').slice(0, 3).join(' ')}`)
      else if (outcome.status >= 500) failures.push(`${what}: status ${outcome.status}`)
      else if (outcome.kind === 'data') {
        // The order page names its return form's message `returnError`.
        const data = (typeof outcome.data === 'object' && outcome.data !== null ? outcome.data : { error: String(outcome.data) }) as Record<string, unknown>
        const body = typeof data.returnError === 'string' ? { ...data, error: data.returnError } : data
        if (visibleErrors(body).count === 0) failures.push(`${what}: an answer without an error ${JSON.stringify(outcome.data).slice(0, 160)}`)
        const problems = translationProblems(body)
        if (problems.length) failures.push(`${what}: ${problems.join('; ')}`)
      } else if (outcome.kind === 'redirect') {
        const toast = await toastKeyOf(outcome)
        if (toast && !localeKeys.has(toast)) failures.push(`${what}: toast ${toast} is not a locale key`)
      }
      if (changed.length) failures.push(`${what}: changed ${changed.join(', ')} (status ${statusOf(outcome)})`)
      const left = (await countFiles()) - files
      if (left) failures.push(`${what}: ${left} file(s) left in storage (status ${statusOf(outcome)})`)
    }
    expect(failures.join('\n')).toBe('')
  })
})
