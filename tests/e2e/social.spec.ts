import { expect, test } from './fixtures'

// Sharing and favourites on an Arabic phone.
const slug = 'ma-al-ward-muqattar-250ml'

test('the share buttons carry the product’s own link; Open Graph gives title, price and photo', async ({ page, baseURL }) => {
  await page.goto(`/p/${slug}`)
  const share = page.getByTestId('share')
  const productUrl = `${baseURL}/p/${slug}`
  const whatsapp = await share.getByRole('link', { name: 'واتساب' }).getAttribute('href')
  expect(new URL(whatsapp!).searchParams.get('text')).toContain(productUrl)
  const facebook = await share.getByRole('link', { name: 'فيسبوك' }).getAttribute('href')
  expect(new URL(facebook!).searchParams.get('u')).toBe(productUrl)
  await expect(share.getByRole('button', { name: 'نسخ الرابط' })).toBeVisible()
  // The preview WhatsApp builds from the page.
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', productUrl)
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^http.*\.(webp|jpg|jpeg|png)/)
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /.+/)
})

test('a card’s heart on the home page keeps that product, the card’s own and no other', async ({ page }) => {
  await page.goto('/')
  const card = page.getByRole('article').nth(2)
  const title = (await card.getByRole('heading').innerText()).trim()
  await card.getByRole('button', { name: `أضف «${title}» إلى المفضلة` }).click()
  await expect(page.getByText('أُضيف إلى المفضلة.')).toBeVisible()
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/favourites')
  const kept = page.getByTestId('favourites').getByRole('link')
  await expect(kept).toHaveCount(1)
  await expect(kept).toHaveText(title)
})
