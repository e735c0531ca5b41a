// Fills a database with N generated products (and their cover photos), and optionally M generated
// orders spread over the last 365 days, for benchmarks:
//   npm run seed:scale -- --products 100000 --orders 200000
// Runs on DATABASE_URL, or on the embedded database. The demo seed is applied first (idempotent) so
// shops, categories and photos exist; generated rows reuse them. Each run adds N more products.
import { parseArgs } from 'node:util'
import { connect } from '../db/client'
import { migrate } from '../db/migrate'
import { seed } from './seed/seed'

const { values } = parseArgs({ options: { products: { type: 'string', default: '10000' }, orders: { type: 'string', default: '0' } } })
const total = Number(values.products)
const orderTotal = Number(values.orders)
if (!Number.isInteger(total) || total < 0 || !Number.isInteger(orderTotal) || orderTotal < 0) {
  console.error('--products and --orders must be whole numbers (0 or more)')
  process.exit(1)
}

const conn = await connect({ url: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR, max: 2 })
await migrate(conn)
await seed(conn, { log: () => {} })

const run = Date.now().toString(36)
const chunk = 20_000
const started = Date.now()
for (let from = 1; from <= total; from += chunk) {
  const to = Math.min(total, from + chunk - 1)
  // One statement per chunk: generate_series builds the rows inside the database, which is what
  // keeps 100,000 products well under a minute on either driver.
  await conn.query(
    `with src as (
       select (select array_agg(id order by id) from shops where status = 'approved') as shops,
              (select array_agg(id order by id) from categories) as cats,
              (select array_agg(title order by slug) from products where id not like 'scale\\_%') as titles,
              (select array_agg(description order by slug) from products where id not like 'scale\\_%') as descriptions
     )
     insert into products (id, shop_id, slug, title, description, category_id, price, stock, made_to_order_days,
                           weight_g, featured, status, published_at, created_at, updated_at)
     select 'scale_' || $1 || '_' || g,
            shops[1 + (g * 7) % array_length(shops, 1)],
            'scale-' || $1 || '-' || g,
            titles[1 + (g * 13) % array_length(titles, 1)] || ' ' || g,
            descriptions[1 + (g * 13) % array_length(descriptions, 1)],
            cats[1 + (g * 3) % array_length(cats, 1)],
            (200 + (g * 7919) % 19800) * 100,
            (g * 31) % 60,
            case when g % 9 = 0 then 7 else 0 end,
            100 + (g * 37) % 4900,
            false,
            case when g % 20 = 0 then 'pending_review'::product_status else 'active'::product_status end,
            now() - make_interval(mins => g),
            now() - make_interval(mins => g),
            now()
     from src, generate_series($2::int, $3::int) as g`,
    [run, from, to]
  )
  await conn.query(
    `with covers as (select array_agg(storage_key order by storage_key) as keys from product_images
                     where position = 0 and product_id not like 'scale\\_%')
     insert into product_images (id, product_id, storage_key, width, height, position, alt, created_at)
     select 'scale_img_' || $1 || '_' || g, 'scale_' || $1 || '_' || g,
            keys[1 + g % array_length(keys, 1)], 1280, 1280, 0, '', now()
     from covers, generate_series($2::int, $3::int) as g`,
    [run, from, to]
  )
  process.stdout.write(`\r${to} / ${total} products`)
}
// Orders: one checkout, one order and one line per generated order, from the demo buyer, on
// active products, delivered to communes all over the country, created over the last 365 days
// with a realistic mix of statuses (75 % delivered, 5 % each of the others). No stock change.
// No `awaiting_payment`: these are cash-on-delivery orders, and a card order still waiting after
// 35 minutes is cancelled by the sweeper — 10,000 such rows at 100k had it cancelling them one
// transaction at a time during the bench's measurements.
const orderStarted = Date.now()
for (let from = 1; from <= orderTotal; from += chunk) {
  const to = Math.min(orderTotal, from + chunk - 1)
  // Products and communes are picked by row number through a join (subscripting a 100,000-element
  // text array costs a walk along the array for every row).
  const gen = `with prods as (select id, row_number() over (order by id) - 1 as rn from products where status = 'active'),
     places as (select code, row_number() over (order by code) - 1 as rn from communes),
     sizes as (select (select count(*) from prods) as np, (select count(*) from places) as nc,
                      (select id from users where email = 'client@taswiq.dz') as buyer),
     gen as (
       select g, buyer, prods.id as product_id, 1 + g % 3 as qty, places.code as commune,
              now() - make_interval(secs => ((g::bigint * 7919) % (365 * 86400))::int) as at
       from sizes cross join generate_series($2::int, $3::int) as g
       join prods on prods.rn = (g::bigint * 7) % sizes.np
       join places on places.rn = (g::bigint * 13) % sizes.nc
     )`
  await conn.query(
    `${gen} insert into checkouts (id, buyer_id, idempotency_key, payment_method, total, created_at)
     select 'scale_co_' || $1 || '_' || g, buyer, 'scale-' || $1 || '-' || g, 'cod', 0, at from gen`,
    [run, from, to]
  )
  await conn.query(
    `${gen} insert into orders (id, number, checkout_id, shop_id, buyer_id, status, payment_method, delivery_mode, ship_name,
                          ship_phone, ship_commune_code, ship_wilaya_code, ship_street, subtotal, shipping_fee, commission_bps,
                          commission, total, delay_days, created_at, updated_at)
     select 'scale_o_' || $1 || '_' || g, 'SCALE-' || $1 || '-' || g, 'scale_co_' || $1 || '_' || g, p.shop_id, buyer,
            (case g % 20 when 0 then 'cancelled' when 1 then 'returned' when 2 then 'pending' when 3 then 'confirmed'
                          when 4 then 'shipped' else 'delivered' end)::order_status,
            'cod', 'home', 'Scale', '+213600000000', gen.commune, c.wilaya_code, 'Scale',
            p.price * qty, 40000, 1000, p.price * qty / 10, p.price * qty + 40000, 3, at, at
     from gen join products p on p.id = gen.product_id join communes c on c.code = gen.commune`,
    [run, from, to]
  )
  await conn.query(
    `${gen} insert into order_items (id, order_id, product_id, title, unit_price, quantity, line_total)
     select 'scale_oi_' || $1 || '_' || g, 'scale_o_' || $1 || '_' || g, p.id, p.title, p.price, qty, p.price * qty
     from gen join products p on p.id = gen.product_id`,
    [run, from, to]
  )
  process.stdout.write(`\r${to} / ${orderTotal} orders`)
}
if (orderTotal) console.log(`\nadded ${orderTotal} orders in ${((Date.now() - orderStarted) / 1000).toFixed(1)} s`)

// Search's tie-break figures (recent sales, rating), as the hourly search-popularity job would keep them.
await conn.query(`select public.taswiq_product_search_popularity(now() - interval '90 days')`)
// Fresh statistics, or the planner misjudges how many shops are approved and skips the listing index.
await conn.query('analyze')
const [row] = await conn.query<{ n: number }>('select count(*)::int as n from products')
console.log(`\nadded ${total} products in ${((Date.now() - started) / 1000).toFixed(1)} s (${conn.driver}); the catalog now holds ${row?.n}`)
await conn.close()
