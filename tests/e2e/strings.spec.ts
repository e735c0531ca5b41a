import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { msg } from './support/messages'

// A page's translated strings (decision 023): a document names and preloads them as a JSON file the
// browser keeps for a year (`/strings/<language>/<set>.<hash>.json`) instead of carrying them in its
// loader data; a client navigation to a page with other strings gets them with the root loader's data.

const hydrated = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized)

test('the home page names its strings file instead of carrying the strings; the file is kept for a year', async ({ request }) => {
  const response = await request.get('/', { headers: { 'Accept-Language': 'ar' } })
  const html = await response.text()
  const src = /<link rel="preload" as="fetch" crossorigin="anonymous" href="(\/strings\/ar\/catalog-home\.[0-9a-f]{12}\.json)"/.exec(html)?.[1]
  expect(src).toBeTruthy()
  // The loader data (turbo-stream in the page) has no `messages`, only the file's name.
  expect(html).not.toContain('\\"messages\\"')
  expect(html).toContain('\\"strings\\"')

  const file = await request.get(src!)
  expect(file.status()).toBe(200)
  expect(file.headers()['content-type']).toMatch(/^application\/json/)
  expect(file.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
  const strings = (await file.json()) as Record<string, Record<string, string>>
  expect(strings.home?.heroTitle).toBe(msg('ar', 'home.heroTitle'))
  // Only the home page's namespaces: the product page's reviews are not in it.
  expect(strings.reviews).toBeUndefined()

  // Another language has its own file; a set or language that does not exist is a 404.
  const french = await (await request.get('/', { headers: { 'Accept-Language': 'fr' } })).text()
  expect(french).toMatch(/href="\/strings\/fr\/catalog-home\.[0-9a-f]{12}\.json"/)
  expect((await request.get('/strings/xx/catalog-home.000000000000.json')).status()).toBe(404)
  expect((await request.get('/strings/ar/nothing.000000000000.json')).status()).toBe(404)
  // A page rendered before a deploy names an older file: it gets today's strings, not to be kept.
  const old = await request.get('/strings/ar/catalog-home.000000000000.json')
  expect(old.status()).toBe(200)
  expect(old.headers()['cache-control']).toBe('no-cache')
})

test('the page hydrates with its strings, and a client navigation to other strings shows them translated', async ({ page }) => {
  const documents: string[] = []
  const stringsFiles: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname)
    if (new URL(request.url()).pathname.startsWith('/strings/')) stringsFiles.push(new URL(request.url()).pathname)
  })
  await page.goto('/')
  await hydrated(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'home.heroTitle'))
  // A client navigation (no new document) to the login page, whose strings the home page was not sent.
  await page.getByRole('link', { name: msg('ar', 'header.login') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'auth.login.title'))
  await expect(page.getByRole('button', { name: msg('ar', 'auth.login.submit') })).toBeVisible()
  expect(documents).toEqual(['/'])
  // One request for the strings: the app's fetch reused the preload.
  expect(stringsFiles).toHaveLength(1)
})

test('when the strings file is lost on the way, the page fetches it again before it hydrates', async ({ page }) => {
  let aborted = false
  await page.route('**/strings/**', (route) => {
    if (aborted) return route.continue()
    aborted = true
    return route.abort('connectionreset')
  })
  const requests: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/strings/')) requests.push(request.url())
  })
  await page.goto('/')
  await hydrated(page)
  // The preload was cut off; the app asked again and stored the strings before hydrating.
  expect(aborted).toBe(true)
  expect(requests.length).toBeGreaterThanOrEqual(2)
  expect(await page.evaluate(() => Object.keys(globalThis.__taswiqStrings ?? {}))).toEqual(['ar:catalog:home'])
  // Hydrated with the strings, not the keys: the header still reads in Arabic and navigates.
  await expect(page.getByRole('link', { name: msg('ar', 'header.login') })).toBeVisible()
  await page.getByRole('link', { name: msg('ar', 'header.login') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'auth.login.title'))
})
