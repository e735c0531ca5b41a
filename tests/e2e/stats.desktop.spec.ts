import { readFile } from 'node:fs/promises'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'
import { msg } from './support/messages'

const fr = (key: string) => msg('fr', key)

test.describe.configure({ timeout: 60_000 })

test('in French on a wide screen: the moderator filters by a wilaya and downloads the producers table', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/admin/stats?period=last90')
  await expect(page.getByRole('heading', { level: 1, name: fr('stats.title') })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/stats-fr-desktop.png', fullPage: true })
  await page.getByLabel(fr('stats.filters.wilaya')).selectOption('15')
  await page.getByRole('button', { name: fr('stats.filters.apply') }).click()
  await expect(page).toHaveURL(/wilaya=15/)
  await expect(page.getByTestId('stats-range')).toContainText('Tizi Ouzou')
  const wilayas = page.getByTestId('table-wilaya')
  await expect(wilayas.getByRole('row')).toHaveCount(2)
  await expect(wilayas).toContainText('Tizi Ouzou')
  await page.screenshot({ path: 'test-results/screens/stats-fr-desktop-tizi.png', fullPage: true })

  const section = page.locator('section', { has: page.getByRole('heading', { name: fr('stats.sections.producer') }) })
  const downloading = page.waitForEvent('download')
  await section.getByRole('link', { name: fr('stats.downloadCsv') }).click()
  const bytes = await readFile((await (await downloading).path())!)
  // UTF-8 with a byte-order mark (TextDecoder reads the mark and drops it).
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  expect(text).toContain(`${fr('stats.csv.producerCategory')},${fr('stats.csv.activeShops')}`)
  expect(text).toContain(fr('producerCategory.rural_woman'))
})
