import { centimesToDinars } from './money'

// CSV files people open in Excel or LibreOffice: the audit log for inspectors, payout batches for
// the bank or Algérie Poste, statements for producers.

const plainNumber = /^-?\d+(\.\d+)?$/

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text a spreadsheet would read as a formula (= + - @, or tab/CR which some read the same way)
 * gets a leading apostrophe: a shop named "=HYPERLINK(…)" must stay text on an inspector's
 * computer. Numbers are written as they are, also as text (a negative amount is not a formula).
 */
export function csvCell(value: string | number | null | undefined) {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text) && !plainNumber.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A whole file: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as a legacy code page
 * and Arabic becomes gibberish), comma-separated, CRLF line ends.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]) {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/**
 * Centimes as dinars for a spreadsheet cell: 123456 → "1234.56", -5000 → "-50.00". Two decimals
 * and a dot, read as a number by spreadsheets in any locale setting, so sums work.
 */
export const csvDinars = (centimes: number) => centimesToDinars(centimes, { fixed: true })
