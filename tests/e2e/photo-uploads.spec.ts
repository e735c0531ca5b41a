import sharp from 'sharp'
import { cameraLikeJpeg, fakePdfNamedJpg } from '../support/images'
import { DEMO_PASSWORD, expect as baseExpect, test } from './fixtures'
import { logIn } from './support/accounts'

// Issue 16 on a 360 px phone in Arabic: photos upload one by one as soon as they are chosen, shrunk
// on the phone, each with its progress bar and preview; a broken file gets its own error next to it
// and loses neither the other photos nor the text; photos are reordered and removed by touch; the
// product then holds the server's own WebP photos, in the order chosen.

const PRODUCER = 'ouardia.aitahmed@demo.taswiq.dz'
// Decoding and encoding photos is CPU work in the browser: on a busy test machine it takes seconds.
const expect = baseExpect.configure({ timeout: 60_000 })

test('three large photos and a broken file: progress, previews, an error in place, reorder, remove, submit', async ({ page }) => {
  test.setTimeout(240_000)
  const title = `سلة فخار ${Date.now().toString(36)}`
  const photos = await Promise.all([
    cameraLikeJpeg({ width: 2000, height: 1500, colour: [200, 60, 50] }).then((buffer) => ({ name: 'red.jpg', mimeType: 'image/jpeg', buffer })),
    cameraLikeJpeg({ width: 2000, height: 1500, colour: [60, 170, 70] }).then((buffer) => ({ name: 'green.jpg', mimeType: 'image/jpeg', buffer })),
    // Stored sideways by the camera (EXIF orientation 6): it must stand upright once uploaded.
    cameraLikeJpeg({ width: 2000, height: 1500, colour: [50, 80, 200], orientation: 6 }).then((buffer) => ({ name: 'blue.jpg', mimeType: 'image/jpeg', buffer })),
  ])
  const broken = { name: 'scan.jpg', mimeType: 'image/jpeg', buffer: fakePdfNamedJpg() }
  const sent: number[] = []
  // The uploads are held until the progress bars have been seen (a local server answers too fast).
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/resources/product-photos', async (route) => {
    sent.push(route.request().postDataBuffer()?.byteLength ?? 0)
    await held
    await route.continue()
  })

  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products/new')
  await page.getByLabel('اسم المنتج').fill(title)
  await page.getByLabel('الصور', { exact: true }).setInputFiles([...photos, broken])

  const list = page.getByRole('list', { name: 'الصور المختارة' })
  await expect(list.getByRole('listitem')).toHaveCount(4)
  // Shrinking on the phone first (one photo at a time), then each upload starts on its own.
  await expect.poll(() => sent.length, { timeout: 120_000 }).toBe(4)
  await expect(page.getByRole('progressbar')).toHaveCount(4)
  await expect(list.getByRole('listitem').first()).toContainText('أبقي هذه الصفحة مفتوحة')
  await expect(page.getByText('جارٍ رفع الصور — أبقي هذه الصفحة مفتوحة.')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/photo-uploads-mid-ar-360.png', fullPage: true })
  // Shrunk on the phone: each big photo left it as a fraction of its size.
  expect(sent).toHaveLength(4)
  for (const bytes of sent.slice(0, 3)) expect(bytes).toBeLessThan(700_000)
  release()

  await expect(page.getByText('تم الرفع')).toHaveCount(3)
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  for (const n of [1, 2, 3]) await expect(page.getByRole('img', { name: `معاينة الصورة ${n}` })).toBeVisible()
  const error = list.getByRole('listitem').nth(3).getByRole('alert')
  await expect(error).toHaveText('scan.jpg: نقبل صور JPEG أو PNG أو WebP فقط.')
  await expect(error).toBeInViewport()
  await expect(page.getByLabel('اسم المنتج')).toHaveValue(title)

  // The broken file holds the form back, then goes; blue becomes the cover.
  await page.getByRole('button', { name: 'حذف scan.jpg' }).click()
  await page.getByRole('button', { name: 'تقديم blue.jpg' }).click()
  await page.getByRole('button', { name: 'تقديم blue.jpg' }).click()
  await expect(list.getByRole('listitem').first()).toContainText('blue.jpg')
  await expect(list.getByRole('listitem').first()).toContainText('الغلاف')
  await page.getByRole('button', { name: 'حذف green.jpg' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(2)

  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('3200')
  await page.getByLabel('الكمية المتوفرة').fill('4')
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  await expect(page).toHaveURL(/\/dashboard\/products(#.*)?$/)
  await page.getByRole('link', { name: title }).click()
  const images = page.getByRole('img', { name: new RegExp(`^صورة \\d من ${title}$`) })
  await expect(images).toHaveCount(2)

  // The stored photos are the server's WebP widths, without EXIF; blue is first and stands upright.
  const sources = await images.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src')!))
  expect(sources).toHaveLength(2)
  const stored = await Promise.all(sources.map(async (src) => Buffer.from(await (await page.request.get(src)).body())))
  const [cover, second] = await Promise.all(stored.map((bytes) => sharp(bytes).metadata()))
  for (const meta of [cover!, second!]) {
    expect(meta.format).toBe('webp')
    expect(meta.exif).toBeUndefined()
    expect(meta.width).toBe(640)
  }
  expect(cover!.height!).toBeGreaterThan(cover!.width!)
  const { channels } = await sharp(stored[0]!).stats()
  expect(channels[2]!.mean).toBeGreaterThan(channels[0]!.mean + 60)
  const other = await sharp(stored[1]!).stats()
  expect(other.channels[0]!.mean).toBeGreaterThan(other.channels[2]!.mean + 60)
})

test('a dropped connection: the photo waits, then goes when the network is back', async ({ page, context }) => {
  test.setTimeout(180_000)
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products/new')
  await expect(page.getByLabel('الصور', { exact: true })).not.toHaveAttribute('name', 'photos')
  await context.setOffline(true)
  await page.getByLabel('الصور', { exact: true }).setInputFiles({ name: 'late.jpg', mimeType: 'image/jpeg', buffer: await cameraLikeJpeg({ width: 600, height: 450 }) })
  await expect(page.getByText('لا يوجد اتصال: ستُرفع الصورة عند عودة الشبكة.')).toBeVisible()
  await context.setOffline(false)
  await expect(page.getByText('تم الرفع')).toBeVisible()

  // A connection that fails outright offers a retry, which works.
  let fail = true
  await page.route('**/resources/product-photos', (route) => (fail ? route.abort('connectionreset') : route.continue()))
  await page.getByLabel('الصور', { exact: true }).setInputFiles({ name: 'again.jpg', mimeType: 'image/jpeg', buffer: await cameraLikeJpeg({ width: 600, height: 450, colour: [90, 90, 160] }) })
  await expect(page.getByText('again.jpg: انقطع الاتصال أثناء الرفع.')).toBeVisible()
  fail = false
  await page.getByRole('button', { name: 'إعادة المحاولة' }).click()
  await expect(page.getByText('تم الرفع')).toHaveCount(2)
})
