import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

// The same accessibility checks as accessibility.spec.ts, in French at desktop width.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`
    )
}

const publicPages = ['/', '/search?q=عسل', '/p/tadjine-galette-terre-cuite-35cm', '/cart', '/login', '/impact']

for (const path of publicPages) {
  test(`in French: no serious accessibility violation on ${path}`, async ({ page }) => {
    await page.goto(path)
    expect(await seriousViolations(page)).toEqual([])
  })
}

test('in French: no serious accessibility violation on the producer dashboard, product form and orders', async ({ page }) => {
  // Log-in, then a full axe run on each of 3–4 pages (about 5 s each on a busy 2-core machine).
  test.setTimeout(90_000)
  await logIn(page, 'ouardia.aitahmed@demo.taswiq.dz', DEMO_PASSWORD)
  for (const path of ['/dashboard', '/dashboard/products/new', '/dashboard/orders', '/dashboard/payouts']) {
    await page.goto(path)
    expect(await seriousViolations(page), path).toEqual([])
  }
})
