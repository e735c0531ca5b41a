import sharp from 'sharp'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

const PRODUCER = 'souad.meziane@demo.taswiq.dz'

test('a producer creates a product without JavaScript (multipart form post)', async ({ page }) => {
  const title = `كسكس بالشعير ${Date.now().toString(36)}`
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products/new')
  const buffer = await sharp({ create: { width: 700, height: 700, channels: 3, background: '#d9b26f' } }).jpeg().toBuffer()
  await page.getByLabel('الصور').setInputFiles({ name: 'couscous.jpg', mimeType: 'image/jpeg', buffer })
  await page.getByLabel('اسم المنتج').fill(title)
  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('950')
  await page.getByLabel('الكمية المتوفرة').fill('20')
  await page.getByLabel('مدة التحضير (أيام)').fill('3')

  const post = page.waitForRequest((r) => r.method() === 'POST' && r.resourceType() === 'document')
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  const request = await post
  expect(request.headers()['content-type']).toMatch(/^multipart\/form-data/)

  await expect(page).toHaveURL(/\/dashboard\/products$/)
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) })
  await expect(row.getByText('قيد المراجعة')).toBeVisible()

  // A PDF dressed as a photo is refused next to the field, in Arabic, and nothing is created.
  await page.goto('/dashboard/products/new')
  await page.getByLabel('الصور').setInputFiles({ name: 'scan.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
  await page.getByLabel('اسم المنتج').fill(`${title} ب`)
  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('950')
  await page.getByLabel('الكمية المتوفرة').fill('20')
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'scan.jpg' })).toContainText('نقبل صور JPEG أو PNG أو WebP فقط.')
  await expect(page.getByLabel('اسم المنتج')).toHaveValue(`${title} ب`)
})
