import { normalizeSearchText, withoutArabicPrefix } from '~/modules/catalog/search-text'

// Therapeutic claims in a listing's text (law 18-05: medicines may not be sold online): the words
// and phrases of `claim_terms`, matched the way search reads text (taswiq_normalize: no accents,
// one form per Arabic letter), word by word so that "cure" does not flag "manicure". Pure, so the
// same rules run in unit tests, in the review queue and on the review page.

/** A term split into normalised words ("ضغط الدم" → ["ضغط", "الدم"]). */
export type ClaimTerm = { term: string; words: string[] }

const WORD = /[\p{L}\p{N}\p{M}]+/gu

export function prepareClaimTerms(terms: readonly string[]): ClaimTerm[] {
  return terms
    .map((term) => ({ term, words: normalizeSearchText(term).match(/[\p{L}\p{N}]+/gu) ?? [] }))
    .filter((t) => t.words.length > 0)
    // Longest phrase first: "ضغط الدم" is highlighted whole, not just "ضغط".
    .sort((a, b) => b.words.length - a.words.length)
}

/**
 * A text word matches a term word when equal, equal without its Arabic article/clitic ("والسكري"
 * ↔ "السكري"), or a longer form of a term word of 5+ letters ("traitements", "remedes").
 */
function wordMatches(textWord: string, termWord: string) {
  if (textWord === termWord) return true
  const bare = withoutArabicPrefix(textWord)
  if (bare === termWord || bare === withoutArabicPrefix(termWord)) return true
  return termWord.length >= 5 && textWord.startsWith(termWord)
}

/** The text cut into pieces, each piece either plain or a claim (with the term it matched). */
export type ClaimSegment = { text: string; term?: string }

export function highlightClaims(text: string, terms: readonly ClaimTerm[]): ClaimSegment[] {
  const tokens = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, norm: normalizeSearchText(m[0]) }))
  const segments: ClaimSegment[] = []
  let cursor = 0
  for (let i = 0; i < tokens.length; ) {
    const term = terms.find((t) => t.words.every((w, k) => i + k < tokens.length && wordMatches(tokens[i + k]!.norm, w)))
    if (!term) {
      i++
      continue
    }
    const start = tokens[i]!.start
    const end = tokens[i + term.words.length - 1]!.end
    if (start > cursor) segments.push({ text: text.slice(cursor, start) })
    segments.push({ text: text.slice(start, end), term: term.term })
    cursor = end
    i += term.words.length
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) })
  return segments
}

/** The distinct terms found in any of the texts, in the order of the list. */
export function findClaims(texts: readonly (string | null | undefined)[], terms: readonly ClaimTerm[]) {
  const found = new Set<string>()
  for (const text of texts) if (text) for (const s of highlightClaims(text, terms)) if (s.term) found.add(s.term)
  return terms.filter((t) => found.has(t.term)).map((t) => t.term)
}
