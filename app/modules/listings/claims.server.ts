import { createId } from '@paralleldrive/cuid2'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { claimTerms, products, productVariants } from '#db/schema'
import { normalizeSearchText } from '~/modules/catalog/search-text'
import { findClaims, prepareClaimTerms, type ClaimTerm } from './claims'

// The moderators' list of therapeutic claims (claim_terms, seeded by migration 0016 in Arabic,
// French and English) and the listings' text checked against it: a listing whose text holds one
// is flagged in the review queue and its words are highlighted on the review page
// (docs/decisions/026-claims-bulk-capacity.md). Read at each review, so an edit of the list
// applies to the next page load, and to listings already waiting.

export const MAX_CLAIM_TERM_LENGTH = 60
export const MAX_CLAIM_TERMS_PER_ADD = 20

export class InvalidClaimTermsError extends Error {
  constructor() {
    super('Enter one to 20 words or phrases of at most 60 characters')
    this.name = 'InvalidClaimTermsError'
  }
}

export function listClaimTerms(db: DbOrTx) {
  return db.select({ id: claimTerms.id, term: claimTerms.term }).from(claimTerms).orderBy(asc(claimTerms.termNorm))
}

export async function loadClaimTerms(db: DbOrTx): Promise<ClaimTerm[]> {
  return prepareClaimTerms((await listClaimTerms(db)).map((row) => row.term))
}

/** "guérit، يشفي\ncures" → the distinct terms (commas, Arabic commas or lines); throws when none or too many/long. */
export function parseClaimTerms(input: string) {
  const terms = [...new Set(input.split(/[,،\n\r]+/).map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))]
  if (terms.length === 0 || terms.length > MAX_CLAIM_TERMS_PER_ADD) throw new InvalidClaimTermsError()
  // Words only (letters and their marks, spaces, hyphens, apostrophes), two letters at least:
  // nothing that could never appear as a word in a listing (markup, digits, invisible controls).
  if (terms.some((t) => t.length > MAX_CLAIM_TERM_LENGTH || !/^[\p{L}\p{M}' ’-]+$/u.test(t) || (normalizeSearchText(t).match(/\p{L}/gu) ?? []).length < 2))
    throw new InvalidClaimTermsError()
  return terms
}

/** Adds terms; one already in the list (same normalised spelling) is skipped. Returns how many were new. */
export async function addClaimTerms(db: DbOrTx, terms: string[]) {
  const inserted = await db
    .insert(claimTerms)
    .values(terms.map((term) => ({ id: createId(), term })))
    .onConflictDoNothing()
    .returning({ id: claimTerms.id })
  return inserted.length
}

export async function removeClaimTerm(db: DbOrTx, id: string) {
  const deleted = await db.delete(claimTerms).where(eq(claimTerms.id, id)).returning({ id: claimTerms.id })
  return deleted.length > 0
}

/** Every text a buyer reads on the listing: title, description, their versions, option names and values. */
async function listingTexts(db: DbOrTx, productIds: string[]) {
  if (productIds.length === 0) return new Map<string, string[]>()
  const [rows, variants] = await Promise.all([
    db
      .select({
        id: products.id,
        texts: sql<(string | null)[]>`array[${products.title}, ${products.description}, ${products.titleAr}, ${products.titleFr}, ${products.titleEn}, ${products.descriptionAr}, ${products.descriptionFr}, ${products.descriptionEn}, ${products.option1Name}, ${products.option2Name}, ${products.foodIngredients}, ${products.foodStorage}]`,
      })
      .from(products)
      .where(inArray(products.id, productIds)),
    db
      .select({ productId: productVariants.productId, option1: productVariants.option1, option2: productVariants.option2 })
      .from(productVariants)
      .where(inArray(productVariants.productId, productIds)),
  ])
  const map = new Map(rows.map((row) => [row.id, row.texts.filter((t): t is string => !!t)]))
  for (const v of variants) map.get(v.productId)?.push(v.option1, ...(v.option2 ? [v.option2] : []))
  return map
}

/** Product id → the claim terms its text holds (only products with at least one). */
export async function claimsOfListings(db: DbOrTx, productIds: string[], terms?: ClaimTerm[]) {
  const [list, texts] = await Promise.all([terms ? Promise.resolve(terms) : loadClaimTerms(db), listingTexts(db, productIds)])
  const result = new Map<string, string[]>()
  for (const [id, values] of texts) {
    const found = findClaims(values, list)
    if (found.length) result.set(id, found)
  }
  return result
}
