import type { ActionFunction } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { payouts, productImages, reports } from '#db/schema'
import { hashPassword } from '~/modules/accounts/password.server'
import { MAX_QUICK_REPLIES } from '~/modules/messages/limits'
import { addQuickReply, openConversation, reportConversation, sendMessage, setMessagingBlock } from '~/modules/messages/messages.server'
import { createTestDatabase, type TestDatabase } from '../support/db'
import { routeFiles, routeSource } from '../support/route-files'
import { createCategory, createOrder, createProduct, createShop, createUser } from '../support/factories'
import {
  callAction,
  changedTables,
  fingerprint,
  localeKeys,
  sessionCookieFor,
  statusOf,
  toastKeyOf,
  translationProblems,
  useDatabaseForRoutes,
  visibleErrors,
  type Outcome,
} from '../support/route-actions'

// Bad input, posted to every form action: empty, 100 KB, wrong types, Unicode edge cases and
// script/SQL payloads. Each answer must be handled (never a 5xx), be a re-render with a translated
// error, a 4xx, or the redirect the action uses for refused input; and the database must not
// change. The actions are called directly (as Remix calls them) with real Requests, on a database
// of this file's own, so the before/after fingerprint of every table cannot be disturbed by other
// tests. A route file exporting an action without a row here fails the first test.
//
// Every payload is sent in a submission that is invalid as a whole: all the form's fields get the
// same value, and each form has a field that no payload satisfies (an enum, a number, an email, an
// id that does not exist...). Where any text fits every field (buttons, or an approval whose only
// field is an optional note), `fuzzIntent` puts the payload into `intent` too. So unusual but valid
// text (emoji in a review) is never accepted here: that it may be is fine, and tested elsewhere.

// Stripe's webhook answers 404 when Stripe is not configured: configure it, so the signature check is what refuses.
vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = 'sk_test_bad_input_suite'
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_bad_input_suite'
  process.env.CHARGILY_SECRET_KEY = 'test_sk_bad_input_suite'
  process.env.YALIDINE_WEBHOOK_SECRET = 'yalidine_bad_input_suite'
})

type Role = 'anonymous' | 'buyer' | 'unverified' | 'applicant' | 'producer' | 'moderator' | 'admin' | 'facilitator'

type Fixtures = {
  productSlug: string
  productId: string
  pendingProductId: string
  pendingShopId: string
  orderId: string
  checkoutId: string
  /** The buyer's conversation with the shop: reported, and both sides barred from writing. */
  conversationId: string
}

/**
 * What refused input may get: `rerender` (the action returns data — 200 or a 4xx — showing a
 * translated error), a status (a thrown or returned response), or a redirect to exactly `to`
 * (with one of `toasts`, locale keys, as its flash message).
 */
type Expect = 'rerender' | number | { redirect: string; toasts?: string[] }

type Form = {
  /** The `intent` the form sends (kept, so the payload reaches the fields). */
  intent?: string
  /** Names a form without an `intent` field. */
  label?: string
  fields: string[]
  /** Fields read from the query string instead of the body. */
  queryFields?: string[]
  /** Where the form posts, when not the row's URL. */
  url?: (f: Fixtures) => string
  /** A file upload: always sent as multipart/form-data. */
  multipart?: boolean
  /** The payload goes into `intent` too (a button, or a form every text would satisfy). */
  fuzzIntent?: boolean
  expect: Expect[]
}

type Row = {
  file: string
  role: Role
  url: (f: Fixtures) => string
  params?: (f: Fixtures) => Record<string, string>
  forms: Form[]
  /** An empty POST; also an unknown `intent`, where the route has intents. */
  emptyBody: Expect[]
  /** Tables the action may legitimately write to even on refused input. */
  mayChange?: string[]
  /** Not a form: the payload is the raw body (the Stripe webhook). */
  raw?: boolean
}

const rerender: Expect[] = ['rerender']
const shopDecision = (intent: string, fuzzIntent = false): Form => ({ intent, fields: ['reasonCode', 'reason'], fuzzIntent, expect: rerender })
const productFields = ['title', 'description', 'categoryId', 'price', 'stock', 'madeToOrderDays', 'capacityPerWeek', 'availableFrom', 'availableUntil', 'weightG', 'titleAr', 'titleFr', 'titleEn', 'descriptionAr', 'descriptionFr', 'descriptionEn']
const sellStep = (step: string, fields: string[]): Form => ({
  intent: 'save',
  label: `save ${step}`,
  url: () => `/sell?step=${step}`,
  fields,
  expect: rerender,
})

