import { test as base, expect, type Page } from '@playwright/test'

// Every test comes from its own (made-up) IP address, as real visitors do: per-IP rate limits
// then apply to one test at a time instead of adding up over the suite.
export const test = base.extend({
  extraHTTPHeaders: async ({}, use, testInfo) => {
    const n = testInfo.workerIndex * 10_000 + testInfo.testId.split('').reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 9_973, 0)
    await use({ 'X-Forwarded-For': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}` })
  },
})
export { expect }

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@test.taswiq.dz`
}

/** The plain text of the newest email sent to `to`, from the development mailbox. */
export async function latestEmailText(page: Page, to: string) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`)
  const text = page.getByTestId('email-text').first()
  await expect(text).toBeVisible()
  return text.innerText()
}

export const DEMO_PASSWORD = 'taswiq-demo-2026'
