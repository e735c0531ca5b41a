import { intlLocale, type Language } from './i18n'

// Dates and times in Algeria. Instants are stored as timestamptz and shown as the wall-clock time in
// Algeria, whatever the zone of the server or of the reader's phone. Algeria keeps UTC+1 all year
// (no summer time since 1981), so a day there starts at 23:00 UTC the day before; the SQL side says
// the same with `at time zone 'Africa/Algiers'` (stats roll-up).
//
// Building an Intl.DateTimeFormat costs far more than using one: every formatter here is built
// once per language and format, and kept.

export const ALGERIA_TIME_ZONE = 'Africa/Algiers'
const ALGERIA_OFFSET = '+01:00'

/** The ways the app shows a date to a reader. */
const readerFormats = {
  /** "12 mars 2025, 14:05": when something happened (orders, notices, audit rows). */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** "12 mars 2025". */
  date: { dateStyle: 'medium' },
  /** "12/03/2025 14:05:09": the dev mailbox, where seconds tell two emails apart. */
  dateTimeSeconds: { dateStyle: 'short', timeStyle: 'medium' },
  /** "mars 2025": a statement's month. */
  monthYear: { month: 'long', year: 'numeric' },
  /** "mars 2025" abbreviated: a chart bucket by month. */
  shortMonthYear: { month: 'short', year: 'numeric' },
  /** "12 mars": a chart bucket by day or week. */
  dayMonth: { day: 'numeric', month: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>
export type AlgeriaDateFormat = keyof typeof readerFormats

const formatters = new Map<string, Intl.DateTimeFormat>()
function cachedFormatter(locale: string, name: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${name}`
  let formatter = formatters.get(key)
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: ALGERIA_TIME_ZONE })))
  return formatter
}

/** The formatter of one of the app's date formats, in Algeria's time, for a reader of `language`. */
export function algeriaDateFormat(language: Language, format: AlgeriaDateFormat = 'dateTime') {
  return cachedFormatter(intlLocale(language), format, readerFormats[format])
}

/** An instant (a Date, or its ISO text as loaders send it) as a reader in Algeria reads it. */
export function formatAlgeriaDate(value: Date | string, language: Language, format: AlgeriaDateFormat = 'dateTime') {
  return algeriaDateFormat(language, format).format(typeof value === 'string' ? new Date(value) : value)
}

/** A calendar day in Algeria (YYYY-MM-DD; YYYY-MM for a month) as a reader reads it; the text itself if it is not a day. */
export function formatAlgeriaDay(day: string, language: Language, format: AlgeriaDateFormat = 'date') {
  const start = algeriaDayStart(/^\d{4}-\d{2}$/.test(day) ? `${day}-01` : day)
  return start ? algeriaDateFormat(language, format).format(start) : day
}

// Machine-readable forms (Swedish writes dates the ISO way): sortable, and read by spreadsheets as dates.
const isoDateTime = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false } as const

/** "2025-03-01 14:05:09", Algerian wall-clock time: for files (CSV exports). */
export function algeriaTimestamp(date: Date) {
  return cachedFormatter('sv-SE', 'timestamp', isoDateTime).format(date)
}

/** The calendar day (YYYY-MM-DD) an instant falls on in Algeria. */
export function algeriaDay(date: Date) {
  return cachedFormatter('sv-SE', 'day', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date)
}

/** The month (YYYY-MM) an instant falls in, in Algeria. */
export function algeriaMonth(date: Date) {
  return algeriaDay(date).slice(0, 7)
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/

/** The instant a calendar day (YYYY-MM-DD) starts in Algeria; null for anything else. */
export function algeriaDayStart(day: string | null | undefined) {
  if (!day || !dayPattern.test(day)) return null
  const date = new Date(`${day}T00:00:00${ALGERIA_OFFSET}`)
  // Date rolls impossible days over (30 February → 2 March): only a day that reads back the same is one.
  return Number.isNaN(date.getTime()) || algeriaDay(date) !== day ? null : date
}
