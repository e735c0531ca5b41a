import { expect, test } from './fixtures'
import { msg } from './support/messages'

// Without JavaScript the photo viewer is plain fragment links: open, next, close.
const m = (key: string, values: Record<string, string | number> = {}) => msg('ar', key, values)

test('without JavaScript the photo viewer opens, moves on and closes by links', async ({ page }) => {
  await page.goto('/p/tadjine-galette-terre-cuite-35cm')
  const viewer = page.getByTestId('photo-viewer')
  await expect(viewer).toBeHidden()
  await page.getByRole('link', { name: m('product.viewerOpen', { n: 2, total: 3 }) }).click()
  await expect(viewer).toBeVisible()
  await expect(viewer.locator('#view-2 img')).toBeInViewport()
  await viewer.locator('#view-2').getByRole('link', { name: m('product.viewerNext') }).click()
  await expect(viewer.locator('#view-3 img')).toBeInViewport()
  await viewer.locator('#view-3').getByRole('link', { name: m('product.viewerClose') }).click()
  await expect(viewer).toBeHidden()
  await expect(page).toHaveURL(/#photo-3$/)
})
