import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { signUp } from './support/accounts'
import { msg } from './support/messages'

const fr = (key: string, values?: Record<string, string | number>) => msg('fr', key, values)

test.describe.configure({ timeout: 120_000 })

/**
 * Presses Tab until `target` has the focus, as a keyboard user would, and checks the focus can be
 * seen (an outline). Fails when the control cannot be reached within `max` presses.
 */
async function tabTo(page: Page, target: Locator, max = 120) {
  await expect(target).toBeVisible()
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle)
      expect(outline, 'the focused control shows a focus ring').not.toBe('none')
      return
    }
    await page.keyboard.press('Tab')
  }
  throw new Error(`not reachable with Tab in ${max} presses: ${target}`)
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
}

test('keyboard only: from the product page to a confirmed cash-on-delivery order, without a mouse', async ({ page }) => {
  await signUp(page, { name: 'Nadia Clavier', email: uniqueEmail('keyboard'), password: 'clavier-pass-2026', language: 'fr' })

  await page.goto('/p/savon-lait-chevre-huile-olive-100g')
  await tabTo(page, page.getByRole('button', { name: fr('cart.add') }))
  await page.keyboard.press('Enter')
  await expect(page.getByText(fr('cart.added'))).toBeVisible()

  await tabTo(page, page.getByRole('link', { name: fr('header.cartWithUnits_one', { count: 1 }) }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/cart$/)
  await tabTo(page, page.getByRole('link', { name: fr('cart.checkout') }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/checkout/)
  expect(await seriousViolations(page), 'address step').toEqual([])

  // Arrow keys change a closed select; the communes of the chosen wilaya then load.
  const wilaya = page.getByLabel(fr('checkout.fields.wilaya'))
  await tabTo(page, wilaya)
  await page.keyboard.press('ArrowDown')
  await expect(wilaya).not.toHaveValue('')
  const commune = page.getByLabel(fr('checkout.fields.commune'))
  await expect(commune).toBeEnabled()
  await tabTo(page, commune)
  await page.keyboard.press('ArrowDown')
  await expect(commune).not.toHaveValue('')
  await tabTo(page, page.getByLabel(fr('checkout.fields.street')))
  await page.keyboard.type('Cité des 200 logements, bloc C, n° 4')
  await tabTo(page, page.getByLabel(fr('checkout.fields.phone')))
  await page.keyboard.type('0770 11 22 33')
  await tabTo(page, page.getByRole('button', { name: fr('checkout.continue') }))
  await page.keyboard.press('Enter')

  await expect(page).toHaveURL(/step=review/)
  await expect(page.getByLabel(fr('checkout.cod'))).toBeChecked()
  expect(await seriousViolations(page), 'review step').toEqual([])
  await tabTo(page, page.getByRole('button', { name: fr('checkout.confirm') }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: fr('checkout.done.title') })).toBeVisible()
  await expect(page.getByText(/^TSQ-\d{6}$/)).toHaveCount(1)
})
