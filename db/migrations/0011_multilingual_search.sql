-- Issue 17: products in several languages, search over every version and the catalog's own words.
-- One spelling per word, now also for the hamza carriers and the letters borrowed from Persian that
-- Algerian writing uses: أ إ آ ٱ → ا, ى ئ → ي, ؤ → و, ء dropped, ة → ه, ڤ → ف, گ → ك; no diacritics
-- or tatweel; lower case without accents. Everything that stores its result is rebuilt below.
CREATE OR REPLACE FUNCTION public.taswiq_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(regexp_replace(lower(public.taswiq_unaccent($1)), '[\u064B-\u0652\u0670\u0640\u0621]', '', 'g'), 'أإآٱىئؤةڤگ', 'ااااييوهفك') $$;--> statement-breakpoint
-- A text indexed three ways (Arabic stems, French stems without accents, plain normalised words):
-- the one document shape for products, categories, shops and places.
CREATE OR REPLACE FUNCTION public.taswiq_search_doc(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT to_tsvector('arabic'::regconfig, $1)
    || to_tsvector('french'::regconfig, public.taswiq_unaccent($1))
    || to_tsvector('simple'::regconfig, public.taswiq_normalize($1)) $$;--> statement-breakpoint
-- The matching query: the words of $1 in any of the three ways, ANDed inside each.
CREATE OR REPLACE FUNCTION public.taswiq_search_query(text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT plainto_tsquery('arabic'::regconfig, $1)
    || plainto_tsquery('french'::regconfig, public.taswiq_unaccent($1))
    || plainto_tsquery('simple'::regconfig, public.taswiq_normalize($1)) $$;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "title_ar" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "title_fr" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "description_ar" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "description_fr" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "description_en" text;--> statement-breakpoint
DROP INDEX IF EXISTS "products_title_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "products_search_idx";--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(public.taswiq_search_doc("title" || ' ' || coalesce("title_ar", '') || ' ' || coalesce("title_fr", '') || ' ' || coalesce("title_en", '')), 'A')
  || setweight(public.taswiq_search_doc("description" || ' ' || coalesce("description_ar", '') || ' ' || coalesce("description_fr", '') || ' ' || coalesce("description_en", '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_text" text GENERATED ALWAYS AS (public.taswiq_normalize("title" || ' ' || coalesce("title_ar", '') || ' ' || coalesce("title_fr", '') || ' ' || coalesce("title_en", ''))) STORED;--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search");--> statement-breakpoint
CREATE INDEX "products_search_text_trgm_idx" ON "products" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (public.taswiq_search_doc("name_ar" || ' ' || "name_fr" || ' ' || "name_en")) STORED;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (public.taswiq_search_doc("name")) STORED;--> statement-breakpoint
CREATE INDEX "shops_search_idx" ON "shops" USING gin ("search");--> statement-breakpoint
ALTER TABLE "wilayas" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (public.taswiq_search_doc("name_ar" || ' ' || "name_fr")) STORED;--> statement-breakpoint
ALTER TABLE "communes" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (public.taswiq_search_doc("name_ar" || ' ' || "name_fr")) STORED;--> statement-breakpoint
CREATE INDEX "communes_search_idx" ON "communes" USING gin ("search");--> statement-breakpoint
-- The field's words across languages: each group is one meaning (عسل, miel, honey). Moderators add
-- and remove groups at /moderation/search-words; search expands a query word to its whole group.
CREATE TABLE "search_synonyms" (
  "id" text PRIMARY KEY NOT NULL,
  "group_id" text NOT NULL,
  "term" text NOT NULL,
  "term_norm" text GENERATED ALWAYS AS (public.taswiq_normalize("term")) STORED,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "search_synonyms_group_term_idx" ON "search_synonyms" USING btree ("group_id","term_norm");--> statement-breakpoint
CREATE INDEX "search_synonyms_term_idx" ON "search_synonyms" USING btree ("term_norm");--> statement-breakpoint
INSERT INTO "search_synonyms" ("id", "group_id", "term")
SELECT 'syn_' || g.grp || '_' || t.ord, 'seed_' || g.grp, t.term
FROM (VALUES
  ('honey', ARRAY['عسل', 'miel', 'honey']),
  ('couscous', ARRAY['كسكس', 'كسكسي', 'couscous', 'seksou']),
  ('pottery', ARRAY['فخار', 'poterie', 'pottery', 'céramique', 'ceramic']),
  ('soap', ARRAY['صابون', 'savon', 'soap']),
  ('olive_oil', ARRAY['زيت الزيتون', 'huile d''olive', 'olive oil']),
  ('olive', ARRAY['زيتون', 'olive', 'olives']),
  ('embroidery', ARRAY['طرز', 'تطريز', 'broderie', 'brodé', 'embroidery', 'embroidered']),
  ('pastries', ARRAY['حلويات', 'حلوى', 'gâteaux', 'gâteau', 'pâtisserie', 'pastries', 'sweets', 'cakes']),
  ('herbs', ARRAY['أعشاب', 'عشبة', 'herbes', 'herbe', 'herbs']),
  ('spices', ARRAY['توابل', 'بهارات', 'épices', 'spices']),
  ('baskets', ARRAY['سلة', 'سلال', 'حلفاء', 'vannerie', 'panier', 'paniers', 'basket', 'baskets']),
  ('jewellery', ARRAY['حلي', 'مجوهرات', 'bijoux', 'bijou', 'jewellery', 'jewelry']),
  ('silver', ARRAY['فضة', 'argent', 'silver']),
  ('carpet', ARRAY['زربية', 'tapis', 'carpet', 'rug']),
  ('dates', ARRAY['تمر', 'تمور', 'dattes', 'datte', 'dates']),
  ('mountain', ARRAY['جبل', 'جبال', 'جبلي', 'montagne', 'mountain']),
  ('jar', ARRAY['جرة', 'jarre', 'jar']),
  ('tajine', ARRAY['طاجين', 'tajine', 'tadjine', 'tagine']),
  ('bread', ARRAY['خبز', 'مطلوع', 'galette', 'pain', 'bread']),
  ('wool', ARRAY['صوف', 'laine', 'wool']),
  ('dress', ARRAY['قندورة', 'جبة', 'robe', 'gandoura', 'dress']),
  ('perfume', ARRAY['عطر', 'parfum', 'perfume']),
  ('henna', ARRAY['حناء', 'henné', 'henna']),
  ('natural', ARRAY['طبيعي', 'naturel', 'natural']),
  ('handmade', ARRAY['يدوي', 'صنع يدوي', 'fait main', 'artisanal', 'handmade'])
) AS g(grp, terms)
CROSS JOIN LATERAL unnest(g.terms) WITH ORDINALITY AS t(term, ord);
