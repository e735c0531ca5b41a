import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

// A marker without digits (long digit runs are masked as phone numbers).
const tag = () => Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')

// Without JavaScript: plain forms, a redirect after each post, a reload shows new messages.
const buyer = 'salim.benbouzid@demo.taswiq.dz'
const shopSlug = 'khayrat-nakhil-tolga'

test('without JavaScript a buyer asks from the shop page, writes again and reads the conversation', async ({ page }) => {
  test.setTimeout(60_000)
  await logIn(page, buyer, DEMO_PASSWORD)
  await page.goto(`/s/${shopSlug}`)
  await page.getByRole('link', { name: 'اسأل المنتِج' }).click()
  const first = `هل عندكم دقلة نور من الموسم الجديد؟ ${tag()}`
  await page.getByLabel('سؤالك للمنتِج').fill(first)
  const [post] = await Promise.all([page.waitForRequest((r) => r.method() === 'POST' && r.isNavigationRequest()), page.getByRole('button', { name: 'إرسال' }).click()])
  expect(post.resourceType()).toBe('document')
  await expect(page).toHaveURL(/\/account\/messages\/\w+$/)
  await expect(page.getByTestId('thread')).toContainText(first)

  const second = `وكم ثمن علبة 5 كغ؟ بريدي salim@example.com ${tag()}`
  await page.getByLabel('رسالتك').fill(second)
  await page.getByRole('button', { name: 'إرسال' }).click()
  await expect(page).toHaveURL(/\/account\/messages\/\w+$/)
  await expect(page.getByTestId('thread')).toContainText('وكم ثمن علبة 5 كغ؟ بريدي •••')

  await page.goto('/account/messages')
  await expect(page.getByRole('link', { name: /خيرات نخيل طولقة/ })).toBeVisible()
})
