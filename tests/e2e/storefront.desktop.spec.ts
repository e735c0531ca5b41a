import { expect, test } from '@playwright/test'

// Desktop width, in French (chosen by the browser's Accept-Language, no cookie yet).

test('a French browser gets the French storefront on a wide screen', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
  await expect(page.getByRole('heading', { name: 'Nouveautés' })).toBeVisible()
  await expect(page.locator('main article').first()).toContainText('DA')
  await page.screenshot({ path: 'test-results/screens/home-fr-desktop.png' })
  await page.locator('#newest-heading + ul article h3 a').first().click()
  await expect(page.getByText('Vendu par')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/product-fr-desktop.png' })
})

test('security headers are sent with every page', async ({ request }) => {
  const response = await request.get('/')
  const headers = response.headers()
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['x-powered-by']).toBeUndefined()
  const health = await request.get('/healthz')
  expect(health.status()).toBe(200)
  expect(await health.json()).toMatchObject({ status: 'ok' })
})
