// Calendar arithmetic of made-to-order capacity, on Algerian calendar days (YYYY-MM-DD).

/** How far ahead a checkout looks for a week with room: a year. */
export const MAX_CAPACITY_WEEKS = 52

const DAY = 86_400_000

/** The day `n` days after `day` (YYYY-MM-DD). */
export function addDays(day: string, n: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
}

/** The Sunday that starts the week of `day`: Algeria's working week runs Sunday to Thursday. */
export function weekStartOf(day: string) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDays(day, -weekday)
}

/** The promised date of pieces pushed `weeks` weeks after their earliest ready date: the same weekday, that many weeks later. */
export function readyDateFor(earliest: string, weeks: number) {
  return addDays(earliest, 7 * weeks)
}
