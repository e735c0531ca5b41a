import { index, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core'

// Filled by a data migration from the `algeria-locations` package, so every database — the
// embedded one, CI's, production — holds the same official codes and foreign keys can point here.
export const wilayas = pgTable('wilayas', {
  code: smallint('code').primaryKey(),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
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
  },
  (t) => [index('communes_wilaya_idx').on(t.wilayaCode)],
)
