import { expect, test } from '@playwright/test'

// The same storefront with JavaScript disabled: plain links and forms must be enough.

test('without JavaScript: browse, open a product, change the language', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  const card = page.locator('#newest-heading + ul article').first()
  const title = (await card.locator('h3').innerText()).trim()

  const productResponse = page.waitForResponse((r) => r.request().resourceType() === 'document' && r.url().includes('/p/'))
  await card.locator('h3 a').click()
  expect((await productResponse).status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)

  // The switcher is a <details> with a form: a real document POST, then a redirect back here.
  const here = page.url()
  await page.locator('header summary').click()
  const post = page.waitForRequest((r) => r.method() === 'POST' && r.resourceType() === 'document')
  await page.getByRole('button', { name: 'English' }).click()
  expect((await post).url()).toContain('/resources/language')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
  expect(page.url()).toBe(here)
  await expect(page.getByText('Sold by')).toBeVisible()
})

test('without JavaScript: the search form submits as a GET', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('searchbox').fill('كسكس')
  await page.getByRole('searchbox').press('Enter')
  await expect(page).toHaveURL(/\/search\?q=/)
  await expect(page.locator('main article').first()).toBeVisible()
})
