import postgres from 'postgres'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

// Therapeutic claims (law 18-05, decision 026), on a phone in Arabic: a listing waiting for review
// whose description promises a cure is flagged in the queue, its words highlighted on its page.
test('a moderator sees a listing that claims to cure flagged, with the words highlighted', async ({ page }) => {
  test.skip(!process.env.DATABASE_URL, 'writes the claim into the PostgreSQL test database')
  const sql = postgres(process.env.DATABASE_URL!, { max: 1 })
  let product: { id: string; title: string } | undefined
  try {
    ;[product] = await sql<{ id: string; title: string }[]>`
      update products set description = 'عسل طبيعي يعالج السكري ويقوي المناعة'
      where id = (select id from products where status = 'pending_review' order by submitted_at limit 1)
      returning id, title`
  } finally {
    await sql.end()
  }
  expect(product!).toBeTruthy()

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/products')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const row = page.getByRole('link').filter({ hasText: product!.title })
  await expect(row.getByTestId('claims-flag')).toBeVisible()
  await expect(row.getByTestId('claims-flag')).toContainText('السكري')
  await page.screenshot({ path: 'test-results/screens/claims-queue-ar-360.png', fullPage: true })

  await row.click()
  await expect(page).toHaveURL(new RegExp(`/moderation/products/${product!.id}`))
  await expect(page.getByTestId('claims-notice')).toBeVisible()
  await expect(page.locator('mark').filter({ hasText: 'يعالج' }).first()).toBeVisible()
  await expect(page.locator('mark').filter({ hasText: 'السكري' }).first()).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/claims-review-ar-360.png', fullPage: true })
})
