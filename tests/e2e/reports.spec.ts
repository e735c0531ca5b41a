import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn, logOut } from './support/accounts'

// The listing reported and taken down here is used by no other browser test.
const slug = 'hirz-targui-tcherot-fidda'

test('a buyer reports a public listing; the moderator sees the report and takes the listing down', async ({ page }) => {
  // A long journey (several log-ins, each a deliberate password hash): more than the default 30 s on a busy machine.
  test.setTimeout(90_000)
  await logIn(page, 'client@taswiq.dz', DEMO_PASSWORD)
  await page.goto(`/p/${slug}/report`)
  await expect(page.getByRole('heading', { name: 'الإبلاغ عن منتج' })).toBeVisible()
  const title = (await page.locator('h1 + p').innerText()).trim()
  await page.getByLabel('منتج مقلّد').check()
  const note = `ليس من الفضة الحقيقية ${Date.now()}`
  await page.getByLabel('تفاصيل (اختياري)').fill(note)
  await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
  await expect(page).toHaveURL(new RegExp(`/p/${slug}$`))
  await expect(page.getByText('شكرًا، وصلنا بلاغك وسيراجعه مشرف.')).toBeVisible()

  // Reporting again is thanked too, and adds nothing.
  await page.goto(`/p/${slug}/report`)
  await page.getByLabel('وصف أو صور مضلّلة').check()
  await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
  await expect(page.getByText('شكرًا، وصلنا بلاغك وسيراجعه مشرف.')).toBeVisible()
  await logOut(page)

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation')
  await page.getByTestId('queue-openReports').click()
  await expect(page).toHaveURL(/\/moderation\/reports$/)
  const listing = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) })
  await expect(listing.getByText(note)).toBeVisible()
  await expect(listing.getByText('بلاغ واحد')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/moderation-reports-ar-360.png', fullPage: true })

  await listing.getByText('سحب المنتج…').click()
  await listing.getByLabel('رسالة إلى المنتج').fill('القطعة ليست من الفضة حسب بلاغ مشترٍ.')
  await listing.getByRole('button', { name: 'سحب المنتج' }).click()
  await expect(page.getByText('سُحب المنتج وأُغلقت بلاغاته؛ أُبلغ المنتج.')).toBeVisible()
  await expect(page.getByRole('heading', { name: title })).toHaveCount(0)

  const response = await page.goto(`/p/${slug}`)
  expect(response?.status()).toBe(404)
  expect((await page.goto(`/p/${slug}/report`))?.status()).toBe(404)
})

test('a visitor can report too, and a listing that is not public cannot be reported', async ({ page }) => {
  expect((await page.goto('/p/mendil-mtarraz-fetla/report'))?.status()).toBe(404)
  await page.goto('/p/rubb-tamr-500g/report')
  // The reason is required.
  await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
  await expect(page.getByText('اختر سبب البلاغ.')).toBeVisible()
  await page.getByLabel('سبب آخر').check()
  await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
  await expect(page.getByText('شكرًا، وصلنا بلاغك وسيراجعه مشرف.')).toBeVisible()
})
