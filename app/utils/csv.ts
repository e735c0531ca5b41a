// CSV files people open in Excel or LibreOffice: the audit log for inspectors, payout batches for
// the bank or Algérie Poste, statements for producers.

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text a spreadsheet would read as a formula (= + - @, or tab/CR which some read the same way)
 * gets a leading apostrophe: a shop named "=HYPERLINK(…)" must stay text on an inspector's
 * computer. Numbers are written as they are (a negative amount is not a formula).
 */
export function csvCell(value: string | number | null | undefined) {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A whole file: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as a legacy code page
 * and Arabic becomes gibberish), comma-separated, CRLF line ends.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]) {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

// "2025-03-01 14:05:09", Algerian wall-clock time: sortable, and read by Excel as a date.
const algeriaTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Africa/Algiers',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

export function algeriaTimestamp(date: Date) {
  return algeriaTime.format(date)
}

/** Centimes as dinars for a spreadsheet cell: 123456 → 1234.56 (a number, so sums work). */
export const csvDinars = (centimes: number) => centimes / 100
