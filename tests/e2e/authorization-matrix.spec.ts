import type { APIRequestContext, Browser } from '@playwright/test'
import { routeFiles, routeSource } from '../support/route-files'
import { DEMO_PASSWORD, expect, test } from './fixtures'

// Every route, requested by every kind of visitor, against the built server: what each one gets.
// A route file without a row here fails the first test, so a new page cannot skip this check.

type Outcome = 200 | 401 | 403 | 404 | 405 | 'login' | 'home' | 'dashboard' | 'cart' | 'admin-payouts' | `redirect /${string}`
type Role = 'anonymous' | 'buyer' | 'producerA' | 'producerB' | 'moderator' | 'admin'
const ROLES: Role[] = ['anonymous', 'buyer', 'producerA', 'producerB', 'moderator', 'admin']

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  buyer: 'client@taswiq.dz',
  // Producer A owns the pottery shop whose ids the table uses; B owns another shop.
  producerA: 'ouardia.aitahmed@demo.taswiq.dz',
  producerB: 'fatima.benali@demo.taswiq.dz',
  moderator: 'moderateur@taswiq.dz',
  admin: 'admin@taswiq.dz',
}

/** Ids only the server knows, read from pages once (see `discover`). */
type Ids = { productOfA: string; pendingShop: string; document: string; pendingProduct: string }

type Row = { file: string; path: (ids: Ids) => string; expect: Outcome | Record<Role, Outcome> }

const all = (outcome: Outcome): Record<Role, Outcome> => ({
  anonymous: outcome,
  buyer: outcome,
  producerA: outcome,
  producerB: outcome,
  moderator: outcome,
  admin: outcome,
})
const signedIn = (outcome: Outcome): Record<Role, Outcome> => ({ ...all(outcome), anonymous: 'login' })
const staffOnly = (outcome: Outcome = 200): Record<Role, Outcome> => ({
  anonymous: 'login',
  buyer: 403,
  producerA: 403,
  producerB: 403,
  moderator: outcome,
  admin: outcome,
})
/** Pages of an approved shop's owner: others are sent to their dashboard (which says they have no shop). */
const shopOwner = (a: Outcome, b: Outcome): Record<Role, Outcome> => ({
  anonymous: 'login',
  buyer: 'dashboard',
  producerA: a,
  producerB: b,
  moderator: 'dashboard',
  admin: 'dashboard',
})
const anonymousOnly: Record<Role, Outcome> = { ...all('home'), anonymous: 200 }
const adminOnly = (outcome: Outcome = 200): Record<Role, Outcome> => ({ ...staffOnly(outcome), moderator: 403 })
const missing = 'no-such-id-000000000000'

