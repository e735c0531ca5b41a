-- Issue 20. Options (variants): a product may have up to two option types (size × colour…), each
-- combination its own price, stock, SKU and photo. A product without options has no variant rows:
-- the product row is its one implicit variant (its price and stock, exactly as before), so existing
-- data needs no copy and nothing can be lost (docs/decisions/019-variants.md). For a product with
-- options, products.price and products.stock are a summary kept by a trigger (cheapest price, total
-- stock): listing cards, search and filters read the product row as they always did.
ALTER TABLE "products" ADD COLUMN "option1_name" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "option2_name" text;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_options_check" CHECK ("products"."option2_name" is null or "products"."option1_name" is not null);--> statement-breakpoint
CREATE TABLE "product_variants" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"option1" text NOT NULL,
	"option2" text,
	"price" bigint NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"sku" text,
	"image_id" text,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_variants_price_check" CHECK ("product_variants"."price" > 0),
	CONSTRAINT "product_variants_stock_check" CHECK ("product_variants"."stock" >= 0),
	CONSTRAINT "product_variants_options_key" UNIQUE NULLS NOT DISTINCT ("product_id", "option1", "option2")
);
--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_image_id_product_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."product_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_variants_product_idx" ON "product_variants" USING btree ("product_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "product_variants_product_sku_idx" ON "product_variants" USING btree ("product_id","sku") WHERE "product_variants"."sku" is not null;--> statement-breakpoint
-- The product row's summary of its variants, kept by the database for every writer (checkout's
-- decrement, cancellation, the grid, CSV import): the cheapest price and the total stock.
CREATE FUNCTION "product_variants_summary"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pid text;
BEGIN
  IF TG_OP = 'DELETE' THEN pid := OLD.product_id; ELSE pid := NEW.product_id; END IF;
  UPDATE "products" p SET "price" = s.min_price, "stock" = s.total_stock
  FROM (SELECT min("price") AS min_price, sum("stock")::int AS total_stock FROM "product_variants" WHERE "product_id" = pid) s
  WHERE p."id" = pid AND s.min_price IS NOT NULL
    AND (p."price" IS DISTINCT FROM s.min_price OR p."stock" IS DISTINCT FROM s.total_stock);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_variants_summary" AFTER INSERT OR UPDATE OR DELETE ON "product_variants" FOR EACH ROW EXECUTE FUNCTION "product_variants_summary"();--> statement-breakpoint
-- Cart lines, order lines and stock movements name the variant (null: the product without options).
ALTER TABLE "cart_items" ADD COLUMN "variant_id" text;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP INDEX "cart_items_cart_product_idx";--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_line_key" UNIQUE NULLS NOT DISTINCT ("cart_id", "product_id", "variant_id");--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "variant_id" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "variant_label" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "sku" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_items_variant_idx" ON "order_items" USING btree ("variant_id") WHERE "order_items"."variant_id" is not null;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "variant_id" text;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Food information: categories flagged as food require it on their products.
ALTER TABLE "categories" ADD COLUMN "food" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "food_ingredients" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "food_allergens" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "food_net_quantity" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "food_batch" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "food_best_before" date;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "food_storage" text;--> statement-breakpoint
UPDATE "categories" SET "food" = true WHERE "slug" IN ('couscous-pasta', 'honey', 'herbs-spices', 'olive-oil', 'traditional-sweets');--> statement-breakpoint
-- Therapeutic claims the moderators must see (law 18-05: no medicines sold online). Editable by
-- moderators; matched on the normalised text (public.taswiq_normalize, as search does).
CREATE TABLE "claim_terms" (
	"id" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"term_norm" text GENERATED ALWAYS AS (public.taswiq_normalize("term")) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_terms_norm_idx" ON "claim_terms" USING btree ("term_norm");--> statement-breakpoint
INSERT INTO "claim_terms" ("id", "term") VALUES
  ('claim_ar_01', 'يشفي'), ('claim_ar_02', 'شفاء'), ('claim_ar_03', 'علاج'), ('claim_ar_04', 'يعالج'), ('claim_ar_05', 'دواء'),
  ('claim_ar_06', 'السكري'), ('claim_ar_07', 'السرطان'), ('claim_ar_08', 'ضغط الدم'), ('claim_ar_09', 'الكولسترول'), ('claim_ar_10', 'العقم'),
  ('claim_ar_11', 'الروماتيزم'), ('claim_ar_12', 'يقضي على'), ('claim_ar_13', 'مضاد حيوي'), ('claim_ar_14', 'الربو'),
  ('claim_fr_01', 'guérit'), ('claim_fr_02', 'guérison'), ('claim_fr_03', 'traitement'), ('claim_fr_04', 'soigne'), ('claim_fr_05', 'remède'),
  ('claim_fr_06', 'médicament'), ('claim_fr_07', 'diabète'), ('claim_fr_08', 'cancer'), ('claim_fr_09', 'hypertension'), ('claim_fr_10', 'cholestérol'),
  ('claim_fr_11', 'infertilité'), ('claim_fr_12', 'rhumatisme'), ('claim_fr_13', 'antibiotique'), ('claim_fr_14', 'asthme'),
  ('claim_en_01', 'cures'), ('claim_en_02', 'cure'), ('claim_en_03', 'heals'), ('claim_en_04', 'treatment'), ('claim_en_05', 'remedy'),
  ('claim_en_06', 'medicine'), ('claim_en_07', 'diabetes'), ('claim_en_08', 'blood pressure'),
  ('claim_en_10', 'infertility'), ('claim_en_11', 'arthritis'), ('claim_en_12', 'antibiotic'), ('claim_en_13', 'asthma')
ON CONFLICT DO NOTHING;
