-- Issue 20 (decision 031): made-to-order pieces with a weekly capacity, and seasonal availability.
-- A product (or one of its combinations) may say how many pieces its producer can make a week;
-- null: no limit (as before). A combination's own capacity, when set, has its own counter.
ALTER TABLE "products" ADD COLUMN "capacity_per_week" integer;
--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_capacity_check" CHECK ("capacity_per_week" is null or "capacity_per_week" > 0);
--> statement-breakpoint
ALTER TABLE "product_variants" ADD COLUMN "capacity_per_week" integer;
--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_capacity_check" CHECK ("capacity_per_week" is null or "capacity_per_week" > 0);
--> statement-breakpoint
-- Seasonal availability: on sale only between these dates (either may be open); outside, "available from".
ALTER TABLE "products" ADD COLUMN "available_from" date;
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "available_until" date;
--> statement-breakpoint
-- Pieces promised per week: one row per counter (the product's, or a combination's) and week
-- (starting on Sunday, Algiers time). Checkout takes from it with a guarded upsert
-- (used + n <= the capacity read from the locked product row); cancellation gives back.
CREATE TABLE "capacity_weeks" (
	"scope_id" text NOT NULL,
	"week_start" date NOT NULL,
	"product_id" text NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "capacity_weeks_pkey" PRIMARY KEY("scope_id","week_start"),
	CONSTRAINT "capacity_weeks_used_check" CHECK ("used" >= 0)
);
--> statement-breakpoint
ALTER TABLE "capacity_weeks" ADD CONSTRAINT "capacity_weeks_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- What each order line took from which week: the order book, and what a cancellation gives back.
CREATE TABLE "capacity_takes" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_item_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"scope_id" text NOT NULL,
	"week_start" date NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "capacity_takes_quantity_check" CHECK ("quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "capacity_takes" ADD CONSTRAINT "capacity_takes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "capacity_takes" ADD CONSTRAINT "capacity_takes_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "capacity_takes" ADD CONSTRAINT "capacity_takes_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "capacity_takes_order_idx" ON "capacity_takes" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "capacity_takes_shop_week_idx" ON "capacity_takes" USING btree ("shop_id","week_start");
--> statement-breakpoint
-- The date the producer promised the pieces ready (null: nothing made to order).
ALTER TABLE "orders" ADD COLUMN "ready_on" date;
--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "ready_on" date;
--> statement-breakpoint
-- "Notify me" when a seasonal product is on sale again: one per user and product; sent once.
CREATE TABLE "availability_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "availability_alerts" ADD CONSTRAINT "availability_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "availability_alerts" ADD CONSTRAINT "availability_alerts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "availability_alerts_user_product_idx" ON "availability_alerts" USING btree ("user_id","product_id");
--> statement-breakpoint
CREATE INDEX "availability_alerts_pending_idx" ON "availability_alerts" USING btree ("product_id") WHERE "notified_at" is null;
