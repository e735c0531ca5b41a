import { Transform } from 'node:stream'

/** Pieces of HTML are passed on at least this large, unless the render pauses (see below). */
const COALESCE_BYTES = 64 * 1024

/**
 * The stream React's HTML goes through on its way to the response.
 *
 * Without the NUL bytes React 18 leaves in it: renderToPipeableStream encodes text into 2,048-byte
 * buffers and, when a multi-byte character (Arabic is all multi-byte) does not fit at a buffer's
 * end, sends the whole buffer with its unwritten zero bytes (facebook/react#26228, fixed after
 * 18.3.1 and never released in 18). A 0x00 byte is never part of a UTF-8 character and never
 * legitimate in HTML, so dropping every one is exact.
 *
 * In fewer, larger pieces: React writes a page as ~50 buffers of 2 KB, and each write costs a
 * round of the compression stream (one zlib job on the thread pool, one socket write): brotli of
 * the home page took 3–4× longer fed in 2 KB pieces than in one (decision 023). The buffers
 * written within one turn of the event loop are joined and passed on at the next one (or as soon
 * as 64 KB are waiting), so the HTML still streams whenever React waits for data.
 */
export function withoutNulBytes() {
  let pending: Buffer[] = []
  let size = 0
  let timer: NodeJS.Immediate | null = null
  const take = () => {
    if (timer) clearImmediate(timer)
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
      if (size >= COALESCE_BYTES) return callback(null, take())
      timer ??= setImmediate(() => {
        timer = null
        if (size) stream.push(take())
      })
      callback()
    },
    flush(callback) {
      callback(null, size ? take() : undefined)
    },
    destroy(error, callback) {
      if (timer) clearImmediate(timer)
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
