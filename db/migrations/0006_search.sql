CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- unaccent() is only STABLE because its dictionary could be swapped; naming the dictionary
-- explicitly makes this wrapper safe to declare IMMUTABLE for the generated column and indexes.
CREATE OR REPLACE FUNCTION public.taswiq_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- One spelling per word for the plain index and trigram matching: lower case, no accents, no Arabic
-- diacritics or tatweel, and the letters people type interchangeably (أ إ آ ٱ → ا, ى → ي, ة → ه).
CREATE OR REPLACE FUNCTION public.taswiq_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(regexp_replace(lower(public.taswiq_unaccent($1)), '[\u064B-\u0652\u0670\u0640]', '', 'g'), 'أإآٱىة', 'اااايه') $$;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('arabic'::regconfig, "title"), 'A')
  || setweight(to_tsvector('french'::regconfig, public.taswiq_unaccent("title")), 'A')
  || setweight(to_tsvector('simple'::regconfig, public.taswiq_normalize("title")), 'A')
  || setweight(to_tsvector('arabic'::regconfig, "description"), 'B')
  || setweight(to_tsvector('french'::regconfig, public.taswiq_unaccent("description")), 'B')
  || setweight(to_tsvector('simple'::regconfig, public.taswiq_normalize("description")), 'B')) STORED;--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search");--> statement-breakpoint
CREATE INDEX "products_title_trgm_idx" ON "products" USING gin (public.taswiq_normalize("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_active_category_published_idx" ON "products" USING btree ("category_id","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "products"."status" = 'active';--> statement-breakpoint
CREATE INDEX "products_active_price_idx" ON "products" USING btree ("price","id") WHERE "products"."status" = 'active';