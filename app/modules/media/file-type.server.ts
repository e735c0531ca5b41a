/**
 * What a file really is, from its first bytes (never from its name or the browser's claim), for
 * the types Taswiq accepts.
 */
export type SniffedType = { mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf'; extension: string }

export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: 'image/jpeg', extension: 'jpg' }
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return { mime: 'image/png', extension: 'png' }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', extension: 'webp' }
  if (ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'mif1', 'msf1', 'hevc'].includes(ascii(8, 12))) return { mime: 'image/heic', extension: 'heic' }
  if (ascii(0, 5) === '%PDF-') return { mime: 'application/pdf', extension: 'pdf' }
  return null
}
