import { sql } from 'drizzle-orm'
import { index, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core'
import { tsvector } from './_columns'

// Filled by a data migration from the `algeria-locations` package, so every database — the
// embedded one, CI's, production — holds the same official codes and foreign keys can point here.
export const wilayas = pgTable('wilayas', {
  code: smallint('code').primaryKey(),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
  /** Both names as a search document (migration 0011): "tizi ouzou" finds the products made there. */
  search: tsvector('search').generatedAlwaysAs(sql.raw(`public.taswiq_search_doc("name_ar" || ' ' || "name_fr")`)),
})

export const communes = pgTable(
  'communes',
  {
    code: text('code').primaryKey(),
    wilayaCode: smallint('wilaya_code')
      .notNull()
      .references(() => wilayas.code),
    nameAr: text('name_ar').notNull(),
    nameFr: text('name_fr').notNull(),
    position: integer('position').notNull(),
    search: tsvector('search').generatedAlwaysAs(sql.raw(`public.taswiq_search_doc("name_ar" || ' ' || "name_fr")`)),
  },
  (t) => [index('communes_wilaya_idx').on(t.wilayaCode), index('communes_search_idx').using('gin', t.search)],
)
