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
  const nonces: string[] = []
  // Pages of every kind: catalog, product, a form, search, a missing page, a text resource.
  for (const path of ['/', '/p/tadjine-galette-terre-cuite-35cm', '/login', '/search?q=miel', '/no-such-page', '/robots.txt']) {
    const response = await request.get(path)
    const headers = response.headers()
    const csp = headers['content-security-policy'] ?? ''
    expect(csp, path).toContain("frame-ancestors 'none'")
    // Scripts run only with this response's nonce, or — for a page served from the page cache — the
    // hashes of exactly its own inline scripts (decision 014; none for a text resource): no inline
    // script or handler otherwise.
    expect(csp, path).toMatch(/script-src 'self'( 'nonce-[A-Za-z0-9+/=]+'| 'sha256-[A-Za-z0-9+/=]+')*;/)
    expect(csp.match(/script-src[^;]*/)?.[0], path).not.toContain('unsafe-inline')
    expect(csp, path).toContain("object-src 'none'")
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1]
    if (nonce) nonces.push(nonce)
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
    expect(headers['x-frame-options'], path).toBe('DENY')
    expect(headers['x-powered-by'], path).toBeUndefined()
    // The browser tests' server is plain HTTP: HSTS is for HTTPS only (tested in tests/integration/security-headers.test.ts).
    expect(headers['strict-transport-security'], path).toBeUndefined()
  }
  // A fresh nonce per response that has one (the pages rendered for this request).
  expect(nonces.length).toBeGreaterThan(0)
  expect(new Set(nonces).size).toBe(nonces.length)
  const health = await request.get('/healthz')
  expect(health.status()).toBe(200)
  expect(await health.json()).toMatchObject({ status: 'ok' })
})
