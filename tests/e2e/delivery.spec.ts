import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { logIn, logOut, signUp } from './support/accounts'
import { checkOutCashOnDelivery } from './support/checkout'
import { msg } from './support/messages'

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)

// A shop no other browser test orders from (rose water, Chiffa), shipping through Yalidine on the
// platform's account — the e2e server runs a local fake of Yalidine's API (tests/support/fake-yalidine.ts).
const ROSE = { slug: 'ma-al-ward-muqattar-250ml', producer: 'leila.hamdi@demo.taswiq.dz' }

test.describe.configure({ timeout: 180_000 })

test('a producer confirms a COD order by phone, ships it through Yalidine and prints the label; the buyer follows the parcel', async ({ page }) => {
  await page.goto(`/p/${ROSE.slug}`)
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()
  const email = uniqueEmail('parcel-buyer')
  await signUp(page, { name: 'رانية بوزيد', email, password: 'parcel-pass-123' })
  await checkOutCashOnDelivery(page, { phone: '0661 22 33 44' })
  const number = (await page.getByText(/^TSQ-\d{6}$/).first().innerText()).trim()
  await logOut(page)

  // The producer chooses Yalidine for her shop.
  await logIn(page, ROSE.producer, DEMO_PASSWORD)
  await page.goto('/dashboard/delivery')
  await page.getByLabel(ar('delivery.settings.carriers.yalidine')).check()
  await page.getByLabel(ar('delivery.settings.platformAccount')).check()
  await page.getByRole('button', { name: ar('delivery.settings.save') }).click()
  await expect(page.getByText(ar('delivery.settings.saved'))).toBeVisible()

  // The order is "to confirm": one tap to call or write on WhatsApp; no plain "confirm" button.
  await page.goto('/dashboard/orders')
  await page.getByRole('link').filter({ hasText: number }).first().click()
  const panel = page.getByRole('region', { name: ar('delivery.cod.title') })
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('link', { name: ar('delivery.cod.call') })).toHaveAttribute('href', 'tel:+213661223344')
  await expect(panel.getByRole('link', { name: ar('delivery.cod.whatsapp') })).toHaveAttribute('href', 'https://wa.me/213661223344')
  await expect(page.getByRole('button', { name: ar('orders.actions.confirmed'), exact: true })).toHaveCount(0)
  await expect(page.getByRole('button', { name: ar('delivery.ship.withCarrier', { carrier: 'Yalidine' }) })).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/delivery-to-confirm-ar-360.png', fullPage: true })

  await panel.getByRole('button', { name: ar('delivery.cod.noAnswer') }).click()
  await expect(page.getByText(ar('delivery.done.no_answer'))).toBeVisible()
  await expect(page.getByText(ar('delivery.steps.no_answer'))).toBeVisible()
  await page.getByRole('button', { name: ar('delivery.cod.confirmed') }).click()
  await expect(page.getByText(ar('delivery.done.confirmed'))).toBeVisible()

  // Shipping creates the parcel at the carrier: no tracking number to type.
  await expect(page.getByLabel(ar('orders.fields.trackingNumber'))).toHaveCount(0)
  await page.getByRole('button', { name: ar('delivery.ship.withCarrier', { carrier: 'Yalidine' }) }).click()
  await expect(page.getByText(ar('delivery.done.shipped'))).toBeVisible()
  const tracking = (await page.locator('bdi.font-mono').innerText()).trim()
  expect(tracking).toMatch(/^yal-/)
  const label = page.getByRole('link', { name: ar('delivery.parcel.printLabel') })
  await expect(label).toHaveAttribute('href', /\/label$/)
  const response = await page.request.get((await label.getAttribute('href'))!)
  expect(response.headers()['content-type']).toContain('application/pdf')
  expect(await response.text()).toContain(tracking)
  await page.screenshot({ path: 'test-results/screens/delivery-shipped-ar-360.png', fullPage: true })
  await logOut(page)

  // The buyer follows the parcel on her order page.
  await logIn(page, email, 'parcel-pass-123')
  await page.goto('/account/orders')
  await page.getByRole('link').filter({ hasText: number }).first().click()
  const parcel = page.getByRole('region', { name: ar('delivery.parcel.title') })
  await expect(parcel).toContainText(tracking)
  await expect(parcel.locator('[aria-current="step"]')).toContainText(ar('delivery.steps.created'))
  await page.screenshot({ path: 'test-results/screens/delivery-buyer-ar-360.png', fullPage: true })
})
