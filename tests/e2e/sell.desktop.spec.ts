import { expect, test } from './fixtures'
import { logIn } from './support/accounts'

test('the application form in French on a wide screen', async ({ page }) => {
  await logIn(page, 'client@taswiq.dz', 'taswiq-demo-2026')
  await page.goto('/sell?step=place&wilaya=16')
  await expect(page.getByRole('heading', { name: 'Vendre sur Taswiq' })).toBeVisible()
  await expect(page.getByLabel('Commune')).toBeEnabled()
  await page.screenshot({ path: 'test-results/screens/sell-fr-desktop.png' })
})
