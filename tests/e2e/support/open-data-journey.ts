import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { expect, type Page } from '@playwright/test'
import { msg, type Language } from './messages'

// The open-data page and the partner API docs (issue 22), walked the same way in Arabic on a phone
// and in French on a desktop: the month's files are listed with their SHA-256, a download matches
// its checksum, the dictionary reads in the page's language; /api/docs lists the endpoints.

export async function openDataJourney(page: Page, language: Language, screenshot?: string) {
  const m = (key: string, values?: Record<string, string | number>) => msg(language, key, values)
  await page.goto('/')
  await page.getByRole('link', { name: m('nearMe.homeLink') }).isVisible()
  // The server makes last month's files once at start: wait for them.
  await expect(async () => {
    await page.goto('/open-data')
    await expect(page.getByText('SHA-256').first()).toBeVisible({ timeout: 5000 })
  }).toPass({ timeout: 60_000 })
  await expect(page.getByRole('heading', { level: 1, name: m('openData.title') })).toBeVisible()
  await expect(page.getByText(m('openData.intro', { minimum: 5 }))).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: m('openData.dictionary') })).toBeVisible()
  const dictionaryText = (await import('../../../app/modules/opendata/dictionary')).openDataDatasets['by-commune'].columns.commune_code[language]
  await expect(page.getByText(dictionaryText, { exact: true })).toBeVisible()
  if (screenshot) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.screenshot({ path: screenshot, fullPage: true })
  }

  // The first CSV's bytes hash to the checksum shown beside it.
  const item = page.locator('li', { has: page.locator('a[href$=".csv"]') }).first()
  const listed = (await item.locator('code').innerText()).trim()
  const downloading = page.waitForEvent('download')
  await item.locator('a[href$=".csv"]').click()
  const download = await downloading
  const bytes = await readFile((await download.path())!)
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed)

  await page.goto('/api/docs')
  await expect(page.getByRole('heading', { level: 1, name: m('partners.docsTitle') })).toBeVisible()
  for (const dataset of ['shops', 'sales', 'payout-delays', 'moderation']) await expect(page.getByRole('heading', { name: new RegExp(`^GET\\s*/api/v1/${dataset}$`) })).toBeVisible()
  const openapi = await page.request.get('/api/openapi.json')
  expect(openapi.status()).toBe(200)
  expect((await openapi.json()).openapi).toBe('3.1.0')
}
