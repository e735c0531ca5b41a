import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { localCells } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'
import { getCommune } from '~/modules/geo/geo.server'
import { rowsOf } from '~/utils/db.server'

// "Near me" (issue 22, decision 021): a visitor picks her wilaya (and commune) and gets the
// producers there and the ministry's local cells — a list, no map service. Admins keep the cells.

export type LocalCell = typeof localCells.$inferSelect

/** Approved shops with a public page in the place, the commune's first, at most `limit`. */
export function producersNear(db: DbOrTx, { wilayaCode, communeCode, limit = 60 }: { wilayaCode: number; communeCode?: string | null; limit?: number }) {
  return rowsOf<{ slug: string; name: string; communeCode: string; communeNameAr: string; communeNameFr: string; producerCategory: string; products: number }>(
    db,
    sql`select s.slug, s.name, s.commune_code as "communeCode", c.name_ar as "communeNameAr", c.name_fr as "communeNameFr", s.producer_category as "producerCategory",
          (select count(*)::int from products p where p.shop_id = s.id and p.status = 'active') as products
        from shops s join communes c on c.code = s.commune_code
        where s.status = 'approved' and c.wilaya_code = ${wilayaCode}
        order by (s.commune_code = ${communeCode ?? ''}) desc, products desc, s.name
        limit ${limit}`,
  )
}

/** The wilaya's cells, the commune's first. */
export function cellsNear(db: DbOrTx, { wilayaCode, communeCode }: { wilayaCode: number; communeCode?: string | null }) {
  return db
    .select()
    .from(localCells)
    .where(eq(localCells.wilayaCode, wilayaCode))
    .orderBy(sql`(${localCells.communeCode} = ${communeCode ?? ''}) desc nulls last`, asc(localCells.name))
}

export function listLocalCells(db: DbOrTx) {
  return db.select().from(localCells).orderBy(asc(localCells.wilayaCode), asc(localCells.name))
}

export type LocalCellInput = { wilayaCode: number; communeCode?: string | null; name: string; address: string; phone: string; hours: string }

export async function addLocalCell(db: Db, { adminId, ...input }: LocalCellInput & { adminId: string }) {
  const commune = input.communeCode ? getCommune(input.communeCode) : null
  if (input.communeCode && commune?.wilayaCode !== input.wilayaCode) throw new Error('commune outside the wilaya')
  return db.transaction(async (tx) => {
    const [cell] = await tx.insert(localCells).values({ ...input, communeCode: input.communeCode || null }).returning()
    await writeAudit(tx, { actorId: adminId, action: 'local_cell.add', targetType: 'local_cell', targetId: cell!.id, details: { name: input.name, wilayaCode: input.wilayaCode } })
    return cell!
  })
}

export async function removeLocalCell(db: Db, { adminId, cellId }: { adminId: string; cellId: string }) {
  await db.transaction(async (tx) => {
    const [cell] = await tx.delete(localCells).where(and(eq(localCells.id, cellId))).returning()
    if (cell) await writeAudit(tx, { actorId: adminId, action: 'local_cell.remove', targetType: 'local_cell', targetId: cellId, details: { name: cell.name } })
  })
}
