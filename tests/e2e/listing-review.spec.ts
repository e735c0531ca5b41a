import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

// Each test decides on its own seeded listing (scripts/seed/seed-data.ts, seedPendingProducts), so tests
// running in parallel against one server never race for the same one.
// A retry cannot redo a decision already taken, so each test gets room to finish on a busy machine.
test.describe.configure({ timeout: 60_000 })

test('the moderator approves a listing waiting for review; it leaves the queue and goes public', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation')
  await page.getByTestId('queue-pendingProducts').click()
  await expect(page).toHaveURL(/\/moderation\/products$/)
  await expect(page.getByRole('heading', { name: 'منتجات في انتظار المراجعة' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/moderation-products-ar-360.png', fullPage: true })

  const title = 'طاجين فخار ملوّن – 30 سم'
  await page.getByRole('link', { name: new RegExp(title) }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'الصور (2)' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Poterie Tasga – Maâtkas' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/moderation-product-ar-360.png', fullPage: true })

  await page.getByRole('button', { name: 'قبول ونشر المنتج' }).click()
  await expect(page).toHaveURL(/\/moderation\/products$/)
  await expect(page.getByText('قُبل المنتج ونُشر؛ أُبلغ المنتج.')).toBeVisible()
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0)

  await page.goto('/p/tajine-fakhar-mulawwan-30cm')
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
})

test('the moderator rejects a listing with a reason; the producer is told by email', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/products')
  const title = 'خاتم فضة بحجر الفيروز'
  await page.getByRole('link', { name: new RegExp(title) }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

  // No reason: refused on the spot, nothing decided.
  await page.getByRole('button', { name: 'رفض المنتج' }).click()
  await expect(page.getByText('اختر سببًا من القائمة.')).toBeVisible()

  await page.getByLabel('السبب').selectOption('poor_photos')
  await page.getByLabel('رسالة إلى المنتج').fill('الصورة مظلمة، صوّر الخاتم في ضوء النهار.')
  await page.getByRole('button', { name: 'رفض المنتج' }).click()
  await expect(page).toHaveURL(/\/moderation\/products$/)
  await expect(page.getByText('رُفض المنتج؛ أُبلغ المنتج بالسبب.')).toBeVisible()
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0)

  await page.goto(`/dev/mailbox?to=${encodeURIComponent('ahmed.agibrahim@demo.taswiq.dz')}`)
  const text = await page.getByTestId('email-text').first().innerText()
  expect(text).toContain('الصور غير واضحة أو غير مناسبة')
  expect(text).toContain('الصورة مظلمة، صوّر الخاتم في ضوء النهار.')

  // The decision is in the audit log, under its own filter.
  await page.goto('/moderation/audit?action=product.reject')
  await expect(page.getByText(title).first()).toBeVisible()
})
