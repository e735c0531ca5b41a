import { expect, test } from './fixtures'

test('the sign-up page in French on a wide screen', async ({ page }) => {
  await page.goto('/signup')
  await expect(page.getByRole('heading', { name: 'Créer un compte' })).toBeVisible()
  await page.getByRole('button', { name: 'Créer mon compte' }).click()
  await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/signup-fr-desktop.png' })
})
