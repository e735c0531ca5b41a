import sharp from 'sharp'
import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { logIn, logOut, signUp } from './support/accounts'
import { checkOutCashOnDelivery } from './support/checkout'
import { msg } from './support/messages'

// User text is shown as text, never read as HTML: a shop story, a product's title and description,
// a review and a report note holding markup appear literally wherever they are shown (storefront,
// moderation, JSON-LD), and no element is made from them. The production CSP would stop an inline
// handler from running anyway, so this looks at the DOM, not for an alert.

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)
const PRODUCER = 'fatima.benali@demo.taswiq.dz'
const SHOP_SLUG = 'halfa-beni-snous'

/** No element came from a payload, and no inline script carries raw markup (Remix's data and JSON-LD escape "<"). */
async function expectNoInjectedMarkup(page: Page) {
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''))
  expect(scripts.filter((s) => /<(img|script)\b/i.test(s))).toEqual([])
}

test.describe.configure({ timeout: 180_000 })

test('markup in a story, a listing, a review and a report is shown as text', async ({ page }) => {
  const word = `xss${Date.now().toString(36)}`
  const story = `"><img src=x onerror=alert(1)> قصة ${word}`
  const title = `<img src=x onerror=alert(2)> سلة ${word}`
  const description = `<script>alert(3)</script> وصف ${word}`
  const review = `<script>alert(4)</script> تعليق ${word}`
  const note = `'><img src=x onerror=alert(5)> بلاغ ${word}`

  // The producer writes markup into her shop's story and a new listing.
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/settings')
  await page.getByLabel(ar('sell.fields.story')).fill(story)
  await page
    .getByRole('button', { name: ar('account.save') })
    .first()
    .click()
  await expect(page.getByText(ar('settings.saved'))).toBeVisible()
  await expect(page.getByLabel(ar('sell.fields.story'))).toHaveValue(story)

  await page.goto('/dashboard/products/new')
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#b5793c' } })
    .jpeg({ quality: 70 })
    .toBuffer()
  await page.getByLabel('الصور').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg })
  await page.getByLabel('اسم المنتج').fill(title)
  await page.getByLabel('الوصف', { exact: true }).fill(description)
  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('2400')
  await page.getByLabel('الكمية المتوفرة').fill('4')
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  await expect(page.getByText('أُرسل المنتج للمراجعة.')).toBeVisible()
  await expect(page.getByRole('link', { name: title })).toBeVisible()
  await expectNoInjectedMarkup(page)
  await logOut(page)

  // The moderator reads it as it was typed, and publishes it.
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/products')
  await page.getByRole('link', { name: new RegExp(word) }).click()
  await expect(page.getByText(title).first()).toBeVisible()
  await expect(page.getByText(description).first()).toBeVisible()
  await expectNoInjectedMarkup(page)
  await page.getByRole('button', { name: 'قبول ونشر المنتج' }).click()
  await expect(page.getByText('قُبل المنتج ونُشر؛ أُبلغ المنتج.')).toBeVisible()
  await logOut(page)

  // The public shop and product pages, JSON-LD included.
  await page.goto(`/s/${SHOP_SLUG}`)
  await expect(page.getByText(story)).toBeVisible()
  await expectNoInjectedMarkup(page)
  await page.goto(`/search?q=${word}`)
  await page.getByRole('link', { name: title }).first().click()
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
  await expect(page.getByText(description)).toBeVisible()
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent()
  expect(jsonLd).not.toContain('<')
  expect(JSON.parse(jsonLd!)).toMatchObject({ name: title, description })
  await expectNoInjectedMarkup(page)
  const productUrl = page.url()

  // A visitor reports it with a note; the moderators' queue shows the note as text.
  await page.getByRole('link', { name: ar('reports.link') }).click()
  await page.getByLabel(ar('reportReasons.counterfeit')).check()
  await page.getByLabel(ar('reports.form.note')).fill(note)
  await page.getByRole('button', { name: ar('reports.form.submit') }).click()
  await expect(page.getByText(ar('reports.toast.thanks'))).toBeVisible()
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/reports')
  await expect(page.getByText(note)).toBeVisible()
  await expectNoInjectedMarkup(page)
  await logOut(page)

  // A buyer orders it, the producer delivers, the buyer reviews it with markup.
  await page.goto(productUrl)
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()
  const email = uniqueEmail('xss-buyer')
  await signUp(page, { name: 'سليمة حداد', email, password: 'couscous-pass-1' })
  await checkOutCashOnDelivery(page)
  await logOut(page)

  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/orders')
  await page.getByRole('link').filter({ hasText: 'سليمة حداد' }).first().click()
  await expect(page.getByText(title)).toBeVisible()
  await expectNoInjectedMarkup(page)
  // Cash on delivery: confirmed by phone first (issue 19), then shipped by hand and delivered.
  await page.getByRole('button', { name: ar('delivery.cod.confirmed') }).click()
  await expect(page.getByText(ar('delivery.done.confirmed'))).toBeVisible()
  for (const step of ['shipped', 'delivered']) {
    await page.getByRole('button', { name: ar(`orders.actions.${step}`) }).click()
    await expect(page.getByText(ar(`orders.done.${step}`))).toBeVisible()
  }
  await logOut(page)

  await logIn(page, email, 'couscous-pass-1')
  await page.goto('/account/orders')
  await page
    .getByRole('link')
    .filter({ hasText: ar('orders.status.delivered') })
    .click()
  await page
    .locator('label')
    .filter({ hasText: ar('reviews.stars_few', { count: 5 }) })
    .click()
  await page.getByLabel(ar('reviews.body')).fill(review)
  await page.getByRole('button', { name: ar('reviews.send') }).click()
  await expect(page.getByText(ar('reviews.thanks'))).toBeVisible()
  await page.goto(productUrl)
  await expect(page.getByText(review)).toBeVisible()
  await expectNoInjectedMarkup(page)
})
