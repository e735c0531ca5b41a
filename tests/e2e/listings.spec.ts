import sharp from 'sharp'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

// A producer of an approved demo shop, on a 360 px phone in Arabic.
const PRODUCER = 'fatima.benali@demo.taswiq.dz'

function photo(name: string, colour: string) {
  return sharp({ create: { width: 900, height: 700, channels: 3, background: colour } })
    .jpeg({ quality: 70 })
    .toBuffer()
    .then((buffer) => ({ name, mimeType: 'image/jpeg', buffer }))
}

test('a producer adds a product with 3 photos, sees it pending review, and changes its stock in one tap', async ({ page }) => {
  // A long journey (several log-ins, each a deliberate password hash): more than the default 30 s on a busy machine.
  test.setTimeout(90_000)
  const title = `قفة حلفاء مزخرفة ${Date.now().toString(36)}`
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products')
  await expect(page.getByRole('heading', { name: 'منتجاتي' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/listings-list-ar-360.png', fullPage: false })

  await page.getByRole('link', { name: 'إضافة منتج' }).click()
  await expect(page.getByRole('heading', { name: 'منتج جديد' })).toBeVisible()
  await page.getByLabel('الصور').setInputFiles([await photo('1.jpg', '#b5793c'), await photo('2.jpg', '#6d8f3a'), await photo('3.jpg', '#3a6d8f')])
  await page.getByLabel('اسم المنتج').fill(title)
  await page.getByLabel('الوصف', { exact: true }).fill('قفة من الحلفاء مضفورة يدويًا، بمقبضين من الجلد.')
  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('2800')
  await page.getByLabel('الكمية المتوفرة').fill('5')
  await page.screenshot({ path: 'test-results/screens/listings-form-ar-360.png', fullPage: true })
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()

  await expect(page).toHaveURL(/\/dashboard\/products(#.*)?$/)
  await expect(page.getByText('أُرسل المنتج للمراجعة.')).toBeVisible()
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) })
  await expect(row.getByText('قيد المراجعة')).toBeVisible()
  await expect(row.locator('img')).toBeVisible()

  // One tap: type the count in hand and save, right from the list.
  await row.getByRole('spinbutton', { name: `كمية ${title}` }).fill('2')
  await row.getByRole('button', { name: `حفظ كمية ${title}` }).click()
  await expect(page.getByText('حُفظت الكمية.')).toBeVisible()
  await page.reload()
  await expect(row.getByRole('spinbutton', { name: `كمية ${title}` })).toHaveValue('2')
  await expect(row.getByText('قيد المراجعة')).toBeVisible()
  // Low stock is visible at a glance.
  await expect(row.getByText('بقيت قطعتان فقط')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/listings-list-after-ar-360.png', fullPage: false })

  // The product page shows the three photos, the first as cover; a page at 360 px never scrolls sideways.
  await row.getByRole('link', { name: title }).click()
  await expect(page.getByRole('img', { name: new RegExp(`^صورة \\d من ${title}$`) })).toHaveCount(3)
  await expect(page.getByText('الغلاف', { exact: true })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.screenshot({ path: 'test-results/screens/listings-edit-ar-360.png', fullPage: true })
})
