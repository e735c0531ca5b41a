import { test, uniqueEmail } from './fixtures'
import { applyToSell, signUp } from './support/accounts'

test('a new user applies to sell from a phone, in Arabic', async ({ page }) => {
  await signUp(page, { name: 'وردية آيت أحمد', email: uniqueEmail('ouardia'), password: 'pottery-pass-1' })
  await applyToSell(page, { shopName: 'فخار وردية' })
  await page.screenshot({ path: 'test-results/screens/sell-review-ar-360.png', fullPage: true })
})
