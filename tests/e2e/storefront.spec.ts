import { expect, test, type Page } from '@playwright/test'

// Phone, Arabic: the storefront as most of Taswiq's buyers see it (360 px, RTL).

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

test('the home page is Arabic, right-to-left, and lists products', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(page.getByRole('heading', { name: 'وصل حديثًا' })).toBeVisible()
  const cards = page.locator('#newest-heading + ul article')
  expect(await cards.count()).toBeGreaterThanOrEqual(12)
  // A card shows a title, a price in dinars and where it comes from.
  await expect(cards.first()).toContainText('د.ج')
  await expect(page.getByRole('search')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/home-ar-360.png', fullPage: false })
  await expectNoHorizontalScroll(page)
})

test('switching to French flips the page to left-to-right and translates the header', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('اللغة').click()
  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
  await expect(page.getByRole('link', { name: 'Panier' })).toBeVisible()
  await expect(page.getByPlaceholder('Couscous, miel, poterie…')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Nouveautés' })).toBeVisible()
  // The choice is remembered on the next visit.
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expectNoHorizontalScroll(page)
})

test('a card opens its product page', async ({ page }) => {
  await page.goto('/')
  const card = page.locator('#newest-heading + ul article').first()
  const title = (await card.locator('h3').innerText()).trim()
  await card.locator('h3 a').click()
  await expect(page).toHaveURL(/\/p\//)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(page.getByText('البائع')).toBeVisible()
  await expect(page.locator('main')).toContainText('د.ج')
  await page.screenshot({ path: 'test-results/screens/product-ar-360.png', fullPage: true })
  await expectNoHorizontalScroll(page)
})

test('tap targets in the header are at least 44 px', async ({ page }) => {
  await page.goto('/')
  const targets = page.locator('header :is(a, button, summary, input):visible:not(.sr-only)')
  const boxes = await targets.evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)))
  expect(boxes.length).toBeGreaterThan(3)
  for (const size of boxes) expect(size).toBeGreaterThanOrEqual(44)
})

test('an unknown product answers 404 with a translated page', async ({ page }) => {
  const response = await page.goto('/p/does-not-exist')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'الصفحة غير موجودة' })).toBeVisible()
})

test('search finds products by a word of their title', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('searchbox').fill('عسل')
  await page.getByRole('searchbox').press('Enter')
  await expect(page).toHaveURL(/\/search\?q=/)
  await expect(page.locator('main article h3').filter({ hasText: 'عسل' }).first()).toBeVisible()
  // Nothing unrelated: every result mentions the word in its title or description.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('عسل')
})

test('pages hydrate: no console or CSP error, and links navigate without reloading the document', async ({ page }) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto('/')
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized)
  const documents: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(request.url())
  })
  await page.locator('#newest-heading + ul article h3 a').first().click()
  await expect(page).toHaveURL(/\/p\//)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(documents).toEqual([])
  expect(errors).toEqual([])
})

test('a product links to its shop page, with the ministry badge and the shop’s products', async ({ page }) => {
  await page.goto('/')
  await page.locator('#newest-heading + ul article h3 a').first().click()
  const shopName = (await page.locator('#shop-heading + p a').innerText()).trim()
  await page.locator('#shop-heading + p a').click()
  await expect(page).toHaveURL(/\/s\//)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(shopName)
  await expect(page.getByText('موثّق من الوزارة')).toBeVisible()
  expect(await page.locator('main article').count()).toBeGreaterThan(0)
  await page.screenshot({ path: 'test-results/screens/shop-ar-360.png', fullPage: true })
  await expectNoHorizontalScroll(page)
})

test('an unapproved shop has no public page', async ({ page }) => {
  const response = await page.goto('/s/miel-des-aures')
  expect(response?.status()).toBe(404)
})

test('pages carry no NUL byte, however long and however Arabic (React 18 leaves some at its 2 KB buffer ends)', async ({ request }) => {
  // The home page is over 100 KB of mostly Arabic HTML: many 2,048-byte boundaries to land on.
  for (const path of ['/', '/search?q=%D8%B9%D8%B3%D9%84', '/c/couscous-pasta', '/s/kuskus-dar-el-djedda', '/impact']) {
    const body = await (await request.get(path)).body()
    expect(body.length, path).toBeGreaterThan(2048)
    expect(body.indexOf(0), `${path}: first NUL byte at`).toBe(-1)
  }
})
