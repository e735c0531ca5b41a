import { createHash } from 'node:crypto'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'
import { msg } from './support/messages'

// The page cache on the built app (app/modules/page-cache, decision 014): anonymous pages come
// from memory with their own CSP and ETag, logged-in ones never do, a producer's price change is
// on the next anonymous view, and Arabic and French never mix. tests/integration/page-cache.test.ts
// covers the same rules in detail.

const PRODUCER = 'kheira.bensalem@demo.taswiq.dz'

/** Executable inline scripts (not JSON data blocks) and the hashes a CSP would name them by. */
function inlineScriptHashes(html: string) {
  return [...html.matchAll(/<script((?:\s[^>]*)?)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !/\ssrc=|\stype="application\/(ld\+)?json"/.test(attributes ?? ''))
    .map(
      ([, , code]) =>
        `'sha256-${createHash('sha256')
          .update(code ?? '')
          .digest('base64')}'`
    )
}

test('an anonymous visitor gets the page from the cache, its scripts allowed by hash, and a 304 when unchanged', async ({ page, request }) => {
  const path = `/?from=page-cache-${Date.now()}`
  const first = await request.get(path, { headers: { 'Accept-Language': 'ar' } })
  const second = await request.get(path, { headers: { 'Accept-Language': 'ar' } })
  expect(first.headers()['x-page-cache']).toBe('miss')
  expect(second.headers()['x-page-cache']).toBe('hit')
  const html = await second.text()
  expect(html).toBe(await first.text())
  expect(html).not.toContain('nonce=')

  // The policy names exactly the page's inline scripts: no nonce, no 'unsafe-inline'.
  const scriptSrc = /script-src ([^;]*)/.exec(second.headers()['content-security-policy'] ?? '')![1]!.split(' ')
  const hashes = inlineScriptHashes(html)
  expect(hashes.length).toBeGreaterThan(0)
  expect(scriptSrc.filter((s) => s.startsWith("'sha256-")).sort()).toEqual([...new Set(hashes)].sort())
  expect(scriptSrc.filter((s) => s.startsWith("'nonce-") || s === "'unsafe-inline'")).toEqual([])

  const etag = second.headers()['etag']!
  const notModified = await request.get(path, { headers: { 'Accept-Language': 'ar', 'If-None-Match': etag } })
  expect(notModified.status()).toBe(304)

  // In a browser the cached page runs: no script refused, the app hydrates and navigates.
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
  const response = await page.goto(path)
  expect(response?.headers()['x-page-cache']).toBe('hit')
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized)
  expect(refused).toEqual([])
})

test('a logged-in visitor never gets a cached page; a price change is on the next anonymous view', async ({ page, request }) => {
  test.slow()
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products')
  const live = page
    .getByRole('listitem')
    .filter({ hasText: msg('ar', 'listings.status.active') })
    .first()
  await live.getByRole('heading').getByRole('link').click()
  const slug = (await page.locator('a[href^="/p/"]').first().getAttribute('href'))!.slice('/p/'.length)

  // The anonymous page, stored.
  await request.get(`/p/${slug}`, { headers: { 'Accept-Language': 'ar' } })
  const cached = await request.get(`/p/${slug}`, { headers: { 'Accept-Language': 'ar' } })
  // From the cache (stale, being rendered again, when an earlier run stored it over a minute ago).
  expect(['hit', 'stale']).toContain(cached.headers()['x-page-cache'])

  // The producer, logged in, gets the page rendered for them, without the cache's headers.
  const own = await page.goto(`/p/${slug}`)
  expect(own?.headers()['x-page-cache']).toBeUndefined()
  expect(own?.headers()['etag']).toBeUndefined()
  expect(own?.headers()['cache-control']).toBe('private, no-store')
  await expect(page.getByRole('link', { name: msg('ar', 'header.account') })).toBeVisible()

  // A new price, saved through the dashboard…
  const price = 1000 + Math.floor(Math.random() * 8000)
  await page.goBack()
  await page.getByLabel(msg('ar', 'listings.fields.price')).fill(String(price))
  await page.getByRole('button', { name: msg('ar', 'listings.saveChanges') }).click()
  await expect(page.getByText(msg('ar', 'listings.toast.saved'))).toBeVisible()

  // …is what the next anonymous visitor sees, in Arabic as in French.
  for (const language of ['ar', 'fr'] as const) {
    const next = await request.get(`/p/${slug}`, { headers: { 'Accept-Language': language } })
    const html = await next.text()
    expect(html).toContain(`<html lang="${language}"`)
    const shown = /data-testid="price"[^>]*>([^<]*)</.exec(html)![1]!
    expect(shown.replace(/[^\d٠-٩]/g, '').replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)))).toBe(String(price))
  }
})

test('Arabic and French visitors of the same page each get their own language from the cache', async ({ request }) => {
  const path = `/search?q=${encodeURIComponent('عسل')}&from=page-cache-${Date.now()}`
  const ar = await request.get(path, { headers: { 'Accept-Language': 'ar-DZ,ar;q=0.9' } })
  const fr = await request.get(path, { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } })
  const frAgain = await request.get(path, { headers: { 'Accept-Language': 'fr' } })
  const arAgain = await request.get(path, { headers: { 'Accept-Language': 'ar' } })
  expect(await ar.text()).toContain('<html lang="ar" dir="rtl">')
  expect(await fr.text()).toContain('<html lang="fr" dir="ltr">')
  expect(frAgain.headers()['x-page-cache']).toBe('hit')
  expect(await frAgain.text()).toContain('<html lang="fr" dir="ltr">')
  expect(arAgain.headers()['x-page-cache']).toBe('hit')
  expect(await arAgain.text()).toContain('<html lang="ar" dir="rtl">')
})
