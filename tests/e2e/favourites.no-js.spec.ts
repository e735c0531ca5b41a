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

test('without JavaScript a card’s heart in a search grid keeps that product, and comes back to the same results', async ({ page }) => {
  test.setTimeout(60_000)
  await page.goto('/search?q=%D8%B5%D8%A7%D8%A8%D9%88%D9%86')
  const card = page.getByRole('article').nth(1)
  const title = (await card.getByRole('heading').innerText()).trim()
  await card.getByRole('button', { name: `أضف «${title}» إلى المفضلة` }).click()
  await expect(page.getByText('أُضيف إلى المفضلة.')).toBeVisible()
  expect(decodeURIComponent(new URL(page.url()).search)).toBe('?q=صابون')
  await page.goto('/favourites')
  const kept = page.getByTestId('favourites').getByRole('link')
  await expect(kept).toHaveCount(1)
  await expect(kept).toHaveText(title)
})
