import { expect, test } from './fixtures'

test('without JavaScript a visitor adds a favourite from a product page and finds it on the favourites page', async ({ page }) => {
  test.setTimeout(60_000)
  await page.goto('/p/savon-huile-olive-laurier-120g')
  const title = (await page.locator('h1').innerText()).trim()
  const [post] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.isNavigationRequest()),
    page.getByRole('button', { name: `أضف «${title}» إلى المفضلة` }).click(),
  ])
  expect(post.resourceType()).toBe('document')
  await expect(page).toHaveURL(/\/p\/savon-huile-olive-laurier-120g$/)
  await expect(page.getByText('أُضيف إلى المفضلة.')).toBeVisible()
  await page.goto('/favourites')
  await expect(page.getByTestId('favourites').getByRole('link', { name: title })).toBeVisible()
  await page.getByRole('button', { name: 'إزالة من المفضلة' }).click()
  await expect(page.getByText('لم تضيفي أي منتج إلى المفضلة بعد', { exact: false })).toBeVisible()
})
