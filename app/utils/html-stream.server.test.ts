import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { withoutNulBytes } from './html-stream.server'

describe('withoutNulBytes', () => {
  it('drops the zero bytes a buffer end leaves, and nothing else, across chunks', async () => {
    const arabic = Buffer.from('<p>كسكس دار الجدّة – بني ورتيلان</p>')
    // A 2,048-byte buffer whose last character did not fit: its tail is unwritten zeros.
    const padded = Buffer.concat([arabic.subarray(0, 9), Buffer.alloc(2)])
    const chunks = [padded, arabic.subarray(9), Buffer.from([0]), Buffer.from('<footer>ok</footer>')]
    const out = await text(Readable.from(chunks).pipe(withoutNulBytes()))
    expect(out).toBe('<p>كسكس دار الجدّة – بني ورتيلان</p><footer>ok</footer>')
  })
})
