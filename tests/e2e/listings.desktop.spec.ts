import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

const PRODUCER = 'kheira.bensalem@demo.taswiq.dz'

test('a producer edits a product in French: price at once, title back to review', async ({ page }) => {
  // Three saves, a reload, a second log-in and three requests: more than 30 s on a busy machine.
  test.setTimeout(60_000)
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products')
  await expect(page.getByRole('heading', { name: 'Mes produits' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/listings-list-fr-desktop.png', fullPage: false })

  const live = page.getByRole('listitem').filter({ hasText: 'En vente' }).first()
  const title = (await live.getByRole('heading').innerText()).trim()
  await live.getByRole('link', { name: title }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText('En vente', { exact: true })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/listings-edit-fr-desktop.png', fullPage: true })

  // Price and quantity: saved at once, the product stays on sale.
  await page.getByLabel('Prix (DA)').fill('1999')
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible()
  await expect(page.getByText('En vente', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Prix (DA)')).toHaveValue('1999')

  // The name: back to review, hidden from buyers until a moderator approves it again.
  const newTitle = `${title} – édition ${Date.now().toString(36)}`
  await page.getByLabel('Nom du produit').fill(newTitle)
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  await expect(page.getByText('Modifications enregistrées ; le produit est renvoyé à l’examen.')).toBeVisible()
  await expect(page.getByText('En cours d’examen', { exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: newTitle })).toBeVisible()

  // Empty name, negative price: errors next to the fields, nothing saved.
  await page.getByLabel('Nom du produit').fill('')
  await page.getByLabel('Prix (DA)').fill('-5')
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  await expect(page.getByText('Ce champ est obligatoire.').or(page.getByText('Le nom du produit est trop court.'))).toBeVisible()
  await expect(page.getByText('Indiquez un prix supérieur à zéro.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Nom du produit')).toHaveValue(newTitle)

  // Another producer gets the same 404 as for an unknown id: for the page and for its forms.
  const productUrl = page.url()
  await page.context().clearCookies()
  await logIn(page, 'fatima.benali@demo.taswiq.dz', DEMO_PASSWORD)
  expect((await page.goto(productUrl))?.status()).toBe(404)
  const post = await page.request.post(productUrl, { form: { intent: 'archive' } })
  expect(post.status()).toBe(404)
  const list = await page.request.post('/dashboard/products', { form: { intent: 'stock', productId: productUrl.split('/').pop()!, stock: '0' } })
  expect(list.status()).toBe(404)
})
