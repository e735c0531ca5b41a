import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

const PRODUCER = 'souad.meziane@demo.taswiq.dz'

// The price/stock table on the phone (360 px, Arabic): the save button stays at hand at the bottom
// of the screen (sticky) but never sits on a row being typed in — not on the last rows at the end
// of the list, nor on a row brought into view from the keyboard (Tab from the row above).
test('the sticky save button never covers the row being edited, down to the last one', async ({ page }) => {
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products/bulk')
  const rows = page.getByTestId('bulk-row')
  const save = page.getByRole('button', { name: 'حفظ الكل' })
  const count = await rows.count()
  expect(count).toBeGreaterThan(2)
  const overlap = async (i: number) => {
    const row = (await rows.nth(i).getByLabel('المخزون').boundingBox())!
    const button = (await save.boundingBox())!
    return row.y + row.height > button.y && button.y + button.height > row.y
  }
  // From the first price field, Tab through every field: each one focused is in view and clear of the button.
  await rows.nth(0).getByLabel('السعر (دج)').focus()
  for (let i = 0; i < count; i++) {
    await rows.nth(i).getByLabel('المخزون').focus()
    expect(await overlap(i), `row ${i + 1} of ${count}`).toBe(false)
    if (i === 2) await page.screenshot({ path: 'test-results/screens/bulk-edit-focus-ar-360.png', fullPage: false })
    if (i + 1 < count) await page.keyboard.press('Tab')
  }
  // At the very end of the page, the last row is above the button.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  expect(await overlap(count - 1)).toBe(false)
  await page.screenshot({ path: 'test-results/screens/bulk-edit-end-ar-360.png', fullPage: false })
  // Back up with Shift+Tab: each field focused stops below the sticky site header, not under it.
  const header = page.locator('header').first()
  for (let i = count - 1; i >= 0; i--) {
    const field = rows.nth(i).getByLabel('السعر (دج)')
    if (i === count - 1) await field.focus()
    else await page.keyboard.press('Shift+Tab')
    await expect(field).toBeFocused()
    const box = (await field.boundingBox())!
    const bottom = await header.evaluate((el) => el.getBoundingClientRect().bottom)
    expect(box.y, `row ${i + 1} of ${count} under the header`).toBeGreaterThanOrEqual(bottom)
    if (i > 0) await page.keyboard.press('Shift+Tab') // from the price to the previous row's stock
  }
})
