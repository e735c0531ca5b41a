import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { HOLD_MS, withoutNulBytes } from './html-stream.server'

describe('withoutNulBytes', () => {
  it('drops the zero bytes a buffer end leaves, and nothing else, across chunks', async () => {
    const arabic = Buffer.from('<p>كسكس دار الجدّة – بني ورتيلان</p>')
    // A 2,048-byte buffer whose last character did not fit: its tail is unwritten zeros.
    const padded = Buffer.concat([arabic.subarray(0, 9), Buffer.alloc(2)])
    const chunks = [padded, arabic.subarray(9), Buffer.from([0]), Buffer.from('<footer>ok</footer>')]
    const out = await text(Readable.from(chunks).pipe(withoutNulBytes()))
    expect(out).toBe('<p>كسكس دار الجدّة – بني ورتيلان</p><footer>ok</footer>')
  })

  it('passes a page that ends quickly on as one piece, written over several turns', async () => {
    const stream = withoutNulBytes()
    const pieces: string[] = []
    stream.on('data', (chunk: Buffer) => pieces.push(chunk.toString()))
    const ended = new Promise((resolve) => stream.on('end', resolve))
    stream.write(Buffer.from('<html><body>shell'))
    await new Promise((resolve) => setImmediate(resolve))
    stream.write(Buffer.from('<script>data</script>'))
    stream.end(Buffer.from('</body></html>'))
    await ended
    expect(pieces).toEqual(['<html><body>shell<script>data</script></body></html>'])
  })

  it('passes on what is ready when the rest takes longer than HOLD_MS (a render waiting for data)', async () => {
    const stream = withoutNulBytes()
    const pieces: string[] = []
    stream.on('data', (chunk: Buffer) => pieces.push(chunk.toString()))
    stream.write(Buffer.from('<html><body>shell'))
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 5))
    expect(pieces).toEqual(['<html><body>shell'])
    const ended = new Promise((resolve) => stream.on('end', resolve))
    stream.end(Buffer.from('late</body></html>'))
    await ended
    expect(pieces).toEqual(['<html><body>shell', 'late</body></html>'])
  })
})
