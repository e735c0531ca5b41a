import { asc, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '#db/client'
import { categories } from '#db/schema'
import { writeAudit } from '~/modules/audit/audit.server'

// Which categories are food (their products must state ingredients, allergens, best-before…;
// decision 019). Admins set the flag; every change is audited.

export async function listFoodFlags(db: DbOrTx) {
  return db
    .select({ id: categories.id, nameAr: categories.nameAr, nameFr: categories.nameFr, nameEn: categories.nameEn, food: categories.food })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.nameFr))
}

/** Sets a category's food flag (the caller has checked the admin role); false when the category is unknown. */
export async function setCategoryFood(db: Db, { categoryId, food, actorId, ip }: { categoryId: string; food: boolean; actorId: string; ip: string | null }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(categories).set({ food }).where(eq(categories.id, categoryId)).returning({ id: categories.id })
    if (!row) return false
    await writeAudit(tx, { actorId, action: food ? 'category.food_on' : 'category.food_off', targetType: 'category', targetId: categoryId, ip })
    return true
  })
}
