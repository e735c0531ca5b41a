import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

const PRODUCER = 'souad.meziane@demo.taswiq.dz'

test('a producer changes the stock of two rows in the table without JavaScript (360 px, Arabic)', async ({ page }) => {
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products')
  await page.getByRole('link', { name: 'تعديل السعر والمخزون في جدول' }).click()
  await expect(page).toHaveURL(/\/dashboard\/products\/bulk$/)
  const rows = page.getByTestId('bulk-row')
  const stock = (i: number) => rows.nth(i).getByLabel('المخزون')
  const first = Number(await stock(0).inputValue()) + 3
  const second = Number(await stock(1).inputValue()) + 5
  const box = await stock(0).boundingBox()
  expect(box!.height).toBeGreaterThanOrEqual(44)
  await expect(stock(0)).toHaveAttribute('inputmode', 'numeric')

  // A bad price on another row: a translated error next to it, nothing saved, typed values kept.
  await stock(0).fill(String(first))
  await stock(1).fill(String(second))
  await rows.nth(2).getByLabel('السعر (دج)').fill('12.345')
  await page.getByRole('button', { name: 'حفظ الكل' }).click()
  await expect(page.getByRole('alert')).toContainText('لم يُحفظ شيء')
  await expect(rows.nth(2).getByTestId('bulk-row-errors')).toBeVisible()
  await expect(stock(0)).toHaveValue(String(first))
  await page.screenshot({ path: 'test-results/screens/bulk-edit-error-ar-360.png', fullPage: false })

  await page.goto('/dashboard/products/bulk')
  await expect(stock(0)).toHaveValue(String(first - 3))
  await stock(0).fill(String(first))
  await stock(1).fill(String(second))
  await page.getByRole('button', { name: 'حفظ الكل' }).click()
  await expect(page).toHaveURL(/\/dashboard\/products\/bulk$/)
  await expect(stock(0)).toHaveValue(String(first))
  await expect(stock(1)).toHaveValue(String(second))
  await page.screenshot({ path: 'test-results/screens/bulk-edit-ar-360.png', fullPage: false })
})
