import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

test('a moderator approves a listing in French on a desktop', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation')
  await page.getByRole('link', { name: /Produits à examiner/ }).click()
  await expect(page.getByRole('heading', { name: 'Produits à examiner' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/moderation-products-fr-desktop.png', fullPage: true })

  const title = 'Savon à l’argile et au ghassoul – 100 g'
  await page.getByRole('link', { name: new RegExp(title) }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText('Coopérative oléicole Tazemourt')).toBeVisible()
  // The versions buyers will see in Arabic and English are reviewed with the original.
  const versions = page.getByRole('region', { name: 'Versions dans d’autres langues' })
  await expect(versions.getByRole('definition').filter({ hasText: 'صابون الطين والغاسول – 100 غ' })).toBeVisible()
  await expect(versions.getByText('صابون مصنوع على البارد بزيت زيتون صدوق، مدعّم بطين الغاسول. للبشرة الدهنية.')).toBeVisible()
  await expect(versions.getByText('Ghassoul clay soap – 100 g')).toBeVisible()
  await expect(versions.getByText('Titre en anglais')).toBeVisible()
  await expect(versions.getByText('Description en anglais')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/moderation-product-fr-desktop.png', fullPage: true })
  await page.getByRole('button', { name: 'Approuver et publier' }).click()
  await expect(page).toHaveURL(/\/moderation\/products$/)
  await expect(page.getByText('Produit approuvé et publié ; le vendeur a été prévenu.')).toBeVisible()
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0)

  // A re-review is flagged as such.
  await page.getByRole('link', { name: /عسل السدر الجبلي/ }).click()
  await expect(page.getByText(/était déjà publié/)).toBeVisible()

  await page.goto('/moderation/reports')
  await expect(page.getByRole('heading', { name: 'Signalements des clients' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/moderation-reports-fr-desktop.png', fullPage: true })
})
