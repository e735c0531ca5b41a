import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn, logOut } from './support/accounts'
import { msg } from './support/messages'

const fr = (key: string, values?: Record<string, string | number>) => msg('fr', key, values)

test.describe.configure({ timeout: 90_000 })

test('in French on a wide screen: cart, log in (cart kept), checkout with cash on delivery', async ({ page }) => {
  await page.goto('/p/huile-olive-vierge-extra-500ml')
  await page.getByRole('button', { name: fr('cart.add') }).click()
  await expect(page.getByText(fr('cart.added'))).toBeVisible()
  await page.goto('/cart')
  await page.getByRole('link', { name: fr('cart.checkout') }).click()

  // Checkout asks for an account first, then comes back with the cart merged.
  await expect(page).toHaveURL(/\/login/)
  await page.locator('input[name="email"]').fill('client@taswiq.dz')
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form#login button[type="submit"]').click()
  await expect(page).toHaveURL(/\/checkout/)

  await page.getByLabel(fr('checkout.fields.wilaya')).selectOption('6')
  // Choosing a wilaya reloads the page with its communes; the list shown before (a saved address's
  // wilaya) is enabled too, so wait for Béjaïa's before picking one.
  await expect(page).toHaveURL(/[?&]wilaya=6\b/)
  await expect(page.getByLabel(fr('checkout.fields.commune'))).toBeEnabled()
  await page.getByLabel(fr('checkout.fields.commune')).selectOption({ index: 1 })
  await page.getByLabel(fr('checkout.fields.street')).fill('Cité 1000 logements, bâtiment 12')
  await page.getByLabel(fr('checkout.fields.phone')).fill('0661 22 33 44')
  await page.getByRole('button', { name: fr('checkout.continue') }).click()

  await expect(page.getByRole('heading', { name: /Commande chez/ })).toHaveCount(1)
  await expect(page.getByText(/NIF/).first()).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/checkout-review-fr-desktop.png', fullPage: true })
  await page.getByRole('button', { name: fr('checkout.confirm') }).click()
  await expect(page.getByRole('heading', { name: fr('checkout.done.title') })).toBeVisible()
  await page.getByRole('link', { name: fr('checkout.done.myOrders') }).click()
  await expect(page.getByRole('heading', { name: fr('orders.mine') })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/orders-fr-desktop.png', fullPage: true })

  // The order's page answers 404 to anyone else: another shop's producer, another buyer.
  const href = await page
    .getByRole('link', { name: /TSQ-\d{6}/ })
    .first()
    .getAttribute('href')
  const orderId = href!.split('/').pop()!
  await logOut(page, 'fr')
  await logIn(page, 'fatima.benali@demo.taswiq.dz', DEMO_PASSWORD)
  expect((await page.goto(`/dashboard/orders/${orderId}`))?.status()).toBe(404)
  expect((await page.goto(`/dashboard/orders/${orderId}/slip`))?.status()).toBe(404)
  expect((await page.goto(`/account/orders/${orderId}`))?.status()).toBe(404)
  const post = await page.request.post(`/dashboard/orders/${orderId}`, { form: { to: 'confirmed' } })
  expect(post.status()).toBe(404)
})