const TABLE: Row[] = [
  { file: '_store+/_index.tsx', path: () => '/', expect: 200 },
  { file: '_store+/search.tsx', path: () => '/search?q=عسل', expect: 200 },
  { file: '_store+/c.$slug.tsx', path: () => '/c/pottery', expect: 200 },
  { file: '_store+/p.$slug.tsx', path: () => '/p/tadjine-galette-terre-cuite-35cm', expect: 200 },
  { file: '_store+/p.$slug_.report.tsx', path: () => '/p/tadjine-galette-terre-cuite-35cm/report', expect: 200 },
  // "Notify me" is a form's POST; a GET (after signing in) goes back to the product page.
  { file: '_store+/p.$slug_.notify.tsx', path: () => '/p/tadjine-galette-terre-cuite-35cm/notify', expect: 'redirect /p/tadjine-galette-terre-cuite-35cm' },
  { file: '_store+/s.$slug.tsx', path: () => '/s/poterie-tasga-maatkas', expect: 200 },
  { file: '_store+/cart.tsx', path: () => '/cart', expect: 200 },
  // An empty cart has nothing to check out.
  { file: '_store+/checkout._index.tsx', path: () => '/checkout', expect: signedIn('cart') },
  { file: '_store+/checkout.done.tsx', path: () => `/checkout/done?checkout=${missing}`, expect: signedIn(404) },
  { file: '_store+/checkout.cancelled.tsx', path: () => `/checkout/cancelled?checkout=${missing}`, expect: signedIn(404) },
  // A producer whose shop is open already has it: the application form sends them to their dashboard.
  { file: '_store+/sell.tsx', path: () => '/sell', expect: { ...signedIn(200), producerA: 'dashboard', producerB: 'dashboard' } },
  { file: '_auth+/login.tsx', path: () => '/login', expect: anonymousOnly },
  { file: '_auth+/signup.tsx', path: () => '/signup', expect: anonymousOnly },
  { file: '_auth+/forgot-password.tsx', path: () => '/forgot-password', expect: 200 },
  { file: '_auth+/reset-password.tsx', path: () => '/reset-password?token=not-a-real-token', expect: 200 },
  // Demo accounts are verified: the page sends them on.
  { file: '_auth+/verify.tsx', path: () => '/verify', expect: signedIn('home') },
  { file: '_auth+/logout.tsx', path: () => '/logout', expect: 'home' },
  { file: 'account+/_index.tsx', path: () => '/account', expect: signedIn(200) },
  { file: 'account+/orders._index.tsx', path: () => '/account/orders', expect: signedIn(200) },
  { file: 'account+/orders.$orderId.tsx', path: () => `/account/orders/${missing}`, expect: signedIn(404) },
  { file: 'account+/orders.$orderId_.invoice.tsx', path: () => `/account/orders/${missing}/invoice`, expect: signedIn(404) },
  { file: 'dashboard+/_index.tsx', path: () => '/dashboard', expect: signedIn(200) },
  { file: 'dashboard+/settings.tsx', path: () => '/dashboard/settings', expect: shopOwner(200, 200) },
  { file: 'dashboard+/products._index.tsx', path: () => '/dashboard/products', expect: shopOwner(200, 200) },
  { file: 'dashboard+/products.new.tsx', path: () => '/dashboard/products/new', expect: shopOwner(200, 200) },
  { file: 'dashboard+/products.import.tsx', path: () => '/dashboard/products/import', expect: shopOwner(200, 200) },
  { file: 'dashboard+/products.bulk.tsx', path: () => '/dashboard/products/bulk', expect: shopOwner(200, 200) },
  { file: 'dashboard+/products[.]csv.ts', path: () => '/dashboard/products.csv', expect: shopOwner(200, 200) },
  { file: 'dashboard+/products.$productId.tsx', path: (ids) => `/dashboard/products/${ids.productOfA}`, expect: shopOwner(200, 404) },
  { file: 'dashboard+/orders._index.tsx', path: () => '/dashboard/orders', expect: shopOwner(200, 200) },
  { file: 'dashboard+/orders.$orderId.tsx', path: () => `/dashboard/orders/${missing}`, expect: shopOwner(404, 404) },
  { file: 'dashboard+/orders.$orderId_.slip.tsx', path: () => `/dashboard/orders/${missing}/slip`, expect: shopOwner(404, 404) },
  { file: 'dashboard+/reviews.tsx', path: () => '/dashboard/reviews', expect: shopOwner(200, 200) },
  { file: 'dashboard+/order-book.tsx', path: () => '/dashboard/order-book', expect: shopOwner(200, 200) },
  { file: 'dashboard+/payouts._index.tsx', path: () => '/dashboard/payouts', expect: shopOwner(200, 200) },
  { file: 'dashboard+/payouts.statement.tsx', path: () => '/dashboard/payouts/statement', expect: shopOwner(200, 200) },
  { file: 'dashboard+/payouts.statement[.]csv.ts', path: () => '/dashboard/payouts/statement.csv', expect: shopOwner(200, 200) },
  { file: 'admin+/payouts._index.tsx', path: () => '/admin/payouts', expect: adminOnly() },
  // The batch file is a POST (exporting stamps the requests); a GET goes back to the page.
  { file: 'admin+/payouts[.]csv.ts', path: () => '/admin/payouts.csv', expect: { ...adminOnly(), admin: 'admin-payouts' } },
  { file: 'admin+/commission.tsx', path: () => '/admin/commission', expect: adminOnly() },
  { file: 'admin+/payments.tsx', path: () => '/admin/payments', expect: adminOnly() },
  { file: 'admin+/stats.tsx', path: () => '/admin/stats', expect: staffOnly() },
  { file: 'admin+/stats[.]csv.ts', path: () => '/admin/stats.csv?table=summary', expect: staffOnly() },
  { file: '_store+/impact.tsx', path: () => '/impact', expect: 200 },
  { file: 'moderation+/_index.tsx', path: () => '/moderation', expect: staffOnly() },
  { file: 'moderation+/shops._index.tsx', path: () => '/moderation/shops', expect: staffOnly() },
  { file: 'moderation+/shops.$shopId.tsx', path: (ids) => `/moderation/shops/${ids.pendingShop}`, expect: staffOnly() },
  { file: 'moderation+/products._index.tsx', path: () => '/moderation/products', expect: staffOnly() },
  { file: 'moderation+/products.$productId.tsx', path: (ids) => `/moderation/products/${ids.pendingProduct}`, expect: staffOnly() },
  { file: 'moderation+/reports._index.tsx', path: () => '/moderation/reports', expect: staffOnly() },
  { file: 'moderation+/orders._index.tsx', path: () => '/moderation/orders', expect: staffOnly() },
  { file: 'moderation+/orders.$orderId.tsx', path: () => `/moderation/orders/${missing}`, expect: staffOnly(404) },
  { file: 'moderation+/audit._index.tsx', path: () => '/moderation/audit', expect: staffOnly() },
  { file: 'moderation+/search-words.tsx', path: () => '/moderation/search-words', expect: staffOnly() },
  { file: 'moderation+/claim-terms.tsx', path: () => '/moderation/claim-terms', expect: staffOnly() },
  { file: 'moderation+/audit[.]csv.ts', path: () => '/moderation/audit.csv', expect: staffOnly() },
  // A seller's private document: staff only here (its owner is neither producer A nor B).
  {
    file: 'resources+/shop-documents.$documentId.ts',
    path: (ids) => `/resources/shop-documents/${ids.document}`,
    expect: { ...staffOnly(), buyer: 404, producerA: 404, producerB: 404 },
  },
  { file: 'resources+/language.ts', path: () => '/resources/language', expect: 'home' },
  // The product form's photo uploads: POST only.
  { file: 'resources+/product-photos.ts', path: () => '/resources/product-photos', expect: 405 },
  { file: 'resources+/stripe-webhook.ts', path: () => '/resources/stripe-webhook', expect: 404 },
  { file: 'resources+/chargily-webhook.ts', path: () => '/resources/chargily-webhook', expect: 404 },
  // Only Yalidine's subscription check (subscribe + crc_token) is a valid GET.
  { file: 'resources+/yalidine-webhook.ts', path: () => '/resources/yalidine-webhook', expect: 404 },
  // The development mailbox is switched on for the browser tests only (DEV_MAILBOX), never in production.
  { file: 'dev+/mailbox.tsx', path: () => '/dev/mailbox', expect: 200 },
  { file: 'robots[.]txt.ts', path: () => '/robots.txt', expect: 200 },
  { file: 'sitemap[.]xml.ts', path: () => '/sitemap.xml', expect: 200 },
  // A page's strings (public, the same for everyone); a set that does not exist is a 404 for everyone too.
  { file: 'strings.$language.$file.ts', path: () => '/strings/ar/catalog-home.000000000000.json', expect: 200 },
  // Resetting a password by SMS code: open to all, like the e-mail reset (without a phone number it goes back to the choice).
  { file: '_auth+/reset-password_.sms.tsx', path: () => '/reset-password/sms?phone=0555123456', expect: 200 },
  // Favourites follow the cart's owner: a visitor's cookie or an account.
  { file: '_store+/favourites.tsx', path: () => '/favourites', expect: 200 },
  { file: '_store+/near-me.tsx', path: () => '/near-me?wilaya=15', expect: 200 },
  { file: '_store+/open-data._index.tsx', path: () => '/open-data', expect: 200 },
  { file: '_store+/open-data.$month.$file.ts', path: () => '/open-data/2020-01/no-such-dataset.csv', expect: 404 },
  { file: 'account+/messages._index.tsx', path: () => '/account/messages', expect: signedIn(200) },
  { file: 'account+/messages.new.tsx', path: () => '/account/messages/new?shop=poterie-tasga-maatkas', expect: signedIn(200) },
  { file: 'account+/messages.$conversationId.tsx', path: () => `/account/messages/${missing}`, expect: signedIn(404) },
  // The polling endpoint answers JSON: 401 without a session, 404 outside the conversation's two sides.
  { file: 'resources+/messages.$conversationId.ts', path: () => `/resources/messages/${missing}`, expect: { ...all(404), anonymous: 401 } },
  { file: 'dashboard+/messages._index.tsx', path: () => '/dashboard/messages', expect: shopOwner(200, 200) },
  // The notifications centre: every signed-in person has her own (decision 027).
  { file: 'account+/notifications.tsx', path: () => '/account/notifications', expect: signedIn(200) },
  // A producer's figures: her shop's only, never anyone else's (a facilitator for her gets them too).
  { file: 'dashboard+/insights.tsx', path: () => '/dashboard/insights', expect: shopOwner(200, 200) },
  { file: 'dashboard+/insights[.]csv.ts', path: () => '/dashboard/insights.csv', expect: shopOwner(200, 200) },
  { file: 'dashboard+/messages.$conversationId.tsx', path: () => `/dashboard/messages/${missing}`, expect: shopOwner(404, 404) },
  { file: 'dashboard+/delivery.tsx', path: () => '/dashboard/delivery', expect: shopOwner(200, 200) },
  { file: 'dashboard+/orders.$orderId_.label.ts', path: () => `/dashboard/orders/${missing}/label`, expect: shopOwner(404, 404) },
  { file: 'dashboard+/products.$productId_.options.tsx', path: (ids) => `/dashboard/products/${ids.productOfA}/options`, expect: shopOwner(200, 404) },
  // A producer's view of who assists her (nobody, for the demo accounts); a facilitator is sent to /assist.
  { file: 'dashboard+/assistance.tsx', path: () => '/dashboard/assistance', expect: signedIn(200) },
  // Facilitators only (no seeded facilitator: that column is not tested); an admin is not one.
  { file: 'assist+/_index.tsx', path: () => '/assist', expect: staffOnly(403) },
  { file: 'moderation+/conversations._index.tsx', path: () => '/moderation/conversations', expect: staffOnly() },
  { file: 'moderation+/conversations.$conversationId.tsx', path: () => `/moderation/conversations/${missing}`, expect: staffOnly(404) },
  { file: 'moderation+/refusals.tsx', path: () => '/moderation/refusals', expect: staffOnly() },
  { file: 'moderation+/returns.tsx', path: () => '/moderation/returns', expect: staffOnly() },
  { file: 'admin+/_index.tsx', path: () => '/admin', expect: adminOnly() },
  { file: 'admin+/facilitators.tsx', path: () => '/admin/facilitators', expect: adminOnly() },
  { file: 'admin+/food-categories.tsx', path: () => '/admin/food-categories', expect: adminOnly() },
  { file: 'admin+/local-cells.tsx', path: () => '/admin/local-cells', expect: adminOnly() },
  { file: 'admin+/partners.tsx', path: () => '/admin/partners', expect: adminOnly() },
  // The partner API: its documents are public; the data needs a partner key (none here), for staff too.
  { file: 'api+/docs.tsx', path: () => '/api/docs', expect: 200 },
  { file: 'api+/openapi[.]json.ts', path: () => '/api/openapi.json', expect: 200 },
  { file: 'api+/v1.$dataset.ts', path: () => '/api/v1/shops', expect: 401 },
]

