// Issue 16's producer bench on a throttled phone: how long a producer waits to put three camera
// photos (4000×3000 JPEGs of ~4 MB, made here with sharp, never committed) on a new product, before
// (JavaScript off: the plain multipart form sends the originals) and after (the photo uploader
// shrinks each photo on the phone and uploads it on its own), on Chromium throttled through the
// DevTools protocol to slow 3G (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) and a 4× slower CPU.
// Not part of `npm test` (it takes minutes and measures time).
//
//   npm run build && PORT=3110 DATABASE_URL=… node scripts/e2e-server.mjs     # the built app, demo seed
//   npm run bench:producer -- --url http://localhost:3110 [--runs 1]
//
// Prints, per mode: seconds from choosing the photos (or pressing "send" without JavaScript) until
// the photos are on the server, then until the product is saved, and the bytes the phone sent.
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import sharp from 'sharp'
import ar from '../app/locales/ar.json' with { type: 'json' }

const { values: args } = parseArgs({
  options: { url: { type: 'string', default: 'http://localhost:3110' }, runs: { type: 'string', default: '1' }, modes: { type: 'string', default: 'before,after' } },
})
const modes = args.modes!.split(',') as ('before' | 'after')[]
const base = args.url!.replace(/\/$/, '')
const runs = Number(args.runs)
const PRODUCER = 'ouardia.aitahmed@demo.taswiq.dz'
const PASSWORD = 'taswiq-demo-2026'
const PROFILE = { latencyMs: 150, downKbit: 1600, upKbit: 750, cpu: 4 }

/**
 * A camera-like photo: smooth shapes (a coarse random scene enlarged) under sensor grain, JPEG at
 * 93 %: ~4 MB at 4000×3000 like a phone's, and it shrinks like a real photo does (a pure-noise
 * image would not).
 */
async function cameraPhoto(seed: number) {
  const [width, height, cellsX, cellsY] = [4000, 3000, 80, 60]
  let s = seed | 1
  const random = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4_294_967_296
  }
  const coarse = Buffer.alloc(cellsX * cellsY * 3)
  for (let i = 0; i < coarse.length; i++) coarse[i] = Math.floor(60 + random() * 150)
  const pixels = await sharp(coarse, { raw: { width: cellsX, height: cellsY, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer()
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, pixels[i]! + Math.floor((random() - 0.5) * 32)))
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 93 }).toBuffer()
}

async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: (PROFILE.downKbit * 1000) / 8,
    uploadThroughput: (PROFILE.upKbit * 1000) / 8,
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu })
}

type Result = {
  mode: string
  uploadsS: number
  totalS: number
  sentBytes: number
  photoBytes: number
  /** Seconds with at least one photo request on the wire (the rest of the photos' time is the phone's CPU). */
  onTheWireS: number
  /** Seconds until the first photo request left (the first photo's shrinking, after: JavaScript on). */
  firstRequestS: number
}

