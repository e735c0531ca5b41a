import { expect, test, uniqueEmail } from './fixtures'
import { signUp } from './support/accounts'
import { msg } from './support/messages'

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)

test.describe.configure({ timeout: 90_000 })

test('without JavaScript: add to cart, sign up, address, review and confirm a cash-on-delivery order', async ({ page }) => {
  await page.goto('/p/berkoukes-1kg')
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()

  await signUp(page, { name: 'نادية بوعلام', email: uniqueEmail('nojs-buyer'), password: 'berkoukes-pass-1' })
  await page.goto('/cart')
  await expect(page.getByRole('link', { name: 'بركوكس – 1 كغ' })).toBeVisible()
  await page.getByRole('link', { name: ar('cart.checkout') }).click()

  await page.getByLabel(ar('checkout.fields.wilaya')).selectOption('31')
  await page.getByRole('button', { name: ar('checkout.fields.showCommunes') }).click()
  await page.getByLabel(ar('checkout.fields.commune')).selectOption({ index: 1 })
  await page.getByLabel(ar('checkout.fields.street')).fill('حي الصديقية، شارع 4، رقم 9')
  await page.getByLabel(ar('checkout.fields.phone')).fill('0770 11 22 33')
  await page.getByLabel(ar('cart.modes.desk')).check()
  await page.getByRole('button', { name: ar('checkout.continue') }).click()

  await expect(page).toHaveURL(/step=review/)
  await expect(page.getByText(ar('cart.modes.desk'))).toBeVisible()
  await page.getByRole('button', { name: ar('checkout.confirm') }).click()
  await expect(page.getByRole('heading', { name: ar('checkout.done.title') })).toBeVisible()
  await expect(page.getByText(/^TSQ-\d{6}$/)).toHaveCount(1)
})
