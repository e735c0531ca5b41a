import { readFile } from 'node:fs/promises'
import { formatDzd } from '../../app/utils/money'
import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { logIn, logOut, signUp } from './support/accounts'
import { checkOutCashOnDelivery } from './support/checkout'
import { msg } from './support/messages'

const ar = (key: string, values?: Record<string, string | number>) => msg('ar', key, values)
const fr = (key: string, values?: Record<string, string | number>) => msg('fr', key, values)

// A shop no other browser test orders from, so its balance is this test's alone.
const DATES = {
  slug: 'deglet-nour-mahshuw-lawz-1kg',
  producer: 'mebarka.saadi@demo.taswiq.dz',
  shopName: 'خيرات نخيل طولقة',
  holder: 'مباركة سعدي',
  ccp: '0035874102 36',
}
// 3,500 DA of dates + 400 DA home delivery to Algiers − 10 % commission on the dates (the e2e server
// runs with PAYOUT_HOLD_DAYS=0, so the money is available as soon as it is delivered).
const NET = 350_000 + 40_000 - 35_000

test.describe.configure({ timeout: 180_000 })

test('delivered orders become available; the producer asks for a payout, the admin exports the batch and marks it paid; the statement balances', async ({
  page,
  browser,
}, testInfo) => {
  // A buyer orders the dates, cash on delivery.
  await page.goto(`/p/${DATES.slug}`)
  await page.getByRole('button', { name: ar('cart.add') }).click()
  await expect(page.getByText(ar('cart.added'))).toBeVisible()
  await signUp(page, { name: 'نوال قاسمي', email: uniqueEmail('payout-buyer'), password: 'dates-pass-123' })
  await checkOutCashOnDelivery(page)
  await logOut(page)

  // The producer delivers it.
  await logIn(page, DATES.producer, DEMO_PASSWORD)
  await page.goto('/dashboard/orders')
  await page.getByRole('link').filter({ hasText: 'نوال قاسمي' }).first().click()
  // Cash on delivery: confirmed by phone first (issue 19).
  await page.getByRole('button', { name: ar('delivery.cod.confirmed') }).click()
  await expect(page.getByText(ar('delivery.done.confirmed'))).toBeVisible()
  await page.getByRole('button', { name: ar('orders.actions.shipped') }).click()
  await expect(page.getByText(ar('orders.done.shipped'))).toBeVisible()
  await page.getByRole('button', { name: ar('orders.actions.delivered') }).click()
  await expect(page.getByText(ar('orders.done.delivered'))).toBeVisible()

  // Her earnings page shows the delivered order's net amount as available, with the entries behind it.
  await page.goto('/dashboard')
  await page.getByRole('link', { name: ar('dashboard.payouts') }).click()
  await expect(page.getByRole('heading', { name: ar('payouts.title') })).toBeVisible()
  const available = page.locator('[data-figure="available"] dd').first()
  await expect(available).toHaveText(formatDzd(NET, 'ar'))
  await expect(page.locator('[data-entry-kind="sale"]').first()).toContainText(formatDzd(390_000, 'ar'))
  await expect(page.locator('[data-entry-kind="commission"]').first()).toContainText(formatDzd(-35_000, 'ar'))
  await page.screenshot({ path: 'test-results/screens/payouts-ar-360.png', fullPage: true })
  await page.getByRole('button', { name: ar('payouts.requestButton', { amount: formatDzd(NET, 'ar') }) }).click()
  await expect(page.getByText(ar('payouts.requested'))).toBeVisible()
  await expect(available).toHaveText(formatDzd(0, 'ar'))
  await expect(page.locator('[data-payout-status="requested"]')).toBeVisible()

  // The admin, at a desk in French, downloads the batch and marks the transfer paid.
  const admin = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, extraHTTPHeaders: { 'X-Forwarded-For': '10.77.0.9' } })
  const desk = await admin.newPage()
  await logIn(desk, 'admin@taswiq.dz', DEMO_PASSWORD)
  await desk.goto('/')
  await desk.getByRole('link', { name: fr('header.payouts') }).click()
  await expect(desk.getByRole('heading', { name: fr('admin.payouts.title') })).toBeVisible()
  const row = desk.locator(`[data-payout="khayrat-nakhil-tolga"]`)
  await expect(row).toContainText(DATES.ccp)
  await expect(row).toContainText(formatDzd(NET, 'fr'))
  const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: fr('admin.payouts.exportCsv') }).click()])
  const csv = await readFile((await download.path())!, 'utf8')
  expect(csv.startsWith('\uFEFF' + [fr('admin.csv.shop'), fr('admin.csv.holder')].join(','))).toBe(true)
  expect(csv).toContain(`${DATES.shopName},${DATES.holder},CCP,${DATES.ccp},${(NET / 100).toFixed(2)},${NET},`)
  await desk.reload()
  await expect(row).toContainText(fr('admin.payouts.exportedOn', { date: '' }).trim())
  await desk.screenshot({ path: 'test-results/screens/admin-payouts-fr-desktop.png', fullPage: true })
  await row.getByLabel(fr('admin.payouts.reference')).fill('AP-2026-004512')
  await row.getByRole('button', { name: fr('admin.payouts.markPaid') }).click()
  await expect(desk.getByText(fr('admin.done.paid'))).toBeVisible()
  await expect(desk.locator('[data-payout="khayrat-nakhil-tolga"]')).toHaveCount(0)
  await admin.close()

  // The producer sees it paid, and this month's statement balances to zero.
  await page.reload()
  await expect(page.locator('[data-payout-status="paid"]').first()).toContainText('AP-2026-004512')
  await expect(page.locator('[data-figure="paidOut"] dd').first()).not.toHaveText(formatDzd(0, 'ar'))
  await page.getByRole('link', { name: ar('payouts.statementLink') }).click()
  const summary = page.getByTestId('statement-summary')
  await expect(summary.locator('[data-line="payouts"] dd')).not.toHaveText(formatDzd(0, 'ar'))
  await expect(summary.locator('[data-line="closing"] dd')).toHaveText(formatDzd(0, 'ar'))
  await page.screenshot({ path: 'test-results/screens/statement-ar-360.png', fullPage: true })
  testInfo.annotations.push({ type: 'net', description: String(NET) })
})