/**
 * Every action, posted an empty form: who is turned away, and that everyone else gets an answer
 * (a page with errors, a 4xx or a redirect), never a server error. `ok` = any status below 500.
 */
type ActionOutcome = Outcome | 400 | 'ok' | 'skip'
type ActionRow = { file: string; path: (ids: Ids) => string; expect: ActionOutcome | Record<Role, ActionOutcome> }
const ownerOnly: Record<Role, ActionOutcome> = {
  anonymous: 'login',
  buyer: 'dashboard',
  producerA: 'ok',
  producerB: 'ok',
  moderator: 'dashboard',
  admin: 'dashboard',
}
const staffActions: Record<Role, ActionOutcome> = { anonymous: 'login', buyer: 403, producerA: 403, producerB: 403, moderator: 'ok', admin: 'ok' }
const signedInActions: Record<Role, ActionOutcome> = { ...all('ok' as Outcome), anonymous: 'login' } as Record<Role, ActionOutcome>

const ACTIONS: ActionRow[] = [
  { file: '_auth+/login.tsx', path: () => '/login', expect: { ...all('home'), anonymous: 'ok' } as Record<Role, ActionOutcome> },
  { file: '_auth+/signup.tsx', path: () => '/signup', expect: { ...all('home'), anonymous: 'ok' } as Record<Role, ActionOutcome> },
  { file: '_auth+/forgot-password.tsx', path: () => '/forgot-password', expect: 'ok' },
  { file: '_auth+/reset-password.tsx', path: () => '/reset-password', expect: 'ok' },
  { file: '_auth+/verify.tsx', path: () => '/verify', expect: signedInActions },
  { file: '_store+/cart.tsx', path: () => '/cart', expect: 'ok' },
  { file: '_store+/sell.tsx', path: () => '/sell', expect: { ...signedInActions, producerA: 400, producerB: 400 } },
  { file: 'account+/_index.tsx', path: () => '/account', expect: signedInActions },
  { file: '_store+/checkout._index.tsx', path: () => '/checkout', expect: signedInActions },
  { file: '_store+/checkout.cancelled.tsx', path: () => `/checkout/cancelled?checkout=${missing}`, expect: { ...all(404), anonymous: 'login' } },
  { file: '_store+/p.$slug_.report.tsx', path: () => '/p/tadjine-galette-terre-cuite-35cm/report', expect: 'ok' },
  { file: '_store+/p.$slug_.notify.tsx', path: () => '/p/tadjine-galette-terre-cuite-35cm/notify', expect: signedInActions },
  { file: 'account+/orders.$orderId.tsx', path: () => `/account/orders/${missing}`, expect: { ...all(404), anonymous: 'login' } },
  { file: 'dashboard+/_index.tsx', path: () => '/dashboard', expect: signedInActions },
  { file: 'dashboard+/settings.tsx', path: () => '/dashboard/settings', expect: ownerOnly },
  { file: 'dashboard+/products._index.tsx', path: () => '/dashboard/products', expect: ownerOnly },
  { file: 'dashboard+/products.new.tsx', path: () => '/dashboard/products/new', expect: ownerOnly },
  { file: 'dashboard+/products.import.tsx', path: () => '/dashboard/products/import', expect: ownerOnly },
  { file: 'dashboard+/products.bulk.tsx', path: () => '/dashboard/products/bulk', expect: ownerOnly },
  { file: 'dashboard+/products.$productId.tsx', path: (ids) => `/dashboard/products/${ids.productOfA}`, expect: { ...ownerOnly, producerB: 404 } },
  { file: 'dashboard+/orders.$orderId.tsx', path: () => `/dashboard/orders/${missing}`, expect: { ...ownerOnly, producerA: 404, producerB: 404 } },
  { file: 'dashboard+/reviews.tsx', path: () => '/dashboard/reviews', expect: ownerOnly },
  { file: 'moderation+/shops.$shopId.tsx', path: (ids) => `/moderation/shops/${ids.pendingShop}`, expect: staffActions },
  { file: 'moderation+/products.$productId.tsx', path: (ids) => `/moderation/products/${ids.pendingProduct}`, expect: staffActions },
  { file: 'moderation+/reports._index.tsx', path: () => '/moderation/reports', expect: staffActions },
  { file: 'moderation+/search-words.tsx', path: () => '/moderation/search-words', expect: staffActions },
  // A decision on a disputed return; an empty form is refused with a message (200).
  { file: 'moderation+/returns.tsx', path: () => '/moderation/returns', expect: staffActions },
  { file: 'moderation+/claim-terms.tsx', path: () => '/moderation/claim-terms', expect: staffActions },
  { file: 'dashboard+/payouts._index.tsx', path: () => '/dashboard/payouts', expect: ownerOnly },
  { file: 'admin+/payouts._index.tsx', path: () => '/admin/payouts', expect: { ...staffActions, moderator: 403 } },
  // Not posted as an admin: exporting would stamp the payout requests other tests are paying.
  { file: 'admin+/payouts[.]csv.ts', path: () => '/admin/payouts.csv', expect: { ...staffActions, moderator: 403, admin: 'skip' } },
  { file: 'admin+/commission.tsx', path: () => '/admin/commission', expect: { ...staffActions, moderator: 403 } },
  { file: 'admin+/payments.tsx', path: () => '/admin/payments', expect: { ...staffActions, moderator: 403 } },
  { file: 'resources+/language.ts', path: () => '/resources/language', expect: 'ok' },
  // Only an approved shop's owner uploads (an empty form is a 400 for them); the others get a 403 the uploader can show.
  {
    file: 'resources+/product-photos.ts',
    path: () => '/resources/product-photos',
    expect: { anonymous: 403, buyer: 403, producerA: 400, producerB: 400, moderator: 403, admin: 403 },
  },
  { file: 'resources+/stripe-webhook.ts', path: () => '/resources/stripe-webhook', expect: 400 },
  { file: 'resources+/chargily-webhook.ts', path: () => '/resources/chargily-webhook', expect: 400 },
  { file: 'resources+/yalidine-webhook.ts', path: () => '/resources/yalidine-webhook', expect: 400 },
  { file: '_auth+/reset-password_.sms.tsx', path: () => '/reset-password/sms?phone=0555123456', expect: 'ok' },
  // An empty form names no product to keep.
  { file: '_store+/favourites.tsx', path: () => '/favourites', expect: 404 },
  { file: 'account+/messages.new.tsx', path: () => '/account/messages/new?shop=poterie-tasga-maatkas', expect: signedInActions },
  { file: 'account+/messages.$conversationId.tsx', path: () => `/account/messages/${missing}`, expect: { ...all(404), anonymous: 'login' } },
  { file: 'dashboard+/messages._index.tsx', path: () => '/dashboard/messages', expect: ownerOnly },
  // An empty form: an unknown intent, redirected with a translated error (anonymous → log-in).
  { file: 'account+/notifications.tsx', path: () => '/account/notifications', expect: signedInActions },
  { file: 'dashboard+/messages.$conversationId.tsx', path: () => `/dashboard/messages/${missing}`, expect: { ...ownerOnly, producerA: 404, producerB: 404 } },
  { file: 'dashboard+/delivery.tsx', path: () => '/dashboard/delivery', expect: ownerOnly },
  { file: 'dashboard+/products.$productId_.options.tsx', path: (ids) => `/dashboard/products/${ids.productOfA}/options`, expect: { ...ownerOnly, producerB: 404 } },
  { file: 'dashboard+/assistance.tsx', path: () => '/dashboard/assistance', expect: signedInActions },
  { file: 'assist+/_index.tsx', path: () => '/assist', expect: { ...staffActions, moderator: 403, admin: 403 } },
  // An empty form names no decision (block/unblock): refused before the conversation is looked up.
  { file: 'moderation+/conversations.$conversationId.tsx', path: () => `/moderation/conversations/${missing}`, expect: { ...staffActions, moderator: 400, admin: 400 } },
  { file: 'admin+/facilitators.tsx', path: () => '/admin/facilitators', expect: { ...staffActions, moderator: 403 } },
  // An empty form names no category: 404.
  { file: 'admin+/food-categories.tsx', path: () => '/admin/food-categories', expect: { ...staffActions, moderator: 403, admin: 404 } },
  { file: 'admin+/local-cells.tsx', path: () => '/admin/local-cells', expect: { ...staffActions, moderator: 403 } },
  { file: 'admin+/partners.tsx', path: () => '/admin/partners', expect: { ...staffActions, moderator: 403 } },
  // Last: it ends the session the rows above use.
  { file: '_auth+/logout.tsx', path: () => '/logout', expect: 'home' },
]

