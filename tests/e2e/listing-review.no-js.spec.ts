import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

test('the rejection form works without JavaScript', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/products')
  const title = 'منديل مطرّز بالفتلة'
  await page.getByRole('link', { name: new RegExp(title) }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

  // Without a reason the server answers with the form and its error.
  await page.getByRole('button', { name: 'رفض المنتج' }).click()
  await expect(page.getByText('اختر سببًا من القائمة.')).toBeVisible()

  await page.getByLabel('السبب').selectOption('other')
  await page.getByLabel('رسالة إلى المنتج').fill('أضيفي صورة للمنديل كاملًا.')
  const [request] = await Promise.all([page.waitForRequest((r) => r.method() === 'POST'), page.getByRole('button', { name: 'رفض المنتج' }).click()])
  expect(request.isNavigationRequest()).toBe(true)
  await expect(page).toHaveURL(/\/moderation\/products$/)
  await expect(page.getByText('رُفض المنتج؛ أُبلغ المنتج بالسبب.')).toBeVisible()
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0)
})
