-- Issue 17 (decision 030, third round): search ranks in SQL and returns only the page.
-- 1. `title_words` (generated from search_text): the words of the normalised titles (search_text) as exact lexemes, each also
--    without its Arabic article/clitic ("والعسل" → والعسل, عسل), so a candidate's relevance is one
--    tsvector match per term (`'miel':* | 'mie' …`) instead of splitting 200 titles in Node.
--    Words are runs of letters and digits of the scripts the catalog is written in (Latin, Greek,
--    Cyrillic, Arabic, Tifinagh), spelled out as ranges so PostgreSQL and PGlite split alike
--    whatever the database's locale ([[:alnum:]] follows LC_CTYPE; in the C locale it is ASCII only).
-- 2. `sales_90d` and `rating`: the tie-break's popularity, refreshed by the hourly
--    `search-popularity` job (the 90-day window moves by itself: no trigger can keep it); a new
--    row holds 0 until the next run.
CREATE OR REPLACE FUNCTION public.taswiq_title_words(search_text text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_to_tsvector(array_agg(DISTINCT x.word)), ''::tsvector) FROM (
    SELECT w.word FROM regexp_split_to_table($1, '[^0-9a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1\u0370-\u0373\u0376-\u03ff\u0400-\u0481\u048a-\u052f\u0620-\u064a\u0660-\u0669\u066e-\u066f\u0671-\u06d3\u06d5\u06e5-\u06e6\u06ee-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\u2d30-\u2d6f\ufb50-\ufdfb\ufe70-\ufefc]+') AS w(word)
    UNION ALL
    SELECT regexp_replace(w.word, '^(?:[وبفكل]?ال|[وبفكل])(?=[\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5]{2})', '') FROM regexp_split_to_table($1, '[^0-9a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1\u0370-\u0373\u0376-\u03ff\u0400-\u0481\u048a-\u052f\u0620-\u064a\u0660-\u0669\u066e-\u066f\u0671-\u06d3\u06d5\u06e5-\u06e6\u06ee-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\u2d30-\u2d6f\ufb50-\ufdfb\ufe70-\ufefc]+') AS w(word)
  ) x WHERE x.word <> '' $$;--> statement-breakpoint
ALTER TABLE "product_search" ADD COLUMN "sales_90d" integer NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE "product_search" ADD COLUMN "rating" double precision NOT NULL DEFAULT 0;--> statement-breakpoint
-- Units sold since `since` (orders not cancelled, returned or unpaid) and the average rating, for
-- every row of the search table; rewrites only the rows whose figures changed.
CREATE OR REPLACE FUNCTION public.taswiq_product_search_popularity(since timestamptz) RETURNS integer
  LANGUAGE sql VOLATILE
  AS $$
  WITH sold AS (
    SELECT oi.product_id, sum(oi.quantity)::int AS sales FROM public.order_items oi JOIN public.orders o ON o.id = oi.order_id
    WHERE o.created_at >= since AND o.status NOT IN ('cancelled', 'returned', 'awaiting_payment') GROUP BY oi.product_id),
  rated AS (SELECT r.product_id, avg(r.rating)::double precision AS rating FROM public.reviews r GROUP BY r.product_id),
  figures AS (
    SELECT ps.product_id, coalesce(sold.sales, 0) AS sales, coalesce(rated.rating, 0) AS rating FROM public.product_search ps
      LEFT JOIN sold ON sold.product_id = ps.product_id LEFT JOIN rated ON rated.product_id = ps.product_id),
  changed AS (
    UPDATE public.product_search ps SET "sales_90d" = f.sales, "rating" = f.rating FROM figures f
    WHERE f.product_id = ps.product_id AND (ps."sales_90d", ps."rating") IS DISTINCT FROM (f.sales, f.rating) RETURNING 1)
  SELECT count(*)::int FROM changed;
$$;--> statement-breakpoint
SELECT public.taswiq_product_search_popularity(now() - interval '90 days');--> statement-breakpoint
-- Added last, as a stored generated column: computing it rewrites the table once, which also drops
-- the dead rows the popularity update just left (an UPDATE of every row would double the heap
-- until a vacuum), and the triggers' refresh function needs no change.
ALTER TABLE "product_search" ADD COLUMN "title_words" tsvector GENERATED ALWAYS AS (public.taswiq_title_words("search_text")) STORED NOT NULL;--> statement-breakpoint
ANALYZE "product_search";
