import { expect, type Page } from '@playwright/test'
import { msg, type Language } from './messages'

/**
 * From the checkout's address step to the review step: a wilaya (Algiers by default), its first
 * commune, a street and a phone. Works with or without JavaScript (the "show communes" button).
 */
export async function fillCheckoutAddress(
  page: Page,
  {
    language = 'ar',
    wilaya = '16',
    street = 'حي 5 جويلية، عمارة 3، رقم 12',
    phone = '0555 12 34 56',
  }: { language?: Language; wilaya?: string; street?: string; phone?: string } = {}
) {
  const m = (key: string) => msg(language, key)
  await page.getByLabel(m('checkout.fields.wilaya')).selectOption(wilaya)
  await page.getByRole('button', { name: m('checkout.fields.showCommunes') }).click()
  await expect(page.getByLabel(m('checkout.fields.commune'))).toBeEnabled()
  await page.getByLabel(m('checkout.fields.commune')).selectOption({ index: 1 })
  await page.getByLabel(m('checkout.fields.street')).fill(street)
  await page.getByLabel(m('checkout.fields.phone')).fill(phone)
  await page.getByRole('button', { name: m('checkout.continue') }).click()
  await expect(page).toHaveURL(/step=review/)
}

/** The whole checkout of the cart with cash on delivery, from /checkout to the confirmation. */
export async function checkOutCashOnDelivery(page: Page, options: Parameters<typeof fillCheckoutAddress>[1] = {}) {
  await page.goto('/checkout')
  await fillCheckoutAddress(page, options)
  await page.getByRole('button', { name: msg(options.language ?? 'ar', 'checkout.confirm') }).click()
  await expect(page.getByRole('heading', { name: msg(options.language ?? 'ar', 'checkout.done.title') })).toBeVisible()
}
