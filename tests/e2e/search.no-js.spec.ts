import { expect, test } from '@playwright/test'

// Without JavaScript: searching, filtering and paging are plain GET forms and links.

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
