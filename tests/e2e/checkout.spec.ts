import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { logIn, logOut, signUp } from './support/accounts'
import { fillCheckoutAddress } from './support/checkout'
import { msg } from './support/messages'

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)

// Two shops' products, one order each. The producer of the couscous follows hers to delivery.
const COUSCOUS = { slug: 'kuskus-baladi-qamh-salb-1kg', title: 'كسكس بلدي بالقمح الصلب – 1 كغ', producer: 'souad.meziane@demo.taswiq.dz' }
const SOAP = { slug: 'sabun-al-ghar-zayt-zaytun', title: 'صابون الغار بزيت الزيتون' }

test.describe.configure({ timeout: 120_000 })

test('a visitor fills a cart from two shops, signs up (cart kept), pays cash on delivery; the producer delivers', async ({ page }) => {
  await page.goto(`/p/${COUSCOUS.slug}`)
  await page.getByLabel(ar('cart.quantity')).fill('2')
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()
  await page.goto(`/p/${SOAP.slug}`)
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()

  await expect(page.getByRole('link', { name: ar('header.cartWithUnits_few', { count: 3 }) })).toBeVisible()
  await page.goto('/cart')
  await expect(page.getByText(ar('cart.perShop_two'))).toBeVisible()
  await page.getByLabel(ar('cart.wilaya')).selectOption('16')
  await expect(page.getByText(ar('cart.shippingUnknown'))).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/cart-ar-360.png', fullPage: true })

  const email = uniqueEmail('buyer')
  await signUp(page, { name: 'سليمة حداد', email, password: 'couscous-pass-1' })
  await page.goto('/cart')
  await expect(page.getByRole('link', { name: COUSCOUS.title })).toBeVisible()
  await page.getByRole('link', { name: ar('cart.checkout') }).click()

  await expect(page).toHaveURL(/\/checkout/)
  await fillCheckoutAddress(page)
  await expect(page.getByRole('heading', { name: /طلب من/ })).toHaveCount(2)
  await expect(page.getByLabel(ar('checkout.cod'))).toBeChecked()
  await page.screenshot({ path: 'test-results/screens/checkout-review-ar-360.png', fullPage: true })
  await page.getByRole('button', { name: ar('checkout.confirm') }).click()

  await expect(page.getByRole('heading', { name: ar('checkout.done.title') })).toBeVisible()
  const numbers = await page
    .getByRole('listitem')
    .getByText(/^TSQ-\d{6}$/)
    .allInnerTexts()
  expect(numbers).toHaveLength(2)
  await page.goto('/cart')
  await expect(page.getByText(ar('cart.empty'))).toBeVisible()
  await logOut(page)

  // The producer confirms, ships and delivers her order.
  await logIn(page, COUSCOUS.producer, DEMO_PASSWORD)
  await page.goto('/dashboard/orders')
  const mine = page.getByRole('link').filter({ hasText: 'سليمة حداد' }).first()
  await mine.click()
  await expect(page.getByRole('link', { name: '0555123456' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/dashboard-order-ar-360.png', fullPage: true })
  // Cash on delivery: confirmed by phone first (issue 19).
  await page.getByRole('button', { name: ar('delivery.cod.confirmed') }).click()
  await expect(page.getByText(ar('delivery.done.confirmed'))).toBeVisible()
  await page.getByLabel(ar('orders.fields.trackingNumber')).fill('YAL-55120')
  await page.getByRole('button', { name: ar('orders.actions.shipped') }).click()
  await expect(page.getByText(ar('orders.done.shipped'))).toBeVisible()
  await page.getByRole('button', { name: ar('orders.actions.delivered') }).click()
  await expect(page.getByText(ar('orders.done.delivered'))).toBeVisible()
  await logOut(page)

  // The buyer follows it and prints the invoice with the producer's legal details.
  await logIn(page, email, 'couscous-pass-1')
  await page.goto('/account/orders')
  await page
    .getByRole('link')
    .filter({ hasText: ar('orders.status.delivered') })
    .click()
  await expect(page.getByText(ar('orders.status.delivered')).first()).toBeVisible()
  await page.getByRole('link', { name: ar('orders.invoice') }).click()
  await expect(page.getByText(/NIF/)).toBeVisible()
  await expect(page.getByText(COUSCOUS.title)).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/invoice-ar-360.png', fullPage: true })

  // After delivery, the buyer reviews the couscous; the product page shows it.
  await page.goBack()
  await page
    .locator('label')
    .filter({ hasText: ar('reviews.stars_few', { count: 5 }) })
    .click()
  await page.getByLabel(ar('reviews.body')).fill('كسكس ممتاز، مثل كسكس الجدّة.')
  await page.getByRole('button', { name: ar('reviews.send') }).click()
  await expect(page.getByText(ar('reviews.thanks'))).toBeVisible()
  await page.goto(`/p/${COUSCOUS.slug}`)
  await expect(page.getByText('كسكس ممتاز، مثل كسكس الجدّة.')).toBeVisible()
})
