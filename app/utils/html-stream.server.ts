import { Transform } from 'node:stream'

/**
 * The stream React's HTML goes through on its way to the response, without the NUL bytes React 18
 * leaves in it: renderToPipeableStream encodes text into 2,048-byte buffers and, when a multi-byte
 * character (Arabic is all multi-byte) does not fit at a buffer's end, sends the whole buffer with
 * its unwritten zero bytes (facebook/react#26228, fixed after 18.3.1 and never released in 18).
 * A 0x00 byte is never part of a UTF-8 character and never legitimate in HTML, so dropping every
 * one is exact.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!chunk.includes(0)) return callback(null, chunk)
      const bytes = Buffer.allocUnsafe(chunk.length)
      let length = 0
      for (const byte of chunk) if (byte !== 0) bytes[length++] = byte
      callback(null, bytes.subarray(0, length))
    },
  })
}
