// Reading back the CSV files we write (app/utils/csv.ts) and the ones spreadsheets save from them:
// RFC 4180 (quoted cells, doubled quotes, line breaks inside quotes), comma or semicolon (French
// Excel saves with semicolons), CRLF or LF, a byte-order mark or not.

export class CsvEncodingError extends Error {
  constructor() {
    super('The file is not UTF-8 text')
    this.name = 'CsvEncodingError'
  }
}

/** The file's bytes as text: UTF-8 only (a legacy code page would turn Arabic into gibberish silently). */
export function decodeCsvBytes(bytes: Uint8Array) {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (text.includes('\u0000')) throw new CsvEncodingError()
    return text.replace(/^\uFEFF/, '')
  } catch {
    throw new CsvEncodingError()
  }
}

/** Rows of cells; blank lines are dropped. */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, '')
  const firstLine = input.slice(0, input.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === delimiter) {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      row.push(cell)
      if (row.some((v) => v !== '')) rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  row.push(cell)
  if (row.some((v) => v !== '')) rows.push(row)
  return rows
}

/** Undoes `csvCell`'s guard: "'=SUM(…)" was written for "=SUM(…)", which stays plain text with us. */
export function csvText(cell: string) {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}