async function run(mode: 'before' | 'after', photos: { name: string; mimeType: string; buffer: Buffer }[]): Promise<Result> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    // No service worker: its own requests would escape the page's throttling.
    const context = await browser.newContext({
      locale: 'ar-DZ',
      viewport: { width: 360, height: 780 },
      javaScriptEnabled: mode === 'after',
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    page.setDefaultTimeout(600_000)
    // Signed in on a normal connection: the bench times the photos, not the log-in.
    await page.goto(`${base}/login`)
    await page.locator('input[name="email"]').fill(PRODUCER)
    await page.locator('input[name="password"]').fill(PASSWORD)
    await page.locator('form#login button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    await page.goto(`${base}/dashboard/products/new`)
    await throttle(context, page)

    let sentBytes = 0
    let photoBytes = 0
    // Bodies of these sizes are not exposed to the DevTools protocol: their Content-Length is.
    const pending: Promise<void>[] = []
    const spans: { start: number; end?: number }[] = []
    const spanOf = new Map<object, { start: number; end?: number }>()
    page.on('request', (request) => {
      if (request.method() !== 'POST') return
      const isPhoto = request.url().includes('/resources/product-photos') || mode === 'before'
      if (isPhoto) {
        const span = { start: performance.now() }
        spans.push(span)
        spanOf.set(request, span)
      }
      pending.push(
        request.allHeaders().then((headers) => {
          const bytes = Number(headers['content-length'] ?? 0)
          sentBytes += bytes
          if (request.url().includes('/resources/product-photos')) photoBytes += bytes
        })
      )
    })
    const finished = (request: object) => {
      const span = spanOf.get(request)
      if (span) span.end = performance.now()
    }
    page.on('requestfinished', finished)
    page.on('requestfailed', finished)
    const form = ar.listings.fields
    await page.getByLabel(form.title).fill(`Bench ${mode} ${Date.now().toString(36)}`)
    await page.getByLabel(form.category).selectOption({ index: 1 })
    await page.getByLabel(form.price).fill('1500')
    await page.getByLabel(form.stock).fill('5')
    const input = page.getByLabel(form.photos, { exact: true })
    const submit = page.getByRole('button', { name: ar.listings.submitNew })

    let started: number
    let uploaded: number
    if (mode === 'before') {
      await input.setInputFiles(photos)
      started = performance.now()
      await submit.click()
      await page.waitForURL(/\/dashboard\/products(#.*)?$/)
      // One request carries the photos and the form: the photos are up when the product is saved.
      uploaded = performance.now()
    } else {
      // Hydrated: the input has handed its photos to the uploader (it lost its name).
      await page.waitForFunction(() => !document.querySelector('input[type=file]')?.getAttribute('name'))
      // Timed from the photos being in the page (Playwright copying 14 MB into the browser is not
      // the phone's work; the uploader starts on the input's change event, at the end of this call).
      await input.setInputFiles(photos)
      started = performance.now()
      await page.getByText(ar.photoUploads.done, { exact: true }).nth(2).waitFor()
      uploaded = performance.now()
      await submit.click()
      await page.waitForURL(/\/dashboard\/products(#.*)?$/)
    }
    const done = performance.now()
    await Promise.all(pending)
    if (mode === 'before') photoBytes = sentBytes
    // The union of the photo requests' spans: the time the photos were on their way.
    let wire = 0
    let reach = started
    for (const span of spans.sort((a, b) => a.start - b.start)) {
      const end = span.end ?? uploaded
      if (end > reach) {
        wire += end - Math.max(span.start, reach)
        reach = end
      }
    }
    return {
      mode,
      uploadsS: (uploaded - started) / 1000,
      totalS: (done - started) / 1000,
      sentBytes,
      photoBytes,
      onTheWireS: wire / 1000,
      firstRequestS: spans.length ? (spans[0]!.start - started) / 1000 : 0,
    }
  } finally {
    await browser.close()
  }
}

const photos = await Promise.all(
  [11, 22, 33].map(async (seed, i) => ({ name: `camera-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: await cameraPhoto(seed * 7919) }))
)
const originals = photos.reduce((sum, p) => sum + p.buffer.byteLength, 0)
console.log(
  `producer bench: ${base}; slow 3G (${PROFILE.latencyMs} ms, ${PROFILE.downKbit} kbit/s down, ${PROFILE.upKbit} kbit/s up), CPU ÷${PROFILE.cpu}; ` +
    `three 4000×3000 JPEGs, ${photos.map((p) => (p.buffer.byteLength / 1e6).toFixed(1)).join(' + ')} MB`
)
const results: Result[] = []
for (let i = 0; i < runs; i++) for (const mode of modes) results.push(await run(mode, photos))

const mb = (bytes: number) => (bytes / 1e6).toFixed(2)
console.log('\n| mode | photos on the server (s) | of it on the wire (s) | first photo request after (s) | product saved (s) | bytes sent (MB) | of it photos (MB) |')
console.log('|---|---:|---:|---:|---:|---:|---:|')
for (const r of results) {
  const label = r.mode === 'before' ? 'before: multipart form, originals (JavaScript off)' : 'after: shrunk on the phone, one upload per photo'
  console.log(
    `| ${label} | ${r.uploadsS.toFixed(1)} | ${r.onTheWireS.toFixed(1)} | ${r.firstRequestS.toFixed(1)} | ${r.totalS.toFixed(1)} | ${mb(r.sentBytes)} | ${mb(r.photoBytes)} |`
  )
}
console.log(`\noriginals: ${mb(originals)} MB; target (issue 16): the three photos ≤ 25 s; load average at the end ${loadavg().map((n) => n.toFixed(1)).join(' ')}`)
