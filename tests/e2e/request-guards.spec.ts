import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'
import { logIn, signUp } from './support/accounts'
import { msg } from './support/messages'
import { routeFiles } from '../support/route-files'

// The request guards on the built app (utils/request-guards.server.ts): what another site's page
// could make a signed-in browser send is refused before any route runs, and hostile text in URLs
// never reaches the database.

test('a POST from another origin changes nothing: a page action, a ?_data= action, log-out', async ({ page }) => {
  const email = uniqueEmail('cross-site')
  await signUp(page, { name: 'نادية', email, password: 'cross-site-pass-1' })
  const attack = { name: 'Hacked', phone: '', locale: 'en', intent: 'profile' }
  for (const [path, origin] of [
    ['/account?index', 'http://evil.example'],
    ['/account?index&_data=routes%2Faccount%2B%2F_index', 'http://evil.example'],
    // Another port of the same host is another origin, on the same site.
    ['/account?index', 'http://localhost:1'],
  ] as const) {
    const response = await page.request.post(path, { form: attack, headers: { Origin: origin }, maxRedirects: 0 })
    expect(response.status(), path).toBe(403)
    expect(await response.text()).toContain(msg('ar', 'requestGuard.crossSite.title'))
  }
  const logout = await page.request.post('/logout', { headers: { Origin: 'http://evil.example' }, maxRedirects: 0 })
  expect(logout.status()).toBe(403)

  // Still signed in, profile untouched; and the same form from our own page works.
  await page.goto('/account')
  await expect(page.getByLabel(msg('ar', 'auth.fields.name'))).toHaveValue('نادية')
  await page.getByLabel(msg('ar', 'auth.fields.name')).fill('نادية ب.')
  // The save is a fetch with JavaScript on: its answer comes before the reload (a reload would cancel it).
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/account'))
  await page.getByRole('button', { name: msg('ar', 'account.save') }).click()
  expect((await saved).status()).toBeLessThan(400)
  await page.reload()
  await expect(page.getByLabel(msg('ar', 'auth.fields.name'))).toHaveValue('نادية ب.')
})

test('U+0000 or a lone surrogate in any route parameter or the search: 400, never a 500', async ({ request }) => {
  const paths = routeFiles()
    .filter((file) => file.includes('$'))
    .flatMap((file) =>
      ['%00', 'x%ED%A0%80'].map((bad) =>
        `/${file
          .replace(/\.tsx?$/, '')
          .split('/')
          .map((segment) => segment.replace(/^_[a-z]+\+$/, '').replace(/\+$/, ''))
          .filter(Boolean)
          .join('/')}`
          .replace(/\$[a-zA-Z]+_?/g, bad)
          .replace(/\[\.\]/g, '.')
          .replace(/\.(?=[a-z$%])/g, '/'),
      ),
    )
  paths.push('/search?q=%00abc', '/search?q=%ED%A0%80', '/?q=%00')
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 })
    expect(response.status(), path).toBe(400)
  }
})

test('X-Content-Type-Options is sent once, on pages, private documents and CSV downloads', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  for (const path of ['/', '/moderation/audit.csv', '/moderation/shops']) {
    const response = await page.request.get(path)
    expect(response.status(), path).toBe(200)
    const values = response.headersArray().filter((h) => h.name.toLowerCase() === 'x-content-type-options')
    expect(values.map((h) => h.value), path).toEqual(['nosniff'])
  }
  await page.goto('/moderation/shops')
  await page.locator('a[href^="/moderation/shops/"]').first().click()
  const href = await page.locator('a[href^="/resources/shop-documents/"]').first().getAttribute('href')
  const document = await page.request.get(href!)
  expect(document.status()).toBe(200)
  expect(document.headersArray().filter((h) => h.name.toLowerCase() === 'x-content-type-options').map((h) => h.value)).toEqual(['nosniff'])
})
