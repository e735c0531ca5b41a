import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn, logOut } from './support/accounts'
import { fillCheckoutAddress } from './support/checkout'
import { msg } from './support/messages'

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)

// Edahabia end to end on a phone, in Arabic: the real Chargily SDK in the built server talks to the
// local fake of Chargily Pay V2 (started by scripts/e2e-server.mjs), whose hosted page sends the
// signed webhook to our route before sending the buyer back.
const HONEY = { slug: 'kuskus-baladi-qamh-salb-1kg', producer: 'souad.meziane@demo.taswiq.dz' }

test.describe.configure({ timeout: 120_000 })

test('a buyer pays by Edahabia on the (fake) Chargily page, comes back to a paid order; the producer confirms it', async ({ page }) => {
  await logIn(page, 'client@taswiq.dz', DEMO_PASSWORD)
  await page.goto(`/p/${HONEY.slug}`)
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()

  await page.goto('/checkout')
  await fillCheckoutAddress(page)
  // The configured methods, each with who pays its fee, before confirming.
  const edahabia = page.getByLabel(ar('payments.methods.edahabia'))
  await expect(edahabia).toBeVisible()
  await expect(page.getByLabel(ar('payments.methods.cib'))).toBeVisible()
  await expect(page.getByText(/بدون رسوم عليك/).first()).toBeVisible()
  await edahabia.check()
  await page.screenshot({ path: 'test-results/screens/checkout-edahabia-ar-360.png', fullPage: true })
  await page.getByRole('button', { name: ar('checkout.confirm') }).click()

  // Chargily's hosted page (the fake), in Arabic, for Edahabia.
  await expect(page.getByRole('heading', { name: 'Chargily Pay — edahabia' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await page.getByRole('button', { name: 'Pay' }).click()

  // Back on the site: the payment is received, the order is no longer waiting for it.
  await expect(page.getByRole('heading', { name: ar('checkout.done.title') })).toBeVisible()
  await expect(page.getByText(ar('checkout.done.card'))).toBeVisible()
  const number = (await page.getByText(/^TSQ-\d{6}$/).first().innerText()).trim()
  await page.goto('/account/orders')
  await expect(page.getByRole('link').filter({ hasText: number })).toContainText(ar('orders.status.pending'))
  await logOut(page)

  // The producer sees the paid order and confirms it.
  await logIn(page, HONEY.producer, DEMO_PASSWORD)
  await page.goto('/dashboard/orders')
  await page.getByRole('link').filter({ hasText: number }).first().click()
  await page.getByRole('button', { name: ar('orders.actions.confirmed') }).click()
  await expect(page.getByText(ar('orders.done.confirmed'))).toBeVisible()
  await expect(page.getByText(ar('orders.status.confirmed')).first()).toBeVisible()
})
