import { describe, expect, it } from 'vitest'
import { findClaims, highlightClaims, prepareClaimTerms } from './claims'

const terms = prepareClaimTerms(['يشفي', 'السكري', 'ضغط الدم', 'guérit', 'traitement', 'cure', 'blood pressure'])

describe('claims in a listing text', () => {
  it('finds words across accents, Arabic letter forms and clitics, and whole phrases', () => {
    expect(findClaims(['Miel qui GUERIT la toux'], terms)).toEqual(['guérit'])
    expect(findClaims(['عسل يَشفي من السعال', 'مفيد لمرضى والسكري'], terms)).toEqual(['يشفي', 'السكري'])
    expect(findClaims(['يخفض ضغط   الدم'], terms)).toEqual(['ضغط الدم'])
    expect(findClaims(['Lowers blood pressure', 'Deux traitements par jour'], terms)).toEqual(['blood pressure', 'traitement'])
  })

  it('does not flag a word that merely contains a short term', () => {
    expect(findClaims(['Kit de manicure', 'Curry doux', 'ضغط خفيف'], terms)).toEqual([])
  })

  it('cuts the text into plain and claim pieces that put the original back together', () => {
    const text = 'Savon naturel, guérit tout ! يخفض ضغط الدم.'
    const segments = highlightClaims(text, terms)
    expect(segments.map((s) => s.text).join('')).toBe(text)
    expect(segments.filter((s) => s.term)).toEqual([
      { text: 'guérit', term: 'guérit' },
      { text: 'ضغط الدم', term: 'ضغط الدم' },
    ])
    expect(highlightClaims('Rien à signaler', terms)).toEqual([{ text: 'Rien à signaler' }])
  })
})
