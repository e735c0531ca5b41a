import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, latestEmailText, test, uniqueEmail } from './fixtures'
import { applyToSell, logIn, logOut, signUp } from './support/accounts'

const MODERATOR = 'moderateur@taswiq.dz'

/** A new user who has sent an application; returns to the caller logged out. */
async function applicant(page: Page, prefix: string) {
  const email = uniqueEmail(prefix)
  const password = 'couscous-pass-1'
  const shopName = `فخار ${Math.random().toString(36).slice(2, 7)}`
  await signUp(page, { name: 'وردية آيت أحمد', email, password })
  await applyToSell(page, { shopName })
  await page.goto('/dashboard')
  await expect(page.getByText('قيد المراجعة').first()).toBeVisible()
  await logOut(page)
  return { email, password, shopName }
}

async function openApplication(page: Page, shopName: string) {
  await logIn(page, MODERATOR, DEMO_PASSWORD)
  await page.goto('/moderation/shops')
  await page.getByRole('link', { name: shopName }).click()
  await expect(page.getByRole('heading', { level: 1, name: shopName })).toBeVisible()
}

test.describe.configure({ timeout: 90_000 })

test('the moderator approves an application; the producer sees it on the dashboard and by email', async ({ page }) => {
  const { email, password, shopName } = await applicant(page, 'approved')

  await openApplication(page, shopName)
  await page.screenshot({
    path: 'test-results/screens/moderation-shop-ar-360.png',
    fullPage: true,
  })
  await page.getByRole('button', { name: 'اعتماد المتجر' }).click()
  await expect(page.getByText('تمّ اعتماد المتجر وإبلاغ صاحبه.')).toBeVisible()
  await expect(page).toHaveURL(/\/moderation\/shops$/)
  await expect(page.getByRole('link', { name: shopName })).toHaveCount(0)

  // Every decision is in the audit log.
  await page.goto('/moderation/audit')
  await expect(page.getByRole('listitem').filter({ hasText: shopName }).filter({ hasText: 'اعتماد متجر' })).toHaveCount(1)
  await page.screenshot({
    path: 'test-results/screens/moderation-audit-ar-360.png',
    fullPage: true,
  })
  await logOut(page)

  expect(await latestEmailText(page, email)).toContain(shopName)

  await logIn(page, email, password)
  await page.goto('/dashboard')
  await expect(page.getByText('متجر معتمد')).toBeVisible()
  await expect(page.getByText(`تمّت الموافقة على متجرك «${shopName}»`)).toBeVisible()
  await page.screenshot({
    path: 'test-results/screens/dashboard-approved-ar-360.png',
    fullPage: true,
  })
  await page.getByRole('link', { name: 'صفحة متجري' }).click()
  await expect(page.getByRole('heading', { level: 1, name: shopName })).toBeVisible()
})

test('a rejected applicant sees the reason and can correct the application', async ({ page }) => {
  const { email, password, shopName } = await applicant(page, 'rejected')

  await openApplication(page, shopName)
  await page.getByLabel('السبب').selectOption({ label: 'الوثائق غير واضحة أو لا تُقرأ' })
  await page.getByLabel('رسالة إلى صاحب المتجر').fill('صورة البطاقة غير واضحة، أرسلي صورة أوضح.')
  await page.getByRole('button', { name: 'رفض الطلب' }).click()
  await expect(page.getByText('تمّ رفض الطلب وإبلاغ صاحبه.')).toBeVisible()
  await logOut(page)

  await logIn(page, email, password)
  await page.goto('/dashboard')
  await expect(page.getByText('مرفوض', { exact: true })).toBeVisible()
  await expect(page.getByText('الوثائق غير واضحة أو لا تُقرأ').first()).toBeVisible()
  await expect(page.getByText('صورة البطاقة غير واضحة، أرسلي صورة أوضح.').first()).toBeVisible()
  await page.screenshot({
    path: 'test-results/screens/dashboard-rejected-ar-360.png',
    fullPage: true,
  })

  // The application opens again for correction, with the moderator's words on top (in its alert:
  // during the client-side navigation the dashboard's notice may still hold the same words).
  await page.getByRole('link', { name: 'تعديل الطلب وإرساله' }).click()
  await expect(page).toHaveURL(/\/sell/)
  await expect(page.getByRole('alert').getByText('صورة البطاقة غير واضحة، أرسلي صورة أوضح.')).toBeVisible()
  await page.getByRole('button', { name: 'إرسال الطلب للمراجعة' }).click()
  await expect(page.getByText('طلبك قيد المراجعة')).toBeVisible()
})

test('a suspended shop disappears from the storefront until it is reinstated', async ({ page }) => {
  const { shopName } = await applicant(page, 'suspended')

  await openApplication(page, shopName)
  await page.getByRole('button', { name: 'اعتماد المتجر' }).click()
  await expect(page.getByText('تمّ اعتماد المتجر وإبلاغ صاحبه.')).toBeVisible()

  await page.getByRole('link', { name: 'معتمدة' }).click()
  await page.getByRole('link', { name: shopName }).click()
  await expect(page.getByRole('heading', { level: 1, name: shopName })).toBeVisible()
  const shopId = page.url().split('/').pop()!
  const slug = await shopSlug(page)
  expect((await page.request.get(`/s/${slug}`)).status()).toBe(200)

  await page.getByLabel('السبب').selectOption({ label: 'شكاوى متكرّرة من الزبائن' })
  await page.getByRole('button', { name: 'إيقاف المتجر' }).click()
  await expect(page.getByText('تمّ إيقاف المتجر وإبلاغ صاحبه.')).toBeVisible()
  expect((await page.request.get(`/s/${slug}`)).status()).toBe(404)

  await page.goto(`/moderation/shops/${shopId}`)
  await page.getByRole('button', { name: 'إعادة فتح المتجر' }).click()
  await expect(page.getByText('أُعيد فتح المتجر وإبلاغ صاحبه.')).toBeVisible()
  expect((await page.request.get(`/s/${slug}`)).status()).toBe(200)
})

/** The shop's public address, from the moderator's page link to it. */
async function shopSlug(page: Page) {
  const href = await page.getByRole('link', { name: 'صفحة المتجر العامة' }).getAttribute('href')
  expect(href).toBeTruthy()
  return href!.slice('/s/'.length)
}
