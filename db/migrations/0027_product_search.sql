-- Issue 17 (decision 030, second round): a narrow search table, one row per public product, kept by
-- triggers in the same transaction as the write. Search reads only this table for its candidates:
-- no join to shops/communes/categories per row, no term resolution round trip — the category's,
-- shop's, commune's and wilaya's names are part of each row's document, so a term is one
-- `doc @@ query` served by one GIN index (before: category_id IN (…) OR shop_id IN (…) OR search @@ …
-- over the 1.5 KB product rows). Positions are stripped (search never asks for phrases or weights;
-- relevance is computed from search_text).
-- A row exists while the product is active and its shop approved; the best-before date, which
-- expires by itself, is kept as a column and tested by the query.
CREATE TABLE "product_search" (
  "product_id" text PRIMARY KEY NOT NULL REFERENCES "products"("id") ON DELETE CASCADE,
  "category_id" text NOT NULL,
  "shop_id" text NOT NULL,
  "wilaya_code" integer,
  "producer_type" "producer_category" NOT NULL,
  "stock" integer NOT NULL,
  "price" bigint NOT NULL,
  "made_to_order_days" smallint NOT NULL,
  "published_at" timestamp with time zone,
  "food_best_before" date,
  "search_text" text NOT NULL,
  "doc" tsvector NOT NULL
) WITH (fillfactor = 90);--> statement-breakpoint
-- The filters' values as lexemes of the document ('#w15': wilaya 15, '#prural_woman', '#ship' or
-- '#order', '#stock', '#c<category>'), so a search with filters is one GIN intersection instead of
-- a scan that drops the rows of other wilayas one by one. The text parser drops '#', so no typed
-- word can produce them; the query tests the columns too.
CREATE OR REPLACE FUNCTION public.taswiq_product_search_facts(category_id text, wilaya_code integer, producer_type text,
    made_to_order_days smallint, stock integer) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(array_remove(array['#c' || category_id, '#w' || wilaya_code, '#p' || producer_type,
    CASE WHEN made_to_order_days > 0 THEN '#order' ELSE '#ship' END, CASE WHEN stock > 0 THEN '#stock' END], NULL)) $$;--> statement-breakpoint
-- The rows of these products, as they are now (removed when no longer public).
CREATE OR REPLACE FUNCTION public.taswiq_product_search_refresh(ids text[]) RETURNS void
  LANGUAGE sql VOLATILE
  AS $$
  DELETE FROM public.product_search ps WHERE ps.product_id = ANY(ids) AND NOT EXISTS (
    SELECT 1 FROM public.products p JOIN public.shops s ON s.id = p.shop_id
    WHERE p.id = ps.product_id AND p.status = 'active' AND s.status = 'approved');
  INSERT INTO public.product_search ("product_id", "category_id", "shop_id", "wilaya_code", "producer_type", "stock", "price",
      "made_to_order_days", "published_at", "food_best_before", "search_text", "doc")
    SELECT p.id, p.category_id, p.shop_id, cm.wilaya_code, s.producer_category, p.stock, p.price,
      p.made_to_order_days, p.published_at, p.food_best_before, coalesce(p.search_text, ''),
      strip(p.search || c.search || s.search || coalesce(cm.search, ''::tsvector) || coalesce(w.search, ''::tsvector))
        || public.taswiq_product_search_facts(p.category_id, cm.wilaya_code, s.producer_category::text, p.made_to_order_days, p.stock)
    FROM public.products p
      JOIN public.shops s ON s.id = p.shop_id
      JOIN public.categories c ON c.id = p.category_id
      LEFT JOIN public.communes cm ON cm.code = s.commune_code
      LEFT JOIN public.wilayas w ON w.code = cm.wilaya_code
    WHERE p.id = ANY(ids) AND p.status = 'active' AND s.status = 'approved'
  ON CONFLICT ("product_id") DO UPDATE SET "category_id" = excluded."category_id", "shop_id" = excluded."shop_id",
    "wilaya_code" = excluded."wilaya_code", "producer_type" = excluded."producer_type", "stock" = excluded."stock",
    "price" = excluded."price", "made_to_order_days" = excluded."made_to_order_days", "published_at" = excluded."published_at",
    "food_best_before" = excluded."food_best_before", "search_text" = excluded."search_text", "doc" = excluded."doc";
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.taswiq_product_search_products() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
  PERFORM public.taswiq_product_search_refresh(array(SELECT id FROM changed_rows));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_search_on_insert" AFTER INSERT ON "products"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.taswiq_product_search_products();--> statement-breakpoint
CREATE TRIGGER "product_search_on_update" AFTER UPDATE ON "products"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.taswiq_product_search_products();--> statement-breakpoint
-- A shop approved, suspended, renamed, moved or recategorised: its products' rows follow.
CREATE OR REPLACE FUNCTION public.taswiq_product_search_shops() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
  PERFORM public.taswiq_product_search_refresh(array(SELECT p.id FROM public.products p WHERE p.shop_id IN (
    SELECT n.id FROM changed_rows n JOIN previous_rows o ON o.id = n.id
    WHERE (n.status, n.name, n.commune_code, n.producer_category) IS DISTINCT FROM (o.status, o.name, o.commune_code, o.producer_category))));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_search_on_shop_update" AFTER UPDATE ON "shops"
  REFERENCING NEW TABLE AS changed_rows OLD TABLE AS previous_rows FOR EACH STATEMENT EXECUTE FUNCTION public.taswiq_product_search_shops();--> statement-breakpoint
-- A category renamed (in any language): its products' rows follow.
CREATE OR REPLACE FUNCTION public.taswiq_product_search_categories() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
  PERFORM public.taswiq_product_search_refresh(array(SELECT p.id FROM public.products p WHERE p.category_id IN (
    SELECT n.id FROM changed_rows n JOIN previous_rows o ON o.id = n.id WHERE n.search IS DISTINCT FROM o.search)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_search_on_category_update" AFTER UPDATE ON "categories"
  REFERENCING NEW TABLE AS changed_rows OLD TABLE AS previous_rows FOR EACH STATEMENT EXECUTE FUNCTION public.taswiq_product_search_categories();--> statement-breakpoint
SELECT public.taswiq_product_search_refresh(array(SELECT id FROM public.products WHERE status = 'active'));--> statement-breakpoint
-- Built after the rows, and without a pending list (fastupdate off): a search never scans a list of
-- recent, unmerged entries (0.5 MB of them cost 3 ms per query before a vacuum), and a stock or
-- price change rewrites the row in place (HOT: indexed columns unchanged), touching no index.
CREATE INDEX "product_search_doc_idx" ON "product_search" USING gin ("doc") WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "product_search_text_trgm_idx" ON "product_search" USING gin ("search_text" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "product_search_shop_idx" ON "product_search" USING btree ("shop_id");--> statement-breakpoint
ANALYZE "product_search";
