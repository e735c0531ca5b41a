import { readFile } from 'node:fs/promises'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'
import { msg } from './support/messages'

const ar = (key: string) => msg('ar', key)

test.describe.configure({ timeout: 60_000 })

test('a moderator reads the figures in Arabic on a phone, filters by a wilaya and downloads a CSV', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation')
  await page.getByRole('link', { name: ar('stats.link') }).click()
  await expect(page.getByRole('heading', { level: 1, name: ar('stats.title') })).toBeVisible()
  // The demo history has sales in the last 90 days.
  await page.getByLabel(ar('stats.filters.period')).selectOption('last90')
  await page.getByLabel(ar('stats.filters.wilaya')).selectOption('15')
  await page.getByLabel(ar('stats.filters.producer')).selectOption('rural_woman')
  await page.getByRole('button', { name: ar('stats.filters.apply') }).click()
  await expect(page).toHaveURL(/wilaya=15/)
  await expect(page.getByTestId('stats-range')).toContainText('تيزي وزو')
  await expect(page.getByTestId('stats-range')).toContainText(ar('producerCategory.rural_woman'))
  const producers = page.getByTestId('table-producer')
  await expect(producers.getByRole('row')).toHaveCount(2)
  await expect(producers).toContainText(ar('producerCategory.rural_woman'))
  await expect(page.getByTestId('figure-sellers')).not.toContainText(/^0$/)
  await expect(page.getByTestId('figure-payouts')).not.toContainText(ar('stats.notAvailable'))
  await expect(page.getByTestId('table-wilaya').getByRole('row', { name: /تيزي وزو/ })).toBeVisible()
  // The map: 58 wilayas; with the filter only Tizi Ouzou sold, so it alone is shaded, the darkest.
  const map = page.getByTestId('wilaya-map')
  await expect(map.getByRole('img', { name: ar('stats.map.label') })).toBeVisible()
  await expect(map.locator('[data-wilaya]')).toHaveCount(58)
  await expect(map.locator('[data-wilaya="15"]')).toHaveAttribute('data-shade', '5')
  await expect(map.locator('[data-wilaya]:not([data-shade="0"])')).toHaveCount(1)

  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.screenshot({ path: 'test-results/screens/stats-ar-phone.png', fullPage: true })

  const section = page.locator('section', { has: page.getByRole('heading', { name: ar('stats.sections.wilaya') }) })
  const downloading = page.waitForEvent('download')
  await section.getByRole('link', { name: ar('stats.downloadCsv') }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^taswiq-stats-wilaya-.*\.csv$/)
  const bytes = await readFile((await download.path())!)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  expect(text).toContain(ar('stats.csv.wilaya'))
  expect(text).toContain('15,تيزي وزو,')
  // The wilaya filter holds in the file too: one header and one wilaya.
  expect(text.trimEnd().split('\r\n')).toHaveLength(2)
})

for (const email of ['client@taswiq.dz', 'souad.meziane@demo.taswiq.dz']) {
  test(`${email.split('@')[0]} (not staff) gets 403 from the dashboard and its CSV`, async ({ page }) => {
    await logIn(page, email, DEMO_PASSWORD)
    const response = await page.goto('/admin/stats')
    expect(response?.status()).toBe(403)
    expect((await page.request.get('/admin/stats.csv?table=wilaya')).status()).toBe(403)
  })
}

test('the public impact page shows counts only', async ({ page }) => {
  const response = await page.goto('/impact')
  expect(response?.status()).toBe(200)
  expect(response?.headers()['cache-control']).toContain('public')
  await expect(page.getByRole('heading', { level: 1, name: ar('impact.title') })).toBeVisible()
  for (const key of ['producers', 'wilayas', 'products', 'delivered']) {
    await expect(page.getByTestId(`impact-${key}`)).toContainText(ar(`impact.figures.${key}`))
    await expect(page.getByTestId(`impact-${key}`).locator('dd')).toHaveText(/^[1-9][\d,.\u00a0\u202f]*$/)
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.screenshot({ path: 'test-results/screens/impact-ar-phone.png', fullPage: true })
})
