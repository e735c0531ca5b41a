import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { applyToSell, logIn, logOut, signUp } from './support/accounts'
import { msg } from './support/messages'

const fr = (key: string) => msg('fr', key)

test.describe.configure({ timeout: 90_000 })

test('in French on a wide screen: apply, the moderator approves, the producer sees the approval', async ({ page }) => {
  const email = uniqueEmail('fr-approved')
  const shopName = `Poterie ${Math.random().toString(36).slice(2, 7)}`
  await signUp(page, {
    name: 'Ouardia Aït Ahmed',
    email,
    password: 'poterie-pass-1',
    language: 'fr',
  })
  await applyToSell(page, { shopName, language: 'fr' })
  await logOut(page, 'fr')

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/shops')
  await expect(page.getByRole('heading', { level: 1, name: fr('moderationShops.title') })).toBeVisible()
  await page.screenshot({
    path: 'test-results/screens/moderation-shops-fr-desktop.png',
    fullPage: true,
  })
  await page.getByRole('link', { name: shopName }).click()
  await expect(page.getByRole('heading', { level: 1, name: shopName })).toBeVisible()
  await page.screenshot({
    path: 'test-results/screens/moderation-shop-fr-desktop.png',
    fullPage: true,
  })
  await page.getByRole('button', { name: fr('moderationShops.decisions.approve') }).click()
  await expect(page.getByText(fr('moderationShops.toast.approve'))).toBeVisible()

  await page.goto('/moderation/audit')
  await expect(page.getByRole('row').filter({ hasText: shopName })).toContainText(fr('audit.actions.shop.approve'))
  await page.screenshot({
    path: 'test-results/screens/moderation-audit-fr-desktop.png',
    fullPage: true,
  })
  const csv = await page.request.get('/moderation/audit.csv')
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect(await csv.text()).toContain(shopName)
  await logOut(page, 'fr')

  await logIn(page, email, 'poterie-pass-1')
  await page.goto('/dashboard')
  await expect(page.getByText(fr('dashboard.status.approved'))).toBeVisible()
  await page.screenshot({
    path: 'test-results/screens/dashboard-fr-desktop.png',
    fullPage: true,
  })
})
