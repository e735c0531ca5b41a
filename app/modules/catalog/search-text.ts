// The words of a search box, spelled the way the database stores them (taswiq_normalize in
// migration 0011), split into words, and matched against known words for "did you mean …?".
// Pure functions: the same rules run in tests without a database.

const ARABIC_MARKS = /[\u064B-\u0652\u0670\u0640\u0621]/g
const LETTER_FORMS: Record<string, string> = { أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا', ى: 'ي', ئ: 'ي', ؤ: 'و', ة: 'ه', ڤ: 'ف', گ: 'ك' }

/** Lower case, no accents, no Arabic diacritics/tatweel/hamza, one form per letter (as taswiq_normalize). */
export function normalizeSearchText(value: string) {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱىئؤةڤگ]/g, (c) => LETTER_FORMS[c] ?? c)
}

/** Normalised words: letters and digits only ("huile d'olive" → huile, d, olive). */
export function searchWords(value: string) {
  return normalizeSearchText(value).match(/[\p{L}\p{N}]+/gu) ?? []
}

// Arabic clitics before the article: و ب ف ك ل + ال ("والعسل", "بالعسل" → "عسل"), when two letters remain.
const ARABIC_PREFIX = /^(?:[وبفكل]?ال|[وبفكل])(?=\p{L}{2})/u
/** The word without its Arabic article and clitic (unchanged for other words). */
export const withoutArabicPrefix = (word: string) => word.replace(ARABIC_PREFIX, '')

// Words that say nothing about a product in any of the three languages: "miel de montagne" must
// not require "de" in an Arabic title. Kept when the query has nothing else.
const STOPWORDS = new Set([
  'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'a', 'au', 'aux', 'et', 'en', 'un', 'une', 'pour', 'avec', 'sans', 'sur',
  'the', 'of', 'and', 'with', 'for', 'an', 'in', 'from',
  'من', 'في', 'و', 'مع', 'على', 'الى', 'عن',
])
export const isStopword = (word: string) => STOPWORDS.has(word)

/** Optimal string alignment distance (Levenshtein plus a swap of two neighbours as one edit). */
export function editDistance(a: string, b: string) {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/** Edits allowed for a word of this length: none for very short words, one up to 5 letters, two beyond. */
const allowedEdits = (length: number) => (length < 3 ? 0 : length <= 5 ? 1 : 2)

/**
 * The closest known word (normalised), or null when `word` is known or nothing is close enough.
 * Ties go to the shorter word, then the first in `vocabulary` order.
 */
export function closestWord(word: string, vocabulary: readonly string[]) {
  if (vocabulary.includes(word)) return null
  let best: { word: string; distance: number } | null = null
  const limit = allowedEdits(word.length)
  for (const candidate of vocabulary) {
    if (Math.abs(candidate.length - word.length) > limit) continue
    const distance = editDistance(word, candidate)
    if (distance <= limit && (!best || distance < best.distance || (distance === best.distance && candidate.length < best.word.length))) {
      best = { word: candidate, distance }
    }
  }
  return best?.word ?? null
}
