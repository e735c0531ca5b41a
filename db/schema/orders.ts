import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, jsonb, pgEnum, pgSequence, pgTable, smallint, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { products, productVariants, shops } from './catalog'
import { communes, wilayas } from './geo'

/**
 * A cart belongs to an account, or to an anonymous visitor through the SHA-256 of a random token
 * in their cookie; at log-in the visitor's lines move into the account's cart.
 */
export const carts = pgTable(
  'carts',
  {
    id: id(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the anonymous cart cookie's token; null for an account's cart. */
    visitorTokenHash: text('visitor_token_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('carts_user_idx').on(t.userId),
    uniqueIndex('carts_visitor_idx').on(t.visitorTokenHash),
    check('carts_owner_check', sql`(${t.userId} is null) <> (${t.visitorTokenHash} is null)`),
    // Abandoned visitor carts are purged by age.
    index('carts_updated_idx').on(t.updatedAt),
  ]
)

export const cartItems = pgTable(
  'cart_items',
  {
    id: id(),
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** The chosen combination of a product with options; null for a product without options. */
    variantId: text('variant_id').references(() => productVariants.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('cart_items_cart_line_key').on(t.cartId, t.productId, t.variantId).nullsNotDistinct(), check('cart_items_quantity_check', sql`${t.quantity} > 0`)]
)

export const deliveryMode = pgEnum('delivery_mode', ['home', 'desk'])

/** The buyer's delivery address, saved at checkout for next time (one per account). */
export const buyerAddresses = pgTable('buyer_addresses', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  fullName: text('full_name').notNull(),
  /** E.164 (+213…). */
  phone: text('phone').notNull(),
  communeCode: text('commune_code')
    .notNull()
    .references(() => communes.code),
  street: text('street').notNull(),
  deliveryMode: deliveryMode('delivery_mode').notNull().default('home'),
  updatedAt: updatedAt(),
})

export const paymentMethod = pgEnum('payment_method', ['cod', 'card'])

/**
 * One confirmed cart: the idempotency key from the review form makes a double submit or a retried
 * request find this row instead of creating a second checkout.
 */
export const checkouts = pgTable(
  'checkouts',
  {
    id: id(),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    /** Centimes: every order's total together. */
    total: bigint('total', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('checkouts_idempotency_idx').on(t.idempotencyKey), index('checkouts_buyer_idx').on(t.buyerId, t.createdAt)]
)

export const orderStatus = pgEnum('order_status', ['awaiting_payment', 'pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'returned'])
export const paymentStatus = pgEnum('payment_status', ['unpaid', 'paid', 'refunded'])

/** Order numbers people can read out on the phone: TSQ-001001. */
export const orderNumberSequence = pgSequence('order_number_seq', { startWith: 1001 })

/** One shop's part of a checkout. Amounts in centimes, frozen at checkout. */
export const orders = pgTable(
  'orders',
  {
    id: id(),
    number: text('number').notNull(),
    checkoutId: text('checkout_id')
      .notNull()
      .references(() => checkouts.id),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    status: orderStatus('status').notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    paymentStatus: paymentStatus('payment_status').notNull().default('unpaid'),
    deliveryMode: deliveryMode('delivery_mode').notNull(),
    shipName: text('ship_name').notNull(),
    shipPhone: text('ship_phone').notNull(),
    shipCommuneCode: text('ship_commune_code')
      .notNull()
      .references(() => communes.code),
    shipWilayaCode: smallint('ship_wilaya_code')
      .notNull()
      .references(() => wilayas.code),
    shipStreet: text('ship_street').notNull(),
    /** Stop-desk orders: the carrier's desk the buyer chose at checkout (id at the carrier, name as shown). */
    stopDeskId: text('stop_desk_id'),
    stopDeskName: text('stop_desk_name'),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull(),
    shippingFee: bigint('shipping_fee', { mode: 'number' }).notNull(),
    /** The commission rate used for this order, so a later change of rate never rewrites history. */
    commissionBps: integer('commission_bps').notNull(),
    commission: bigint('commission', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    /** Days the shop announced for delivery to this wilaya, as shown at checkout. */
    delayDays: smallint('delay_days').notNull(),
    /** Made-to-order lines: the date the pieces were promised ready at checkout (the latest line's). */
    readyOn: date('ready_on', { mode: 'string' }),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_number_idx').on(t.number),
    index('orders_checkout_idx').on(t.checkoutId),
    index('orders_shop_idx').on(t.shopId, t.createdAt),
    index('orders_buyer_idx').on(t.buyerId, t.createdAt),
    index('orders_status_idx').on(t.status, t.createdAt),
  ]
)

/** What was bought, as it was: title and unit price are copies, so editing a product never changes an order. */
export const orderItems = pgTable(
  'order_items',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    variantId: text('variant_id').references(() => productVariants.id, { onDelete: 'set null' }),
    /** The options as sold ("M / أحمر"), a copy like the title; null for a product without options. */
    variantLabel: text('variant_label'),
    sku: text('sku'),
    title: text('title').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    quantity: integer('quantity').notNull(),
    lineTotal: bigint('line_total', { mode: 'number' }).notNull(),
    /** The rate applied to this line (its category's, else the platform's); null on orders placed before per-line rates. */
    commissionBps: integer('commission_bps'),
    /** Centimes: this line's commission; the order's commission is the sum of its lines'. */
    commission: bigint('commission', { mode: 'number' }),
    /** A made-to-order line: the date promised at checkout (later than its preparation days when the weeks were full). */
    readyOn: date('ready_on', { mode: 'string' }),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_product_idx').on(t.productId),
    index('order_items_variant_idx').on(t.variantId).where(sql`${t.variantId} is not null`),
    check('order_items_quantity_check', sql`${t.quantity} > 0`),
  ]
)

/** Every status change of an order: from, to, who (null: the system or the payment provider), why. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    actorId: text('actor_id').references(() => users.id),
    note: text('note'),
    /** A line that is no status change (from = to): a parcel's step at the carrier (picked_up, in_transit…) or a COD call without answer (no_answer). */
    step: text('step'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.createdAt)]
)

export const stockMovementReason = pgEnum('stock_movement_reason', ['order', 'cancel', 'return', 'adjust'])

/** Each change of a product's stock caused by an order (− at checkout, + when cancelled), for reconciling. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    variantId: text('variant_id').references(() => productVariants.id, { onDelete: 'set null' }),
    orderId: text('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    reason: stockMovementReason('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stock_movements_product_idx').on(t.productId, t.createdAt), index('stock_movements_order_idx').on(t.orderId)]
)

export const paymentRecordStatus = pgEnum('payment_record_status', ['open', 'succeeded', 'expired', 'failed'])

/** A card payment attempt with the provider (a Stripe Checkout Session) for one checkout. */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    checkoutId: text('checkout_id')
      .notNull()
      .references(() => checkouts.id),
    provider: text('provider').notNull(),
    providerReference: text('provider_reference').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: paymentRecordStatus('status').notNull().default('open'),
    url: text('url'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** What the buyer chose: `card` (Stripe, international), `edahabia` or `cib` (Chargily). */
    method: text('method', { enum: ['card', 'edahabia', 'cib'] }).notNull().default('card'),
    /** Centimes: the provider's fee for this payment, as the provider reported it once paid. */
    fee: bigint('fee', { mode: 'number' }).notNull().default(0),
    /** Who pays the fee: the buyer (added to what they pay) or the platform (taken from what it receives). */
    feeBearer: text('fee_bearer', { enum: ['buyer', 'platform'] }).notNull().default('platform'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** When the provider reported the money settled (paid out to the platform); card money counts as cleared only then. */
    settledAt: timestamp('settled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_provider_ref_idx').on(t.provider, t.providerReference),
    index('payments_checkout_idx').on(t.checkoutId),
    check('payments_method_check', sql`${t.method} in ('card', 'edahabia', 'cib')`),
    check('payments_fee_bearer_check', sql`${t.feeBearer} in ('buyer', 'platform')`),
  ]
)

export const paymentIssueKinds = ['paid_after_cancel', 'paid_without_order', 'paid_twice', 'amount_differs', 'return_refund'] as const

/**
 * Money that does not match live orders — a payment that succeeded on orders already cancelled
 * (refunded through the provider, or left here for an admin when it cannot refund), or a
 * reconciliation mismatch. The admin queue at /admin/payments. One row per payment and kind.
 */
export const paymentIssues = pgTable(
  'payment_issues',
  {
    id: id(),
    provider: text('provider').notNull(),
    providerReference: text('provider_reference').notNull(),
    checkoutId: text('checkout_id').references(() => checkouts.id),
    kind: text('kind', { enum: paymentIssueKinds }).notNull(),
    /** Centimes: the money concerned (what the provider received). */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['open', 'refunded', 'resolved'] }).notNull().default('open'),
    refundReference: text('refund_reference'),
    details: jsonb('details').notNull().default({}),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One issue per payment and kind; a returned order's refund is one per return request.
    uniqueIndex('payment_issues_reference_kind_idx').on(t.provider, t.providerReference, t.kind, sql`(coalesce(${t.details}->>'returnId', ''))`),
    index('payment_issues_status_idx').on(t.status, t.createdAt),
    check('payment_issues_kind_check', sql`${t.kind} in ('paid_after_cancel', 'paid_without_order', 'paid_twice', 'amount_differs', 'return_refund')`),
    check('payment_issues_status_check', sql`${t.status} in ('open', 'refunded', 'resolved')`),
  ]
)

/** Each webhook event once: a redelivered event finds its id here and changes nothing. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: id(),
    provider: text('provider').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('payment_events_provider_event_idx').on(t.provider, t.providerEventId)]
)

export const reviewStatus = pgEnum('review_status', ['published', 'hidden'])

/** One review per order line, after delivery; the producer may answer once. */
export const reviews = pgTable(
  'reviews',
  {
    id: id(),
    orderItemId: text('order_item_id')
      .notNull()
      .references(() => orderItems.id, { onDelete: 'cascade' }),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    rating: smallint('rating').notNull(),
    body: text('body').notNull().default(''),
    status: reviewStatus('status').notNull().default('published'),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reviews_order_item_idx').on(t.orderItemId),
    index('reviews_product_idx').on(t.productId, t.createdAt),
    check('reviews_rating_check', sql`${t.rating} between 1 and 5`),
  ]
)
