import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { applyToSell, logIn, logOut, signUp } from './support/accounts'
import { msg } from './support/messages'

const ar = (key: string) => msg('ar', key)

test.describe.configure({ timeout: 90_000 })

test('without JavaScript: apply, the moderator rejects with a reason, the producer reads it', async ({ page }) => {
  const email = uniqueEmail('nojs-rejected')
  const shopName = `صابون ${Math.random().toString(36).slice(2, 7)}`
  await signUp(page, { name: 'خديجة بن علي', email, password: 'savon-pass-1' })
  await applyToSell(page, { shopName })
  await logOut(page)

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/shops')
  await page.getByRole('link', { name: shopName }).click()
  // A reason is required: without one the server answers with a translated error and changes nothing.
  await page.getByRole('button', { name: ar('moderationShops.decisions.reject') }).click()
  await expect(page.getByText(ar('moderationShops.errors.reasonRequired')).first()).toBeVisible()
  await page.getByLabel(ar('moderationShops.decisions.reasonCode')).selectOption('invalid_legal_numbers')
  await page.getByLabel(ar('moderationShops.decisions.reason')).fill('رقم التعريف الجبائي لا يطابق البطاقة.')
  await page.getByRole('button', { name: ar('moderationShops.decisions.reject') }).click()
  await expect(page.getByText(ar('moderationShops.toast.reject'))).toBeVisible()
  await logOut(page)

  await logIn(page, email, 'savon-pass-1')
  await page.goto('/dashboard')
  await expect(page.getByText(ar('dashboard.status.rejected'), { exact: true })).toBeVisible()
  await expect(page.getByText(ar('reasons.invalid_legal_numbers')).first()).toBeVisible()
  await expect(page.getByText('رقم التعريف الجبائي لا يطابق البطاقة.', { exact: false }).first()).toBeVisible()
})
