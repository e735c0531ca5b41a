CREATE TABLE "stats_daily" (
	"day" date NOT NULL,
	"category_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"status" "order_status" NOT NULL,
	"orders" integer NOT NULL,
	"amount" bigint NOT NULL,
	"commission" bigint NOT NULL,
	CONSTRAINT "stats_daily_category_id_day_shop_id_status_pk" PRIMARY KEY("category_id","day","shop_id","status")
);
--> statement-breakpoint
CREATE TABLE "stats_days" (
	"day" date PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_stale_days" (
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stats_stale_days_day_idx" ON "stats_stale_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "products_active_shop_idx" ON "products" USING btree ("shop_id","category_id") WHERE "products"."status" = 'active';--> statement-breakpoint
-- Every change that can move a figure notes the Algiers day of the orders concerned. Statement-level
-- triggers with transition tables: one note per day per statement, not per row.
CREATE FUNCTION "stats_note_orders"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_stale_days (day) SELECT DISTINCT (created_at AT TIME ZONE 'Africa/Algiers')::date FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stats_stale_days (day) SELECT DISTINCT (created_at AT TIME ZONE 'Africa/Algiers')::date FROM old_rows;
  ELSE
    INSERT INTO stats_stale_days (day)
      SELECT DISTINCT (x.created_at AT TIME ZONE 'Africa/Algiers')::date
      FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.created_at), (n.created_at)) AS x(created_at)
      WHERE (o.status, o.shop_id, o.subtotal, o.commission, o.created_at) IS DISTINCT FROM (n.status, n.shop_id, n.subtotal, n.commission, n.created_at);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stats_note_orders_insert" AFTER INSERT ON "orders" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_orders"();--> statement-breakpoint
CREATE TRIGGER "stats_note_orders_update" AFTER UPDATE ON "orders" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_orders"();--> statement-breakpoint
CREATE TRIGGER "stats_note_orders_delete" AFTER DELETE ON "orders" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_orders"();--> statement-breakpoint
CREATE FUNCTION "stats_note_order_items"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO stats_stale_days (day) SELECT DISTINCT (o.created_at AT TIME ZONE 'Africa/Algiers')::date FROM old_rows i JOIN orders o ON o.id = i.order_id;
  ELSE
    INSERT INTO stats_stale_days (day) SELECT DISTINCT (o.created_at AT TIME ZONE 'Africa/Algiers')::date FROM new_rows i JOIN orders o ON o.id = i.order_id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stats_note_order_items_insert" AFTER INSERT ON "order_items" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_order_items"();--> statement-breakpoint
CREATE TRIGGER "stats_note_order_items_update" AFTER UPDATE ON "order_items" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_order_items"();--> statement-breakpoint
CREATE TRIGGER "stats_note_order_items_delete" AFTER DELETE ON "order_items" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_order_items"();--> statement-breakpoint
-- Sales by category use the product's current category: moving a product moves its past sales.
CREATE FUNCTION "stats_note_products"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_stale_days (day)
    SELECT DISTINCT (o.created_at AT TIME ZONE 'Africa/Algiers')::date
    FROM old_rows op JOIN new_rows np ON np.id = op.id AND np.category_id IS DISTINCT FROM op.category_id
    JOIN order_items oi ON oi.product_id = np.id JOIN orders o ON o.id = oi.order_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stats_note_products_update" AFTER UPDATE ON "products" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stats_note_products"();
