import { expect, test, type Page } from '@playwright/test'

// Phone, Arabic: finding things in the catalog at 360 px, right to left.

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screens'

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

test('search with the article ال finds the word without it, then filters by category and wilaya', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('searchbox').fill('العسل')
  await page.getByRole('searchbox').press('Enter')
  await expect(page).toHaveURL(/\/search\?q=/)
  const titles = page.locator('main article h3')
  await expect(titles.first()).toBeVisible()
  // "العسل" finds titles that say "عسل" (the Arabic stemmer drops the article).
  await expect(titles.filter({ hasText: 'عسل السدر' })).toHaveCount(1)
  await page.screenshot({ path: `${SHOTS}/search-ar-360.png`, fullPage: true })
  await expectNoHorizontalScroll(page)

  await page.getByText('تصفية وترتيب').click()
  await page.getByLabel('الفئة').selectOption({ label: 'العسل ومنتجات النحل' })
  await page.getByLabel('الولاية').selectOption('26')
  await page.getByRole('button', { name: 'تطبيق' }).click()
  await expect(page).toHaveURL(/category=honey/)
  await expect(page).toHaveURL(/wilaya=26/)
  await expect(titles.first()).toBeVisible()
  for (const place of await page.locator('main article').allInnerTexts()) expect(place).toContain('المدية')

  // A wilaya with no honey producer: nothing, and it says so.
  await page.getByLabel('الولاية').selectOption('11')
  await page.getByRole('button', { name: 'تطبيق' }).click()
  await expect(page.getByText('لا توجد نتائج')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/search-filters-ar-360.png`, fullPage: true })
  await expectNoHorizontalScroll(page)
})

test('a category page lists its products, sorted by price on request', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'تصفّح حسب الفئة' }).getByRole('link').first().click()
  await expect(page).toHaveURL(/\/c\//)
  const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim()
  expect(heading.length).toBeGreaterThan(0)
  await expect(page.locator('main article').first()).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/category-ar-360.png`, fullPage: true })
  await expectNoHorizontalScroll(page)

  await page.goto('/c/honey?sort=price_asc')
  const prices = await page.locator('main article p.font-bold').allInnerTexts()
  const values = prices.map((p) => Number(p.replace(/[^\d٠-٩]/g, '').replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)))))
  expect(values.length).toBeGreaterThan(2)
  expect(values).toEqual([...values].sort((a, b) => a - b))
})

test('a product shows its gallery, price, structured data and a report link', async ({ page }) => {
  await page.goto('/search?q=%D8%B9%D8%B3%D9%84')
  await page.locator('main article h3 a').first().click()
  await expect(page).toHaveURL(/\/p\//)
  const gallery = page.getByTestId('gallery')
  await expect(gallery.locator('img').first()).toBeVisible()
  await expect(page.getByTestId('price')).toContainText('د.ج')
  const report = page.getByRole('link', { name: 'الإبلاغ عن هذا المنتج' })
  await expect(report).toHaveAttribute('href', /^\/p\/[^/]+\/report$/)
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}')
  expect(jsonLd).toMatchObject({ '@type': 'Product', offers: { priceCurrency: 'DZD' } })
  expect(jsonLd.offers.availability).toMatch(/^https:\/\/schema\.org\//)
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^http.*\.webp$/)
  await page.screenshot({ path: `${SHOTS}/product-search-ar-360.png`, fullPage: true })
  await expectNoHorizontalScroll(page)
})

test('home shows categories, and its screenshot fits the phone', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('navigation', { name: 'تصفّح حسب الفئة' })).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/home-ar-360-full.png`, fullPage: true })
  await expectNoHorizontalScroll(page)
})
