import { expect, test } from './fixtures'
import { msg } from './support/messages'

// Without JavaScript: searching, filtering and paging are plain GET forms and links.

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)
/** The result count as the page words it: Arabic has six plural forms. */
const resultCount = (n: number) => ar(`searchResults.count_${new Intl.PluralRules('ar').select(n)}`, { formatted: n.toLocaleString('ar-DZ') })

test('without JavaScript: the typo "عسال" still finds the honeys and says so; a wilaya link filters, a plain form adds to the cart', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('searchbox').fill('عسال')
  const search = page.waitForRequest((r) => r.resourceType() === 'document' && r.url().includes('/search?q='))
  await page.getByRole('button', { name: ar('header.search') }).click()
  expect((await search).method()).toBe('GET')

  // Nothing is spelt "عسال": the page shows the honeys for the corrected word, and tells the buyer.
  await expect(page.getByRole('status')).toHaveText(ar('searchResults.corrected', { query: 'عسال', corrected: 'عسل' }))
  const cards = page.locator('main article')
  const titles = cards.locator('h3')
  await expect(titles.filter({ hasText: 'عسل السدر الطبيعي 500 غ' })).toHaveCount(1)
  await expect(titles.filter({ hasText: 'عسل الزعتر البري 250 غ' })).toHaveCount(1)
  await expect(page.getByTestId('result-count')).toHaveText(resultCount(await cards.count()))

  // The wilaya facet is a plain link: a new page, the filter in its URL.
  const facets = page.getByRole('navigation', { name: ar('searchFacets.title') })
  const filtered = page.waitForRequest((r) => r.resourceType() === 'document' && r.url().includes('wilaya=26'))
  await facets.getByRole('link', { name: /^المدية\s*\d+/ }).click()
  expect((await filtered).method()).toBe('GET')
  await expect(page).toHaveURL(/[?&]wilaya=26(&|$)/)
  await expect(facets.getByRole('link', { name: /^المدية/ })).toHaveAttribute('aria-current', 'true')
  await expect(cards.first()).toBeVisible()
  for (const card of await cards.allInnerTexts()) expect(card).toContain('المدية')

  // The card's button is a plain form: a document POST, then back to the same filtered results.
  const title = 'عسل الزعتر البري 250 غ'
  const [post] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST'),
    page.getByRole('button', { name: ar('cart.addNamed', { title }) }).click(),
  ])
  expect(post.isNavigationRequest()).toBe(true)
  expect(new URL(post.url()).pathname).toBe('/cart')
  await expect(page.getByText(ar('cart.added'))).toBeVisible()
  await expect(page).toHaveURL(/\/search\?.*wilaya=26/)
  await page.getByRole('link', { name: ar('header.cartWithUnits_one') }).click()
  await expect(page).toHaveURL(/\/cart$/)
  await expect(page.getByRole('link', { name: title })).toBeVisible()
})

test('without JavaScript: search, filter and page through results', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('searchbox').fill('عسل')
  const search = page.waitForRequest((r) => r.resourceType() === 'document' && r.url().includes('/search?q='))
  await page.getByRole('button', { name: 'بحث' }).click()
  expect((await search).method()).toBe('GET')
  await expect(page.locator('main article').first()).toBeVisible()

  await page.getByText('تصفية وترتيب').click()
  await page.getByLabel('المتوفر فقط').check()
  await page.getByLabel('الترتيب').selectOption('price_asc')
  const filtered = page.waitForRequest((r) => r.resourceType() === 'document' && r.url().includes('stock=1'))
  await page.getByRole('button', { name: 'تطبيق' }).click()
  expect((await filtered).url()).toContain('sort=price_asc')
  await expect(page.locator('main article').first()).toBeVisible()
  await expect(page.getByLabel('المتوفر فقط')).toBeChecked()
})

test('without JavaScript: a category page pages on with a plain link', async ({ page }) => {
  await page.goto('/c/honey?cursor=')
  await expect(page.locator('main article').first()).toBeVisible()
  await page.goto('/')
  await page.getByRole('navigation', { name: 'تصفّح حسب الفئة' }).getByRole('link').first().click()
  await expect(page).toHaveURL(/\/c\//)
  await expect(page.locator('main article').first()).toBeVisible()
})
