import { Transform } from 'node:stream'

/** HTML waiting longer than this is passed on: a render waiting for data still streams. */
export const HOLD_MS = 10
/** And a page this large is passed on at once (memory per response stays bounded). */
const HOLD_BYTES = 1024 * 1024

/**
 * The stream React's HTML goes through on its way to the response.
 *
 * Without the NUL bytes React 18 leaves in it: renderToPipeableStream encodes text into 2,048-byte
 * buffers and, when a multi-byte character (Arabic is all multi-byte) does not fit at a buffer's
 * end, sends the whole buffer with its unwritten zero bytes (facebook/react#26228, fixed after
 * 18.3.1 and never released in 18). A 0x00 byte is never part of a UTF-8 character and never
 * legitimate in HTML, so dropping every one is exact. (The production server's patched React
 * encodes whole strings and leaves none, scripts/server-package-patches.cjs; this stays for the
 * others.)
 *
 * In as few pieces as possible: each piece costs a round of the compression stream (one zlib job
 * on the thread pool, one socket write): brotli of the home page took 3–4× longer fed in 2 KB
 * pieces than in one, and a page sent as its shell, then the loader data's scripts a moment later,
 * then the end, took twice the CPU of the same page compressed at once (decision 023). So what is
 * written is held until the page ends, or until the oldest piece has waited HOLD_MS (a render
 * waiting for data: what is ready goes out), or HOLD_BYTES are waiting. A page whose render is
 * complete leaves as one piece, compressed in one job.
 */
export function withoutNulBytes() {
  let pending: Buffer[] = []
  let size = 0
  let timer: NodeJS.Timeout | null = null
  const take = () => {
    if (timer) clearTimeout(timer)
    timer = null
    const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending, size)
    pending = []
    size = 0
    return joined
  }
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const clean = withoutZeros(chunk)
      pending.push(clean)
      size += clean.length
      if (size >= HOLD_BYTES) return callback(null, take())
      timer ??= setTimeout(() => {
        timer = null
        if (size) stream.push(take())
      }, HOLD_MS)
      callback()
    },
    flush(callback) {
      callback(null, size ? take() : undefined)
    },
    destroy(error, callback) {
      if (timer) clearTimeout(timer)
      timer = null
      pending = []
      callback(error)
    },
  })
  return stream
}

function withoutZeros(chunk: Buffer) {
  if (!chunk.includes(0)) return chunk
  const bytes = Buffer.allocUnsafe(chunk.length)
  let length = 0
  for (const byte of chunk) if (byte !== 0) bytes[length++] = byte
  return bytes.subarray(0, length)
}
