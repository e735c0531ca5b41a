import { createId } from '@paralleldrive/cuid2'
import { asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '#db/client'
import { categories, searchSynonyms } from '#db/schema'
import { normalizeSearchText, searchWords } from './search-text'

// The search dictionary: groups of words that mean the same across Arabic, French and English
// (عسل ↔ miel ↔ honey), kept in `search_synonyms` so moderators extend it without a deploy.
// Every search reads it, so it is held in memory for a minute; a change made through this module
// clears this process's copy at once (other processes see it within the minute).

export const MAX_GROUP_TERMS = 12
export const MAX_TERM_LENGTH = 40

export type SearchVocabulary = {
  /** Normalised term → the other terms of its groups (as written, for the full-text query). */
  synonyms: Map<string, string[]>
  /** Normalised terms of more than one word, longest first ("huile d olive"). */
  phrases: string[][]
  /** Every known normalised word (dictionary and category names): the "did you mean" candidates. */
  words: string[]
}

const CACHE_MS = 60_000
let cached: { at: number; vocabulary: Promise<SearchVocabulary> } | null = null

export function clearSearchVocabulary() {
  cached = null
}

export function getSearchVocabulary(db: DbOrTx, now = Date.now()) {
  if (!cached || now - cached.at > CACHE_MS) {
    const vocabulary = loadVocabulary(db)
    cached = { at: now, vocabulary }
    vocabulary.catch(() => (cached = null))
  }
  return cached.vocabulary
}

async function loadVocabulary(db: DbOrTx): Promise<SearchVocabulary> {
  const [rows, categoryRows] = await Promise.all([
    db.select({ groupId: searchSynonyms.groupId, term: searchSynonyms.term }).from(searchSynonyms),
    db.select({ ar: categories.nameAr, fr: categories.nameFr, en: categories.nameEn }).from(categories),
  ])
  const groups = new Map<string, string[]>()
  for (const row of rows) groups.set(row.groupId, [...(groups.get(row.groupId) ?? []), row.term])
  const synonyms = new Map<string, string[]>()
  for (const terms of groups.values()) {
    for (const term of terms) {
      const key = searchWords(term).join(' ')
      synonyms.set(key, [...new Set([...(synonyms.get(key) ?? []), ...terms])])
    }
  }
  const phrases = [...synonyms.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')).sort((a, b) => b.length - a.length)
  const words = new Set<string>()
  for (const key of synonyms.keys()) for (const word of key.split(' ')) words.add(word)
  for (const c of categoryRows) for (const word of searchWords(`${c.ar} ${c.fr} ${c.en}`)) if (word.length > 2) words.add(word)
  return { synonyms, phrases, words: [...words] }
}

export type SynonymGroup = { groupId: string; terms: { id: string; term: string }[] }

/** Every group with its terms, for the moderators' page (alphabetical by first term). */
export async function listSynonymGroups(db: DbOrTx): Promise<SynonymGroup[]> {
  const rows = await db
    .select({ id: searchSynonyms.id, groupId: searchSynonyms.groupId, term: searchSynonyms.term })
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.groupId), asc(searchSynonyms.createdAt), asc(searchSynonyms.id))
  const groups = new Map<string, SynonymGroup>()
  for (const row of rows) {
    const group = groups.get(row.groupId) ?? { groupId: row.groupId, terms: [] }
    group.terms.push({ id: row.id, term: row.term })
    groups.set(row.groupId, group)
  }
  return [...groups.values()].sort((a, b) => (a.terms[0]?.term ?? '').localeCompare(b.terms[0]?.term ?? ''))
}

export class InvalidSynonymGroupError extends Error {
  constructor() {
    super('A synonym group needs at least two different terms')
    this.name = 'InvalidSynonymGroupError'
  }
}

/** The distinct terms of a typed list ("عسل, miel, honey" or one per line), or an error. */
export function parseSynonymTerms(text: string) {
  const seen = new Set<string>()
  const terms: string[] = []
  for (const raw of text.split(/[,،;\n]/)) {
    const term = raw.replace(/\s+/g, ' ').trim()
    const key = normalizeSearchText(term)
    if (!term || !/[\p{L}\p{N}]/u.test(term) || term.length > MAX_TERM_LENGTH || seen.has(key)) continue
    seen.add(key)
    terms.push(term)
  }
  if (terms.length < 2 || terms.length > MAX_GROUP_TERMS) throw new InvalidSynonymGroupError()
  return terms
}

/** Adds a group of words that mean the same; search uses it from the next query on. */
export async function addSynonymGroup(db: DbOrTx, terms: string[]) {
  const groupId = createId()
  await db.insert(searchSynonyms).values(terms.map((term) => ({ groupId, term })))
  clearSearchVocabulary()
  return groupId
}

/** Removes a whole group. */
export async function removeSynonymGroup(db: DbOrTx, groupId: string) {
  const removed = await db.delete(searchSynonyms).where(eq(searchSynonyms.groupId, groupId)).returning({ id: searchSynonyms.id })
  clearSearchVocabulary()
  return removed.length > 0
}
