import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { hashPassword } from '~/modules/accounts/password.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { createCategory, createProduct, createShop, createUser } from '../support/factories'
import { callAction, sessionCookieFor, useDatabaseForRoutes, type Outcome } from '../support/route-actions'

// Where the site sends people after a form (`redirectTo`) stays on the site, whatever is put in
// it; and every cookie the site sets is HttpOnly, SameSite=Lax, Path=/ and, in production over
// HTTPS, Secure. Runs as production behind https://, as deployed.

const SITE = 'https://taswiq.example'
// The app's environment as in production (process.env.NODE_ENV stays "test": React's JSX runtime
// for tests depends on it). getEnv() reads this one, cached on globalThis, before any route runs.
await vi.hoisted(async () => {
  const { parseEnv } = await import('../../app/utils/env.server')
  const env = parseEnv({
    ...process.env,
    NODE_ENV: 'production',
    APP_URL: 'https://taswiq.example',
    SESSION_SECRET: 'redirects-and-cookies-test-secret-0123456789',
  })
  ;(globalThis as typeof globalThis & { __taswiqEnv?: unknown }).__taswiqEnv = env
})

const EVIL = [
  '//evil.example',
  '//evil.example/steal?x=1',
  'https://evil.example',
  'HTTPS://evil.example',
  'http:evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '%2F%2Fevil.example',
  ' //evil.example',
  '///evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
]

let t: TestDatabase
let productId: string
let verifiedCookie: string
const PASSWORD = 'a long enough password'
let email: string
let ip = 0
const nextIp = () => ({ clientIp: `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}` })

const routes = import.meta.glob('../../app/routes/**/*.{ts,tsx}')
async function routeModule(file: string) {
  return (await routes[`../../app/routes/${file}`]!()) as { action: ActionFunction; loader: LoaderFunction }
}

function post(path: string, fields: Record<string, string>, cookie?: string) {
  const headers = new Headers({ 'Accept-Language': 'ar' })
  if (cookie) headers.set('Cookie', cookie)
  return new Request(new URL(path, SITE), { method: 'POST', headers, body: new URLSearchParams(fields) })
}

function locationOf(outcome: Outcome) {
  if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(outcome).slice(0, 300)}`)
  return outcome.location
}

/** A path on this site: what a browser resolves against the page stays on its origin. */
function expectSameSite(location: string) {
  expect(location).toMatch(/^\/(?![/\\])/)
  expect(new URL(location, SITE).origin).toBe(SITE)
}

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  const user = await createUser(t.db, { emailVerifiedAt: new Date(), passwordHash: await hashPassword(PASSWORD) })
  email = user.email
  verifiedCookie = await sessionCookieFor(t, user.id)
  const shop = await createShop(t.db)
  productId = (await createProduct(t.db, { shopId: shop.id, categoryId: (await createCategory(t.db)).id })).id
})

afterAll(async () => {
  await t?.close()
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
})

describe('redirectTo never leaves the site', () => {
  it.each(EVIL)('log-in with %j goes home', async (redirectTo) => {
    const { action } = await routeModule('_auth+/login.tsx')
    const location = locationOf(await callAction(action, post('/login', { email, password: PASSWORD, redirectTo }), {}, nextIp()))
    expect(location).toBe('/')
  })

  it.each(EVIL)('sign-up with %j goes to the code page, then home', async (redirectTo) => {
    const { action } = await routeModule('_auth+/signup.tsx')
    const fields = { name: 'Samia K.', email: `new-${ip}-${Date.now()}@test.taswiq.dz`, password: PASSWORD, redirectTo }
    const location = locationOf(await callAction(action, post('/signup', fields), {}, nextIp()))
    expectSameSite(location)
    const next = new URL(location, SITE)
    expect(next.pathname).toBe('/verify')
    expect(next.searchParams.get('redirectTo')).toBe('/')
  })

  it.each(EVIL)('a verified visitor sent to the code page with %j goes home', async (redirectTo) => {
    const { loader } = await routeModule('_auth+/verify.tsx')
    const request = new Request(`${SITE}/verify?${new URLSearchParams({ redirectTo })}`, { headers: { Cookie: verifiedCookie } })
    const thrown = await Promise.resolve(loader({ request, params: {}, context: {} })).catch((error: unknown) => error)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).headers.get('Location')).toBe('/')
  })

  it.each(EVIL)('the language switch with %j goes home', async (redirectTo) => {
    const { action } = await routeModule('resources+/language.ts')
    expect(locationOf(await callAction(action, post('/resources/language', { language: 'fr', redirectTo })))).toBe('/')
  })

  it.each(EVIL)('the cart with %j goes back to the cart', async (redirectTo) => {
    const { action } = await routeModule('_store+/cart.tsx')
    expect(locationOf(await callAction(action, post('/cart', { intent: 'add', productId, quantity: '1', redirectTo })))).toBe('/cart')
  })

  it('log-out ignores any redirectTo', async () => {
    const { action } = await routeModule('_auth+/logout.tsx')
    for (const redirectTo of EVIL) expect(locationOf(await callAction(action, post('/logout', { redirectTo })))).toBe('/')
  })

  it('a path on the site is kept, query included', async () => {
    const { action } = await routeModule('resources+/language.ts')
    expect(locationOf(await callAction(action, post('/resources/language', { language: 'fr', redirectTo: '/p/kuskus?x=1' })))).toBe('/p/kuskus?x=1')
  })
})

describe('cookies', () => {
  /** The attributes of the cookie `name` in a response's Set-Cookie headers. */
  function cookieAttributes(outcome: Outcome, name: string) {
    if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${outcome.kind}`)
    const header = outcome.setCookies.find((c) => c.startsWith(`${name}=`))
    if (!header) throw new Error(`no ${name} cookie in ${JSON.stringify(outcome.setCookies)}`)
    return header
      .split(';')
      .slice(1)
      .map((part) => part.trim().toLowerCase())
  }
  const expectSafe = (attributes: string[]) => {
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']))
  }

  it('session and flash-message cookies (log-in)', async () => {
    const { action } = await routeModule('_auth+/login.tsx')
    const outcome = await callAction(action, post('/login', { email, password: PASSWORD }), {}, nextIp())
    expectSafe(cookieAttributes(outcome, 'taswiq_session'))
  })

  it('cart and flash-message cookies (a visitor adds to the cart)', async () => {
    const { action } = await routeModule('_store+/cart.tsx')
    const outcome = await callAction(action, post('/cart', { intent: 'add', productId, quantity: '1' }))
    expectSafe(cookieAttributes(outcome, 'taswiq_cart'))
    expectSafe(cookieAttributes(outcome, 'taswiq_toast'))
  })

  it('language cookie', async () => {
    const { action } = await routeModule('resources+/language.ts')
    expectSafe(cookieAttributes(await callAction(action, post('/resources/language', { language: 'en' })), 'lng'))
  })

  it('log-out clears the session cookie with the same attributes', async () => {
    const { action } = await routeModule('_auth+/logout.tsx')
    const attributes = cookieAttributes(await callAction(action, post('/logout', {}, verifiedCookie)), 'taswiq_session')
    expectSafe(attributes)
    expect(attributes.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'))).toBe(true)
  })
})
