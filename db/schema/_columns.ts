import { createId } from '@paralleldrive/cuid2'
import { customType, text, timestamp } from 'drizzle-orm/pg-core'

/** Text primary key made of a cuid2: unguessable, sortable enough, safe in URLs. */
export const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => createId())

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date())

/** A full-text search document (always a generated column here: the database keeps it). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })
