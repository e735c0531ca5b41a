import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'
import { msg } from './support/messages'

// The installable app (sw/service-worker.ts, decision 024): the service worker registers after the
// page loads; once it controls the site, a navigation that fails offline shows the offline page in
// the visitor's language, an anonymous public page visited before reads offline from its cache, and
// a signed-in visitor's pages are never stored.

const PRODUCER = 'kheira.bensalem@demo.taswiq.dz'

// Installing a worker and loading pages twice takes a while on a shared 2-core machine.
test.describe.configure({ timeout: 90_000 })

/**
 * Waits for the worker to be active and to control this page, returns its script URL. A page whose
 * navigation began while the worker was still activating is not claimed by it (no
 * `controllerchange` comes): as a browser does on the next visit, a reload puts it under control.
 */
async function serviceWorkerReady(page: Page) {
  const scriptURL = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null)
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null)
  if (!(await controlled())) await page.reload()
  await expect.poll(controlled).toBe(true)
  return scriptURL
}

/** The URLs the worker stored as pages for offline reading. */
async function storedPages(page: Page) {
  return page.evaluate(async () => {
    if (!(await caches.has('taswiq-pages'))) return []
    const cache = await caches.open('taswiq-pages')
    return (await cache.keys()).map((request) => new URL(request.url).pathname + new URL(request.url).search)
  })
}

test('the service worker registers; offline, a new page shows the offline page in Arabic and a visited one reads from its cache', async ({ page, context }) => {
  await page.goto('/')
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/site.webmanifest')
  const manifest = await (await page.request.get('/site.webmanifest')).json()
  expect(manifest.icons.map((icon: { sizes: string; purpose?: string }) => `${icon.sizes} ${icon.purpose ?? ''}`)).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable'])
  )
  expect(await serviceWorkerReady(page)).toMatch(/\/sw\.js$/)

  // Now through the worker: the anonymous home page is public, so it is kept for reading offline.
  const home = `/?offline-test=${Date.now()}`
  await page.goto(home)
  const homeHeading = await page.locator('h1').first().textContent()
  await expect.poll(() => storedPages(page)).toContain(home)

  await context.setOffline(true)
  try {
    await page.goto('/search?q=never-visited')
    await expect(page.getByRole('heading', { level: 1, name: msg('ar', 'offline.heading') })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
    await expect(page.getByRole('button', { name: msg('ar', 'offline.retry') })).toBeVisible()
    // The French and English texts are in the page but not shown.
    await expect(page.getByText(msg('fr', 'offline.heading'))).toBeHidden()

    // The page visited before comes back from the worker's cache, not the offline page.
    await page.goto(home)
    await expect(page.locator('h1').first()).toHaveText(homeHeading ?? '')
    await expect(page.getByRole('heading', { name: msg('ar', 'offline.heading') })).toHaveCount(0)
  } finally {
    await context.setOffline(false)
  }
})

test('a signed-in producer: no page of hers is stored, and offline her dashboard gives the offline page', async ({ page, context }) => {
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard')
  await serviceWorkerReady(page)
  // Visited under the worker's control: the home page (private for a signed-in visitor) and the dashboard.
  await page.goto('/')
  await page.goto('/dashboard')
  await expect(page.locator('h1').first()).toBeVisible()
  expect(await storedPages(page)).toEqual([])

  await context.setOffline(true)
  try {
    await page.goto('/dashboard')
    await expect(page.getByRole('heading', { level: 1, name: msg('ar', 'offline.heading') })).toBeVisible()
  } finally {
    await context.setOffline(false)
  }
})

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' })

  test('the offline page speaks the language of the last page seen', async ({ page, context }) => {
    await page.goto('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await serviceWorkerReady(page)
    await context.setOffline(true)
    try {
      await page.goto('/search?q=hors-connexion')
      await expect(page.getByRole('heading', { level: 1, name: msg('fr', 'offline.heading') })).toBeVisible()
      await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    } finally {
      await context.setOffline(false)
    }
  })
})
