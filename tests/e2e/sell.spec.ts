import sharp from 'sharp'
import { cameraLikeJpeg } from '../support/images'
import { expect, test, uniqueEmail } from './fixtures'
import { applyToSell, signUp } from './support/accounts'

test('a new user applies to sell from a phone, in Arabic', async ({ page }) => {
  await signUp(page, { name: 'وردية آيت أحمد', email: uniqueEmail('ouardia'), password: 'pottery-pass-1' })
  await applyToSell(page, { shopName: 'فخار وردية' })
  await page.screenshot({ path: 'test-results/screens/sell-review-ar-360.png', fullPage: true })
})

test('a camera photo of the card is shrunk on the phone before it is sent, and stored upright as a JPEG', async ({ page }) => {
  test.setTimeout(120_000)
  // 4000×3000, stored sideways by the camera (EXIF orientation 6), as a phone takes it.
  const buffer = await cameraLikeJpeg({ width: 4000, height: 3000, orientation: 6 })
  // The bytes of each upload, from its Content-Length (a body of this size is not always exposed).
  const sent: Promise<number>[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).searchParams.get('step') === 'documents')
      sent.push(request.allHeaders().then((headers) => Number(headers['content-length'] ?? Infinity)))
  })
  await signUp(page, { name: 'وردية آيت أحمد', email: uniqueEmail('card'), password: 'pottery-pass-1' })
  await applyToSell(page, { shopName: `فخار ${Date.now().toString(36)}`, card: { name: 'carte.jpg', mimeType: 'image/jpeg', buffer }, send: false })

  // One upload, far smaller than the original; the document keeps the name she chose.
  expect(sent).toHaveLength(1)
  expect(await sent[0]!).toBeLessThan(Math.min(1_000_000, buffer.byteLength / 3))
  const href = await page.getByRole('link', { name: 'carte.jpg' }).getAttribute('href')
  const stored = await page.request.get(href!)
  expect(stored.headers()['content-type']).toBe('image/jpeg')
  const { width, height } = await sharp(await stored.body()).metadata()
  // Upright (portrait after the rotation), long side 2048 px: the card's small print stays legible.
  expect([width, height]).toEqual([1536, 2048])
})
