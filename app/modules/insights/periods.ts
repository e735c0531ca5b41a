// Client-safe: the periods the insights page offers (weeks), and the parser of `?weeks=`.
export const INSIGHT_WEEKS = [4, 12, 26] as const

/** `?weeks=` among the offered periods; anything else is the default (12). */
export function weeksParam(value: string | null) {
  const n = Number(value)
  return (INSIGHT_WEEKS as readonly number[]).includes(n) ? n : 12
}
