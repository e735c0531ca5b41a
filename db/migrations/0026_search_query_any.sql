-- Issue 17 (decision 030): the text query of one search term, over all its alternatives at once
-- ("miel" → miel, عسل, honey), each in the three ways of taswiq_search_query, without repeats.
-- Concatenating taswiq_search_query per alternative repeated every lexeme the three ways agree on
-- ('miel' | 'miel' | 'miel' | 'عسل' | 'عسل' | 'عسل' …), and the candidate scan evaluates that
-- query on every row it reads: half its CPU was spent on the repeats. Same matches, fewer branches.
-- NULL when no alternative has a word the configurations keep (the caller then skips the text test).
CREATE OR REPLACE FUNCTION public.taswiq_search_query_any(text[]) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ')::tsquery
    FROM unnest($1) AS a(word),
      LATERAL (VALUES (plainto_tsquery('arabic'::regconfig, a.word)),
                      (plainto_tsquery('french'::regconfig, public.taswiq_unaccent(a.word))),
                      (plainto_tsquery('simple'::regconfig, public.taswiq_normalize(a.word)))) AS v(q)
    WHERE numnode(v.q) > 0 $$;