async function actionOutcomeOf(request: APIRequestContext, url: string): Promise<ActionOutcome | string> {
  const response = await request.post(url, { form: {}, maxRedirects: 0 })
  const status = response.status()
  if (status >= 500) return `server error ${status}`
  const location = status === 302 || status === 303 ? new URL(response.headers()['location'] ?? '', 'http://x').pathname : null
  if (location === '/login') return 'login'
  if (location === '/dashboard') return 'dashboard'
  if (location === '/') return 'home'
  return status === 403 || status === 404 || status === 400 ? status : 'ok'
}

test('every route file has a row in the authorization table, every action too', () => {
  expect(routeFiles().sort()).toEqual(TABLE.map((r) => r.file).sort())
  const withAction = routeFiles().filter((file) => /export (async )?(function|const) action\b/.test(routeSource(file)))
  expect(withAction.sort()).toEqual(ACTIONS.map((r) => r.file).sort())
})

async function signIn(browser: Browser, headers: Record<string, string>, email: string) {
  const context = await browser.newContext({ extraHTTPHeaders: headers })
  const page = await context.newPage()
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form#login button[type="submit"]').click()
  await expect(page).not.toHaveURL(/\/login/)
  await page.close()
  return context
}

async function discover(browser: Browser, headers: Record<string, string>): Promise<Ids> {
  const staff = await signIn(browser, headers, ACCOUNTS.moderator)
  const html = (url: string) => staff.request.get(url).then((r) => r.text())
  const pendingShop = (await html('/moderation/shops')).match(/\/moderation\/shops\/([a-z0-9]+)"/)![1]!
  const document = (await html(`/moderation/shops/${pendingShop}`)).match(/\/resources\/shop-documents\/([a-z0-9]+)/)![1]!
  const pendingProduct = (await html('/moderation/products')).match(/\/moderation\/products\/([a-z0-9]+)"/)![1]!
  await staff.close()
  const owner = await signIn(browser, headers, ACCOUNTS.producerA)
  const productOfA = (await owner.request.get('/dashboard/products').then((r) => r.text())).match(/\/dashboard\/products\/([a-z0-9]{20,})"/)![1]!
  await owner.close()
  return { productOfA, pendingShop, document, pendingProduct }
}

async function outcomeOf(request: APIRequestContext, url: string): Promise<Outcome | string> {
  const response = await request.get(url, { maxRedirects: 0 })
  const status = response.status()
  if (status === 302 || status === 303) {
    const location = new URL(response.headers()['location'] ?? '', 'http://x')
    if (location.pathname === '/login') return 'login'
    if (location.pathname === '/') return 'home'
    if (location.pathname === '/dashboard') return 'dashboard'
    if (location.pathname === '/cart') return 'cart'
    if (location.pathname === '/admin/payouts') return 'admin-payouts'
    return `redirect ${location.pathname}`
  }
  return status as Outcome
}

for (const role of ROLES) {
  test(`what ${role} gets from every route`, async ({ browser, extraHTTPHeaders }) => {
    test.setTimeout(90_000)
    const headers = extraHTTPHeaders ?? {}
    const ids = await discover(browser, headers)
    const context = role === 'anonymous' ? await browser.newContext({ extraHTTPHeaders: headers }) : await signIn(browser, headers, ACCOUNTS[role])
    const mismatches: string[] = []
    for (const row of TABLE) {
      const expected = typeof row.expect === 'object' ? row.expect[role] : row.expect
      const actual = await outcomeOf(context.request, row.path(ids))
      if (actual !== expected) mismatches.push(`${row.file}: expected ${expected}, got ${actual}`)
    }
    for (const row of ACTIONS) {
      const expected = typeof row.expect === 'object' ? row.expect[role] : row.expect
      if (expected === 'skip') continue
      const actual = await actionOutcomeOf(context.request, row.path(ids))
      // `ok` accepts any handled answer; a 400 is one too.
      const matches = actual === expected || (expected === 'ok' && (actual === 'ok' || actual === 400 || actual === 'home'))
      if (!matches) mismatches.push(`POST ${row.file}: expected ${expected}, got ${actual}`)
    }
    await context.close()
    expect(mismatches).toEqual([])
  })
}
