import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { logIn, signUp } from './support/accounts'
import { fillCheckoutAddress } from './support/checkout'
import { msg } from './support/messages'

// No serious or critical axe violation on the pages people use most, in Arabic (this project) and
// in French (the desktop copy of this file).

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`
    )
}

const publicPages = ['/', '/search?q=عسل', '/p/tadjine-galette-terre-cuite-35cm', '/cart', '/login', '/impact']

for (const path of publicPages) {
  test(`no serious accessibility violation on ${path}`, async ({ page }) => {
    await page.goto(path)
    expect(await seriousViolations(page)).toEqual([])
  })
}

test('no serious accessibility violation on the producer dashboard, product form and orders', async ({ page }) => {
  // Log-in, then a full axe run on each of 3–4 pages (about 5 s each on a busy 2-core machine).
  test.setTimeout(90_000)
  await logIn(page, 'ouardia.aitahmed@demo.taswiq.dz', DEMO_PASSWORD)
  for (const path of ['/dashboard', '/dashboard/products/new', '/dashboard/orders']) {
    await page.goto(path)
    expect(await seriousViolations(page), path).toEqual([])
  }
})

test('no serious accessibility violation on the moderation queues', async ({ page }) => {
  // Log-in, then a full axe run on each of 3–4 pages (about 5 s each on a busy 2-core machine).
  test.setTimeout(90_000)
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  for (const path of ['/moderation', '/moderation/shops', '/moderation/products', '/admin/stats']) {
    await page.goto(path)
    expect(await seriousViolations(page), path).toEqual([])
  }
})

test('in Arabic: no serious accessibility violation on the two checkout steps, with a product in the cart', async ({ page }) => {
  test.setTimeout(90_000)
  await signUp(page, { name: 'سعاد مرابط', email: uniqueEmail('a11y-checkout'), password: 'checkout-a11y-2026' })
  await page.goto('/p/shih-sahbi-mujaffaf-100g')
  await page.getByRole('button', { name: msg('ar', 'cart.add') }).click()
  await expect(page.getByText(msg('ar', 'cart.added'))).toBeVisible()
  await page.goto('/checkout')
  expect(await seriousViolations(page), 'address step').toEqual([])
  await fillCheckoutAddress(page, { street: 'حي 20 أوت، رقم 7', phone: '0550 98 76 54' })
  expect(await seriousViolations(page), 'review step').toEqual([])
})