const TABLE: Row[] = [
  // Log-in and sign-up count attempts per IP and per address (rate_limits) before the password is checked.
  {
    file: '_auth+/login.tsx',
    role: 'anonymous',
    url: () => '/login',
    forms: [{ fields: ['email', 'password', 'redirectTo'], expect: rerender }],
    emptyBody: rerender,
    mayChange: ['rate_limits'],
  },
  {
    file: '_auth+/signup.tsx',
    role: 'anonymous',
    url: () => '/signup',
    forms: [{ fields: ['name', 'email', 'phone', 'password', 'redirectTo'], expect: rerender }],
    emptyBody: rerender,
    mayChange: ['rate_limits'],
  },
  {
    file: '_auth+/forgot-password.tsx',
    role: 'anonymous',
    url: () => '/forgot-password',
    forms: [{ fields: ['email'], expect: rerender }],
    emptyBody: rerender,
    mayChange: ['rate_limits'],
  },
  {
    file: '_auth+/reset-password.tsx',
    role: 'anonymous',
    url: () => '/reset-password',
    forms: [{ fields: ['token', 'password', 'confirmPassword'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    file: '_auth+/verify.tsx',
    role: 'unverified',
    url: () => '/verify',
    forms: [
      { fields: ['code', 'redirectTo'], expect: rerender },
      // An unknown intent is read as the code form, whose code is then missing.
      { intent: 'resend', fields: [], fuzzIntent: true, expect: rerender },
    ],
    emptyBody: rerender,
    mayChange: ['rate_limits'],
  },
  // Log-out reads nothing from the form: whatever is posted, the visitor lands on the home page.
  {
    file: '_auth+/logout.tsx',
    role: 'anonymous',
    url: () => '/',
    forms: [{ label: 'logout', fields: ['redirectTo'], expect: [{ redirect: '/' }] }],
    emptyBody: [{ redirect: '/' }],
  },
  {
    file: '_store+/cart.tsx',
    role: 'anonymous',
    url: () => '/cart',
    // The cart's forms work without JavaScript from any page: refused input goes back with a message.
    forms: ['add', 'set', 'remove'].map((intent) => ({
      intent,
      fields: ['productId', 'quantity', 'redirectTo'],
      expect: [{ redirect: '/cart', toasts: ['cart.invalid'] }],
    })),
    emptyBody: [{ redirect: '/cart', toasts: ['cart.invalid'] }],
  },
  {
    file: '_store+/checkout._index.tsx',
    role: 'buyer',
    url: () => '/checkout',
    forms: [
      { intent: 'address', fields: ['fullName', 'phone', 'wilayaCode', 'communeCode', 'street', 'deliveryMode'], expect: rerender },
      { intent: 'confirm', fields: ['idempotencyKey', 'paymentMethod', 'codCode', 'stopDesk.x'], expect: rerender },
      // Home or stop-desk from the review page: anything else is not a mode.
      { intent: 'mode', fields: ['deliveryMode'], expect: [400] },
      // A buyer with no refusals is never sent a code: back to the review, nothing written.
      { intent: 'cod-code', fields: [], expect: [{ redirect: '/checkout?step=review' }] },
    ],
    emptyBody: [400],
  },
  {
    // The checkout id is in the query string; the form itself is a button. A real checkout without
    // unpaid orders has nothing to cancel: the buyer goes back to the cart.
    file: '_store+/checkout.cancelled.tsx',
    role: 'buyer',
    url: (f) => `/checkout/cancelled?checkout=${f.checkoutId}`,
    forms: [{ label: 'cancel', fields: ['intent'], queryFields: ['checkout'], expect: [404] }],
    emptyBody: [{ redirect: '/cart', toasts: ['checkout.cancelled.done'] }],
  },
  // "Notify me" has no fields: whatever is posted, a product on sale needs no alert (nothing written).
  {
    file: '_store+/p.$slug_.notify.tsx',
    role: 'buyer',
    url: (f) => `/p/${f.productSlug}/notify`,
    params: (f) => ({ slug: f.productSlug }),
    forms: [{ label: 'notify', fields: ['productId'], expect: [{ redirect: '/p/:productSlug', toasts: ['product.notifyNotNeeded'] }] }],
    emptyBody: [{ redirect: '/p/:productSlug', toasts: ['product.notifyNotNeeded'] }],
  },
  {
    file: '_store+/p.$slug_.report.tsx',
    role: 'anonymous',
    url: (f) => `/p/${f.productSlug}/report`,
    params: (f) => ({ slug: f.productSlug }),
    forms: [{ fields: ['reasonCode', 'note'], expect: rerender }],
    emptyBody: rerender,
    mayChange: ['rate_limits'],
  },
  {
    file: '_store+/sell.tsx',
    role: 'applicant',
    url: () => '/sell?step=shop',
    forms: [
      sellStep('shop', ['name', 'story', 'producerCategory']),
      sellStep('place', ['wilayaCode', 'communeCode', 'phone']),
      sellStep('legal', ['artisanCardNumber', 'tradeRegisterNumber', 'nif']),
      sellStep('payout', ['payoutMethod', 'payoutAccount', 'payoutHolderName']),
      { intent: 'upload', url: () => '/sell?step=documents', multipart: true, fields: ['document'], expect: rerender },
      // Removing a document that is not the applicant's removes nothing and shows the documents step again.
      { intent: 'removeDocument', url: () => '/sell?step=documents', fields: ['documentId'], expect: [{ redirect: '/sell?step=documents' }] },
      { intent: 'submit', url: () => '/sell?step=review', fields: [], fuzzIntent: true, expect: [400] },
    ],
    emptyBody: [400],
  },
  {
    file: 'account+/_index.tsx',
    role: 'buyer',
    url: () => '/account',
    forms: [
      { intent: 'profile', fields: ['name', 'phone', 'locale'], expect: rerender },
      { intent: 'password', fields: ['currentPassword', 'newPassword', 'confirmPassword'], expect: rerender },
      { intent: 'signOutOthers', fields: [], fuzzIntent: true, expect: [400] },
    ],
    emptyBody: [400],
  },
  {
    file: 'account+/orders.$orderId.tsx',
    role: 'buyer',
    url: (f) => `/account/orders/${f.orderId}`,
    params: (f) => ({ orderId: f.orderId }),
    forms: [
      // The review form sits in the order page: refused input comes back to it with a message.
      { intent: 'review', fields: ['orderItemId', 'rating', 'body'], expect: [{ redirect: '/account/orders/:orderId', toasts: ['reviews.chooseStars'] }] },
      { intent: 'cancel', fields: [], fuzzIntent: true, expect: [400] },
      // A return (law 18-05) without a valid reason goes back to the order page with a message.
      { intent: 'return', fields: ['reason', 'note'], expect: [{ redirect: '/account/orders/:orderId', toasts: ['delivery.returns.errors.reason'] }] },
    ],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/_index.tsx',
    role: 'producer',
    url: () => '/dashboard',
    forms: [{ intent: 'mark-read', fields: [], fuzzIntent: true, expect: [400] }],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/settings.tsx',
    role: 'producer',
    url: () => '/dashboard/settings',
    forms: [
      { intent: 'profile', fields: ['story', 'phone'], expect: rerender },
      { intent: 'payout', fields: ['payoutMethod', 'payoutAccount', 'payoutHolderName'], expect: rerender },
      { intent: 'shipping', fields: ['rates[0].wilayaCode', 'rates[0].homeFee', 'rates[0].deskFee', 'rates[0].delayDays'], expect: rerender },
      { label: 'logo', multipart: true, fields: ['logo'], expect: rerender },
    ],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/products._index.tsx',
    role: 'producer',
    url: () => '/dashboard/products',
    forms: [
      { intent: 'price', fields: ['productId', 'price'], expect: rerender },
      { intent: 'stock', fields: ['productId', 'stock'], expect: rerender },
    ],
    emptyBody: rerender,
  },
  {
    // The catalog file: text in the file's place is no file; any text is a CSV whose header or rows
    // are refused with translated errors per row; an unknown intent is a 400.
    file: 'dashboard+/products.import.tsx',
    role: 'producer',
    url: () => '/dashboard/products/import',
    forms: [
      { intent: 'preview', multipart: true, fields: ['file'], expect: rerender },
      { intent: 'apply', fields: ['csv'], expect: rerender },
    ],
    emptyBody: [400],
  },
  {
    // The price/stock table: every row posted is checked by the catalog import's rules (an unknown
    // product id, a bad price or stock → translated errors per row); a form that is not the table is a 400.
    file: 'dashboard+/products.bulk.tsx',
    role: 'producer',
    url: () => '/dashboard/products/bulk',
    forms: [{ label: 'save', fields: ['productId', 'variantId', 'price', 'stock'], expect: [...rerender, 400] }],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/products.new.tsx',
    role: 'producer',
    url: () => '/dashboard/products/new',
    forms: [{ label: 'create', multipart: true, fields: [...productFields, 'photos'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    file: 'dashboard+/products.$productId.tsx',
    role: 'producer',
    url: (f) => `/dashboard/products/${f.productId}`,
    params: (f) => ({ productId: f.productId }),
    forms: [
      { intent: 'details', fields: productFields, expect: rerender },
      // A multipart post (a file part in place of a field) is the photo upload form, which then has no photo.
      { intent: 'photo', fields: ['imageId', 'op'], expect: [400, 'rerender'] },
      { intent: 'archive', fields: [], fuzzIntent: true, expect: [400, 'rerender'] },
      { intent: 'restore', fields: [], fuzzIntent: true, expect: [400, 'rerender'] },
      { label: 'photos', multipart: true, fields: ['photos'], expect: rerender },
    ],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/orders.$orderId.tsx',
    role: 'producer',
    url: (f) => `/dashboard/orders/${f.orderId}`,
    params: (f) => ({ orderId: f.orderId }),
    forms: [
      { label: 'step', fields: ['to', 'note', 'carrier', 'trackingNumber'], expect: rerender },
      // The order is delivered: no parcel to hand to a carrier (and the shop has none).
      { intent: 'ship-carrier', fields: ['stopDeskId'], expect: rerender },
      // No return was asked on this order: nothing to accept, dispute or receive.
      { intent: 'return-accept', fields: [], expect: rerender },
      { intent: 'return-dispute', fields: ['note'], expect: rerender },
      { intent: 'return-received', fields: [], expect: rerender },
    ],
    emptyBody: rerender,
  },
  {
    file: 'moderation+/returns.tsx',
    role: 'moderator',
    url: () => '/moderation/returns',
    forms: [{ fields: ['returnId', 'decision', 'note'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    file: 'dashboard+/reviews.tsx',
    role: 'producer',
    url: () => '/dashboard/reviews',
    forms: [
      { label: 'reply', fields: ['reviewId', 'reply'], expect: [{ redirect: '/dashboard/reviews', toasts: ['reviews.replyEmpty', 'reviews.notAllowed'] }] },
    ],
    emptyBody: [{ redirect: '/dashboard/reviews', toasts: ['reviews.replyEmpty'] }],
  },
  {
    file: 'dashboard+/payouts._index.tsx',
    role: 'producer',
    url: () => '/dashboard/payouts',
    forms: [{ intent: 'request', fields: [], fuzzIntent: true, expect: rerender }],
    emptyBody: rerender,
  },
  {
    file: 'admin+/payouts._index.tsx',
    role: 'admin',
    url: () => '/admin/payouts',
    forms: [
      { intent: 'paid', fields: ['payoutId', 'reference'], expect: rerender },
      { intent: 'failed', fields: ['payoutId', 'reason'], expect: rerender },
      { intent: 'adjust', fields: ['shopSlug', 'amount', 'reason'], expect: rerender },
    ],
    emptyBody: rerender,
  },
  {
    // The batch export reads nothing from the form: any POST is the export, which stamps the open
    // requests (payouts.exported_at) and is audited. The payload must simply not break it.
    file: 'admin+/payouts[.]csv.ts',
    role: 'admin',
    url: () => '/admin/payouts.csv',
    forms: [{ label: 'export', fields: ['intent'], expect: [200] }],
    emptyBody: [200],
    mayChange: ['payouts', 'audit_log'],
  },
  {
    file: 'admin+/commission.tsx',
    role: 'admin',
    url: () => '/admin/commission',
    forms: [{ label: 'rate', fields: ['categoryId', 'percent'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    file: 'moderation+/shops.$shopId.tsx',
    role: 'moderator',
    url: (f) => `/moderation/shops/${f.pendingShopId}`,
    params: (f) => ({ shopId: f.pendingShopId }),
    // Approving and reinstating need no reason: any note would do, so the payload goes into the intent.
    forms: [shopDecision('approve', true), shopDecision('reject'), shopDecision('request_changes'), shopDecision('suspend'), shopDecision('reinstate', true)],
    emptyBody: rerender,
  },
  {
    file: 'moderation+/products.$productId.tsx',
    role: 'moderator',
    url: (f) => `/moderation/products/${f.pendingProductId}`,
    params: (f) => ({ productId: f.pendingProductId }),
    forms: [shopDecision('approve', true), shopDecision('reject'), shopDecision('take_down')],
    emptyBody: rerender,
  },
  {
    file: 'moderation+/reports._index.tsx',
    role: 'moderator',
    url: () => '/moderation/reports',
    forms: [
      // Any id-shaped text is a well-formed dismissal of a report that does not exist: a 409 saying so.
      { intent: 'dismiss', fields: ['reportId'], expect: rerender },
      { intent: 'take_down', fields: ['productId', 'reasonCode', 'reason'], expect: rerender },
    ],
    emptyBody: rerender,
  },
  {
    file: 'moderation+/search-words.tsx',
    role: 'moderator',
    url: () => '/moderation/search-words',
    forms: [
      { intent: 'add', fields: ['terms'], expect: rerender },
      // No such group: nothing to remove.
      { intent: 'remove', fields: ['groupId'], expect: [404] },
    ],
    emptyBody: rerender,
  },
  {
    file: 'moderation+/claim-terms.tsx',
    role: 'moderator',
    url: () => '/moderation/claim-terms',
    forms: [
      // Any word is a valid term, so the payload also goes into the intent (an unknown intent is a 400).
      { intent: 'add', fields: ['terms'], fuzzIntent: true, expect: [400, 'rerender'] },
      // No such term: nothing to remove.
      { intent: 'remove', fields: ['termId'], expect: [404] },
    ],
    // No intent: neither form.
    emptyBody: [400],
  },
  {
    // The product form's one-photo uploads (JSON for the uploader): text in the file's place is no
    // photo (422, also for a discard sent as multipart); a discard of an id that is not the shop's
    // removes nothing.
    file: 'resources+/product-photos.ts',
    role: 'producer',
    url: () => '/resources/product-photos',
    forms: [
      { label: 'upload', multipart: true, fields: ['photo'], expect: [422] },
      { intent: 'discard', fields: ['id'], expect: [200, 400, 422] },
    ],
    emptyBody: [400],
  },
  {
    file: 'resources+/language.ts',
    role: 'anonymous',
    url: () => '/resources/language',
    forms: [{ label: 'switch', fields: ['language', 'redirectTo'], expect: [400] }],
    emptyBody: [400],
  },
  {
    file: 'resources+/stripe-webhook.ts',
    role: 'anonymous',
    url: () => '/resources/stripe-webhook',
    raw: true,
    forms: [{ label: 'event', fields: ['body'], expect: [400] }],
    emptyBody: [400],
  },
  {
    file: 'resources+/yalidine-webhook.ts',
    role: 'anonymous',
    url: () => '/resources/yalidine-webhook',
    raw: true,
    forms: [{ label: 'event', fields: ['body'], expect: [400] }],
    emptyBody: [400],
  },
  {
    file: 'resources+/chargily-webhook.ts',
    role: 'anonymous',
    url: () => '/resources/chargily-webhook',
    raw: true,
    forms: [{ label: 'event', fields: ['body'], expect: [400] }],
    emptyBody: [400],
  },
  {
    file: 'admin+/payments.tsx',
    role: 'admin',
    url: () => '/admin/payments',
    forms: [
      { intent: 'refund', fields: ['issueId'], expect: rerender },
      { intent: 'resolve', fields: ['issueId', 'note'], expect: rerender },
      { intent: 'reconcile', fields: ['day'], expect: rerender },
    ],
    emptyBody: rerender,
  },

  {
    file: '_auth+/reset-password_.sms.tsx',
    role: 'anonymous',
    url: () => '/reset-password/sms',
    forms: [{ fields: ['phone', 'code', 'password', 'confirmPassword'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    // Adding needs a product that exists (404 otherwise); removing one that is no favourite removes nothing.
    file: '_store+/favourites.tsx',
    role: 'anonymous',
    url: () => '/favourites',
    forms: [
      { label: 'add', fields: ['productId', 'redirectTo'], expect: [404] },
      { intent: 'remove', fields: ['productId'], expect: [{ redirect: '/favourites' }] },
    ],
    emptyBody: [404],
  },
  {
    // Any text is a message, so the conversation's two sides are barred from writing (a moderator's
    // block): every message is refused. The conversation is already reported, and a second report
    // keeps the first: reporting again changes nothing.
    file: 'account+/messages.$conversationId.tsx',
    role: 'buyer',
    url: (f) => `/account/messages/${f.conversationId}`,
    params: (f) => ({ conversationId: f.conversationId }),
    forms: [
      { label: 'send', fields: ['body', 'quickReplyId'], expect: rerender },
      { intent: 'report', fields: ['note'], expect: [{ redirect: '/account/messages/:conversationId', toasts: ['messaging.reported'] }] },
    ],
    emptyBody: rerender,
  },
  {
    // The notifications centre: no notice has the fuzzed id, so "read" changes nothing; a channel
    // or a group outside the offered lists is refused whole.
    file: 'account+/notifications.tsx',
    role: 'buyer',
    url: () => '/account/notifications',
    forms: [
      { intent: 'read', fields: ['noticeId'], expect: [{ redirect: '/account/notifications', toasts: ['notifications.read', 'notifications.invalid'] }] },
      // The fixtures' buyer has no unread notice: marking all read changes nothing.
      { intent: 'read-all', fields: [], expect: [{ redirect: '/account/notifications', toasts: ['notifications.allRead'] }] },
      { intent: 'preferences', fields: ['orders', 'messages', 'favourites', 'decisions'], expect: [{ redirect: '/account/notifications', toasts: ['notifications.invalid'] }] },
    ],
    emptyBody: [{ redirect: '/account/notifications', toasts: ['notifications.invalid'] }],
  },
  {
    // The buyer already has a conversation with the shop, and is barred from writing.
    file: 'account+/messages.new.tsx',
    role: 'buyer',
    url: (f) => `/account/messages/new?product=${f.productId}`,
    forms: [{ label: 'ask', fields: ['body'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    file: 'admin+/facilitators.tsx',
    role: 'admin',
    url: () => '/admin/facilitators',
    forms: [{ label: 'create', fields: ['name', 'email', 'wilayaCodes'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    // The category id is the form's hidden field: no such category, nothing to switch.
    file: 'admin+/food-categories.tsx',
    role: 'admin',
    url: () => '/admin/food-categories',
    forms: [{ label: 'food', fields: ['categoryId', 'food'], expect: [404] }],
    emptyBody: [404],
  },
  {
    file: 'admin+/local-cells.tsx',
    role: 'admin',
    url: () => '/admin/local-cells',
    forms: [
      { label: 'add', fields: ['wilayaCode', 'communeCode', 'name', 'address', 'phone', 'hours'], expect: rerender },
      // No such cell: nothing to remove.
      { intent: 'remove', fields: ['cellId'], expect: [{ redirect: '/admin/local-cells' }] },
    ],
    emptyBody: rerender,
  },
  {
    file: 'admin+/partners.tsx',
    role: 'admin',
    url: () => '/admin/partners',
    forms: [
      { intent: 'create', fields: ['name', 'wilayaCodes', 'datasets', 'ratePerMinute', 'webhookUrl'], expect: rerender },
      // No such key: nothing to revoke.
      { intent: 'revoke', fields: ['keyId'], expect: [{ redirect: '/admin/partners' }] },
    ],
    emptyBody: rerender,
  },
  {
    file: 'assist+/_index.tsx',
    role: 'facilitator',
    url: () => '/assist',
    forms: [
      {
        intent: 'start',
        fields: ['producerName', 'producerEmail', 'producerPhone', 'name', 'producerCategory', 'communeCode', 'artisanCardNumber', 'tradeRegisterNumber', 'nif', 'payoutMethod', 'payoutAccount', 'payoutHolderName'],
        expect: rerender,
      },
      // No such arrangement (or no file): refused before anything is stored.
      { intent: 'consent', multipart: true, fields: ['arrangementId', 'consent'], expect: [404, 'rerender'] },
      { intent: 'document', multipart: true, fields: ['arrangementId', 'consent'], expect: [404, 'rerender'] },
      // Consent by SMS code (decision 028): no such arrangement, or a code that is not 6 digits.
      { intent: 'sendCode', fields: ['arrangementId'], expect: [404] },
      { intent: 'confirmCode', fields: ['arrangementId', 'code'], expect: [404, 'rerender'] },
      { intent: 'submit', fields: ['arrangementId'], expect: [404] },
      { intent: 'act', fields: ['shopId'], expect: [404] },
      { intent: 'end', fields: ['arrangementId'], expect: [404] },
    ],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/assistance.tsx',
    role: 'producer',
    url: () => '/dashboard/assistance',
    forms: [{ intent: 'end', fields: ['arrangementId'], expect: [404] }],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/delivery.tsx',
    role: 'producer',
    url: () => '/dashboard/delivery',
    forms: [{ label: 'carrier', fields: ['carrier', 'account', 'baseUrl', 'apiId', 'apiToken', 'token'], expect: rerender }],
    emptyBody: rerender,
  },
  {
    // As on the buyer's side: the shop's owner is barred from writing, and the conversation is already reported.
    file: 'dashboard+/messages.$conversationId.tsx',
    role: 'producer',
    url: (f) => `/dashboard/messages/${f.conversationId}`,
    params: (f) => ({ conversationId: f.conversationId }),
    forms: [
      { label: 'send', fields: ['body', 'quickReplyId'], expect: rerender },
      { intent: 'report', fields: ['note'], expect: [{ redirect: '/dashboard/messages/:conversationId', toasts: ['messaging.reported'] }] },
    ],
    emptyBody: rerender,
  },
  {
    // Any text is a quick reply: the shop already has as many as it may keep.
    file: 'dashboard+/messages._index.tsx',
    role: 'producer',
    url: () => '/dashboard/messages',
    forms: [
      { intent: 'add-quick-reply', fields: ['body'], expect: rerender },
      // Not one of the shop's quick replies: nothing to delete.
      { intent: 'delete-quick-reply', fields: ['id'], expect: [{ redirect: '/dashboard/messages' }] },
    ],
    emptyBody: [400],
  },
  {
    file: 'dashboard+/products.$productId_.options.tsx',
    role: 'producer',
    url: (f) => `/dashboard/products/${f.productId}/options`,
    params: (f) => ({ productId: f.productId }),
    forms: [
      // Any text names an option and its values: the payload goes into the intent.
      { intent: 'options', fields: ['option1Name', 'option1Values', 'option2Name', 'option2Values'], fuzzIntent: true, expect: [400] },
      { intent: 'grid', fields: ['rows[0].id', 'rows[0].price', 'rows[0].stock', 'rows[0].sku', 'rows[0].imageId'], expect: rerender },
    ],
    emptyBody: [400],
  },
  {
    // The participant is the form's hidden field: anyone else is refused.
    file: 'moderation+/conversations.$conversationId.tsx',
    role: 'moderator',
    url: (f) => `/moderation/conversations/${f.conversationId}`,
    params: (f) => ({ conversationId: f.conversationId }),
    forms: [
      { intent: 'block', fields: ['userId', 'reason'], expect: [404] },
      { intent: 'unblock', fields: ['userId', 'reason'], expect: [404] },
    ],
    emptyBody: [400],
  },
]

// ---------------------------------------------------------------------------------------------
// Payloads: each gives the values one field is sent with (two for repeated keys, a file part…).

const KB100 = 'x'.repeat(100 * 1024)
type Value = string | File
/** `crafted`: a request no browser form sends (see translationProblems). */
type Payload = { name: string; values: () => Value[]; crafted?: boolean }
const text = (name: string, value: string): Payload => ({ name, values: () => [value] })

const PAYLOADS: Payload[] = [
  text('every field empty', ''),
  text('every field 100 KB', KB100),
  text('letters where numbers and ids are expected', 'abc'),
  { name: 'repeated keys', values: () => ['1', 'abc'], crafted: true },
  { name: 'a file part where text is expected', values: () => [new File(['<script>alert(1)</script>'], 'payload.html', { type: 'text/html' })], crafted: true },
  text('a huge number', '9'.repeat(400)),
  text('a number beyond double', '1e999'),
  text('a negative number', '-1'),
  text('RTL/LTR marks and overrides', '\u200F\u202Eabc\u202C\u200E'),
  text('zero-width characters', '\u200B\uFEFF\u200B'),
  text('emoji only', '🍯🧺🏺'),
  text('a pile of combining marks', `a${'\u0301\u0330\u0360'.repeat(40)}`),
  text('a script tag', '<script>alert(1)</script>'),
  text('an attribute breakout', '"><img src=x onerror=alert(1)>'),
  text('SQL tautology', "' OR 1=1 --"),
  text('SQL statement', "'); DROP TABLE orders; --"),
]

/** Fields the pages send as hidden inputs (ids, tokens, where to go next): their errors are never shown. */
const HIDDEN_FIELDS = new Set([
  'categoryId@commission',
  'categoryId@food-categories',
  'arrangementId',
  'cellId',
  'keyId',
  'quickReplyId',
  'shopId',
  'userId',
  'id@messages',
  'rows[0].id',
  'rows[0].imageId',
  'documentId',
  'groupId',
  'idempotencyKey',
  'imageId',
  'orderItemId',
  'payoutId',
  'productId',
  'redirectTo',
  'reportId',
  'reviewId',
  'token',
  'rates[0].wilayaCode',
])
const isHidden = (row: Row, field: string) => HIDDEN_FIELDS.has(field) || HIDDEN_FIELDS.has(`${field}@${row.file.split('/').pop()!.split('.')[0]}`)

// ---------------------------------------------------------------------------------------------

let t: TestDatabase
let fixtures: Fixtures
const cookies = new Map<Role, string>()
let routeModules: Record<string, () => Promise<unknown>>

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForRoutes(t)
  routeModules = import.meta.glob('../../app/routes/**/*.{ts,tsx}')
  const now = new Date()
  const verified = { emailVerifiedAt: now }
  const category = await createCategory(t.db)
  const producer = await createUser(t.db, { ...verified, role: 'producer' })
  const shop = await createShop(t.db, { ownerId: producer.id, payoutMethod: 'ccp', payoutAccount: '0012345678 90', payoutHolderName: 'Souad Meziane' })
  const product = await createProduct(t.db, { shopId: shop.id, categoryId: category.id })
  await t.db.insert(productImages).values({ productId: product.id, storageKey: `products/${product.id}/a`, width: 640, height: 480 })
  const pendingProduct = await createProduct(t.db, { shopId: shop.id, categoryId: category.id, status: 'pending_review', publishedAt: null })
  const buyer = await createUser(t.db, { ...verified, passwordHash: await hashPassword('the buyer’s real password') })
  const order = await createOrder(t.db, {
    shopId: shop.id,
    buyerId: buyer.id,
    status: 'delivered',
    createdAt: now,
    items: [{ productId: product.id, unitPrice: 150_000, quantity: 1 }],
  })
  const applicant = await createUser(t.db, verified)
  await createShop(t.db, { ownerId: applicant.id, status: 'draft' })
  const pendingShop = await createShop(t.db, { status: 'pending' })
  const moderator = await createUser(t.db, { ...verified, role: 'moderator' })
  const admin = await createUser(t.db, { ...verified, role: 'admin' })
  await t.db.insert(reports).values({ targetType: 'product', targetId: product.id, reasonCode: 'counterfeit', reporterId: buyer.id })
  await t.db
    .insert(payouts)
    .values({ shopId: shop.id, amount: 500_000, method: 'ccp', account: '0012345678 90', holderName: 'Souad Meziane', requestedBy: producer.id })
  const unverified = await createUser(t.db)
  const facilitator = await createUser(t.db, { ...verified, role: 'facilitator' })
  // The buyer's conversation with the shop, reported by the buyer; a moderator then barred both sides from writing.
  const conversationId = await openConversation(t.db, { buyerId: buyer.id, shopId: shop.id, productId: product.id })
  await sendMessage(t.db, null, { conversationId, senderId: buyer.id, body: 'Salam, is the honey still available?' })
  await reportConversation(t.db, { conversationId, userId: buyer.id, note: 'rude' })
  for (const userId of [buyer.id, producer.id]) {
    await setMessagingBlock(t.db, { conversationId, userId, blocked: true, reason: 'abuse', actor: { id: moderator.id, role: 'moderator' } })
  }
  // The shop keeps as many quick replies as it may.
  for (let i = 0; i < MAX_QUICK_REPLIES; i++) await addQuickReply(t.db, shop.id, `Réponse ${i + 1}`)
  const users: Record<Exclude<Role, 'anonymous'>, string> = {
    buyer: buyer.id,
    unverified: unverified.id,
    applicant: applicant.id,
    producer: producer.id,
    moderator: moderator.id,
    admin: admin.id,
    facilitator: facilitator.id,
  }
  for (const [role, id] of Object.entries(users)) cookies.set(role as Role, await sessionCookieFor(t, id))
  fixtures = {
    productSlug: product.slug,
    productId: product.id,
    pendingProductId: pendingProduct.id,
    pendingShopId: pendingShop.id,
    orderId: order.id,
    checkoutId: order.checkoutId,
    conversationId,
  }
})

afterAll(async () => {
  await t?.close()
  // Nothing of this file's database or environment outlives it.
  const g = globalThis as typeof globalThis & { __taswiqDb?: unknown; __taswiqEnv?: unknown }
  g.__taswiqDb = undefined
  g.__taswiqEnv = undefined
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  delete process.env.CHARGILY_SECRET_KEY
})

async function actionOf(file: string) {
  const load = routeModules[`../../app/routes/${file}`]
  if (!load) throw new Error(`no route module ${file}`)
  return ((await load()) as { action: ActionFunction }).action
}

type Pair = [string, Value]

function buildRequest(row: Row, url: string, pairs: Pair[], multipart = false) {
  const headers = new Headers({ 'Accept-Language': 'ar-DZ,ar;q=0.9', Origin: 'http://localhost' })
  const cookie = cookies.get(row.role)
  if (cookie) headers.set('Cookie', cookie)
  let body: BodyInit
  if (row.raw) {
    const first = pairs[0]?.[1] ?? ''
    body = typeof first === 'string' ? first : 'not json'
    headers.set('Content-Type', 'application/json')
    headers.set('Stripe-Signature', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`)
  } else if (multipart || pairs.some(([, value]) => typeof value !== 'string')) {
    const form = new FormData()
    for (const [name, value] of pairs) form.append(name, value)
    body = form
  } else {
    body = new URLSearchParams(pairs as [string, string][])
  }
  return new Request(new URL(url, 'http://localhost'), { method: 'POST', headers, body })
}

function pathOf(location: string) {
  const url = new URL(location, 'http://localhost')
  return url.origin === 'http://localhost' ? url.pathname + url.search : location
}

/** Whether `outcome` is one of `allowed`; a description of what went wrong otherwise. */
async function check(outcome: Outcome, allowed: Expect[], f: Fixtures, lenientFields: (field: string) => boolean): Promise<string | null> {
  if (outcome.kind === 'error') return `server error: ${(outcome.error as Error)?.stack?.split('\n').slice(0, 3).join(' ') ?? String(outcome.error)}`
  if (outcome.status >= 500) return `status ${outcome.status}`
  if (outcome.kind === 'data') {
    if (!allowed.includes('rerender')) return `a re-render (${outcome.status}), expected ${JSON.stringify(allowed)}`
    if (visibleErrors(outcome.data).count === 0) return `a re-render without any error: ${JSON.stringify(outcome.data).slice(0, 200)}`
    const problems = translationProblems(outcome.data, lenientFields)
    return problems.length ? problems.join('; ') : null
  }
  if (outcome.kind === 'redirect') {
    const to = pathOf(outcome.location)
    const toast = await toastKeyOf(outcome)
    const match = allowed.find(
      (e) => typeof e === 'object' && e.redirect.replace(':orderId', f.orderId).replace(':conversationId', f.conversationId).replace(':productSlug', f.productSlug) === to && (!e.toasts || (toast !== null && e.toasts.includes(toast)))
    )
    if (!match) return `redirect to ${to} (toast ${toast}), expected ${JSON.stringify(allowed)}`
    if (toast && !localeKeys.has(toast)) return `toast ${toast} is not a locale key`
    return null
  }
  return allowed.includes(outcome.status) ? null : `status ${outcome.status}: ${outcome.body.slice(0, 80)}, expected ${JSON.stringify(allowed)}`
}

/** Every literal intent a route file handles or offers: each must be a form of its row. */
function intentsIn(source: string) {
  const found = new Set<string>()
  const patterns = [/intent (?:===|!==) '([\w-]+)'/g, /get\('intent'\) (?:===|!==) '([\w-]+)'/g, /name="intent" value="([\w-]+)"/g]
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]!)
  found.delete('string')
  return found
}

describe('bad input to every form action', () => {
  it('has a row for every route with an action, and a form for every intent it handles', () => {
    const withAction = routeFiles().filter((file) => /export (async )?(function|const) action\b/.test(routeSource(file)))
    expect(TABLE.map((r) => r.file).sort()).toEqual(withAction.sort())
    const missing = TABLE.flatMap((row) => {
      const names = new Set(row.forms.flatMap((f) => [f.intent, f.label]).filter(Boolean))
      return [...intentsIn(routeSource(row.file))].filter((intent) => !names.has(intent)).map((intent) => `${row.file}: intent ${intent}`)
    })
    expect(missing).toEqual([])
  })

  it.each(TABLE.map((row) => [row.file, row] as const))('%s', async (_file, row) => {
    const action = await actionOf(row.file)
    const params = row.params?.(fixtures) ?? {}
    const failures: string[] = []
    const attempt = async (what: string, request: () => Request, allowed: Expect[], crafted = false) => {
      const before = await fingerprint(t)
      const outcome = await callAction(action, request(), params)
      const after = await fingerprint(t)
      const problem = await check(outcome, allowed, fixtures, (field) => crafted || isHidden(row, field))
      if (problem) failures.push(`${what}: ${problem}`)
      const changed = changedTables(before, after).filter((table) => !row.mayChange?.includes(table))
      if (changed.length) failures.push(`${what}: changed ${changed.join(', ')} (status ${statusOf(outcome)})`)
    }

    await attempt('empty body', () => buildRequest(row, row.url(fixtures), []), row.emptyBody)
    // A form cut off on the way (a weak connection): a multipart body without its last boundary.
    // Every action reads its form through readForm/parseMultipartWithFiles, which answer 400.
    if (!row.raw) {
      await attempt(
        'multipart body cut off',
        () => {
          const request = buildRequest(row, row.url(fixtures), [])
          const headers = new Headers(request.headers)
          headers.set('Content-Type', 'multipart/form-data; boundary=cutoff')
          const body = '--cutoff\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsa'
          return new Request(request.url, { method: 'POST', headers, body })
        },
        [400, ...row.emptyBody]
      )
    }
    if (row.forms.some((form) => form.intent)) {
      for (const payload of [PAYLOADS[1]!, PAYLOADS[12]!]) {
        await attempt(
          `unknown intent (${payload.name})`,
          () =>
            buildRequest(
              row,
              row.url(fixtures),
              payload.values().map((v) => ['intent', v] as Pair)
            ),
          row.emptyBody
        )
      }
    }
    for (const form of row.forms) {
      const name = form.intent ?? form.label ?? 'form'
      for (const payload of PAYLOADS) {
        await attempt(
          `${name} / ${payload.name}`,
          () => {
            const pairs: Pair[] = []
            if (form.intent) for (const value of form.fuzzIntent ? payload.values() : [form.intent]) pairs.push(['intent', value])
            for (const field of form.fields) for (const value of payload.values()) pairs.push([field, value])
            let url = (form.url ?? row.url)(fixtures)
            if (form.queryFields?.length) {
              const target = new URL(url, 'http://localhost')
              for (const field of form.queryFields) {
                target.searchParams.delete(field)
                for (const value of payload.values()) target.searchParams.append(field, typeof value === 'string' ? value : value.name)
              }
              url = target.pathname + target.search
            }
            return buildRequest(row, url, pairs, form.multipart)
          },
          form.expect,
          payload.crafted
        )
      }
    }
    expect(failures.join('\n')).toBe('')
  })
})
