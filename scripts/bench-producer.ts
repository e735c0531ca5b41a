// Issue 16's producer bench on a throttled phone: Chromium at 360 px in Arabic, throttled through
// the DevTools protocol to slow 3G (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) and a 4× slower
// CPU. Camera-like photos (4000×3000 JPEGs of ~4.7 MB) are made here with sharp, never committed.
// Not part of `npm test` (it takes minutes and measures time).
//
//   npm run build && PORT=3410 DATABASE_URL=… node scripts/e2e-server.mjs     # the built app, demo seed
//   npm run bench:producer -- --url http://localhost:3410 [--runs 1]
//   npm run bench:producer -- --url http://localhost:3410 --journey photos [--modes before,after]
//
// --journey full (the default): a new producer's whole journey, as the issue timed it — the site's
// home page, "sell" in the header, sign-up by phone number (a fresh Algerian mobile number each run;
// the 6-digit code read from the dev mailbox, the local SMS outbox), the five steps of the
// application to sell with a camera photo of her artisan card, then — in a second, unthrottled
// browser, as the seeded moderator — the approval, then the producer again, throttled: her
// dashboard, "add a product", three camera photos, submit. Prints, per step, the seconds the
// producer waits for the app (from her tap until the next page or the upload's result shows; her
// typing and the moderator's work are not counted) and the bytes her phone sent and received, with
// the totals for uploads and for the rest.
//
// --journey photos: only the three photos of a new product, for an existing demo producer, before
// (JavaScript off: the plain multipart form sends the originals) and after (the photo uploader
// shrinks each photo on the phone and uploads it on its own).
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from '@playwright/test'
import sharp from 'sharp'
import ar from '../app/locales/ar.json' with { type: 'json' }
import { msg } from '../tests/e2e/support/messages'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3110' },
    runs: { type: 'string', default: '1' },
    journey: { type: 'string', default: 'full' },
    modes: { type: 'string', default: 'before,after' },
  },
})
const journey = args.journey === 'photos' ? 'photos' : 'full'
const modes = args.modes!.split(',') as ('before' | 'after')[]
const base = args.url!.replace(/\/$/, '')
const runs = Number(args.runs)
const PRODUCER = 'ouardia.aitahmed@demo.taswiq.dz'
const PASSWORD = 'taswiq-demo-2026'
const MODERATOR = 'moderateur@taswiq.dz'
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

type Photo = { name: string; mimeType: string; buffer: Buffer }

const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })

async function run(mode: 'before' | 'after', photos: Photo[]): Promise<Result> {
  const browser = await launch()
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


// ——— The whole journey ———

type Step = { name: string; upload: boolean; seconds: number; sentBytes: number; receivedBytes: number; requests: number }

/**
 * Times what the producer waits for: `step(name, action)` runs her tap (or the page she opens)
 * and waits for what she waits for; each request is counted in the step during which it started.
 * Requests between steps (a link prefetched while she types) are counted in "in the background".
 */
function stepTimer(page: Page) {
  const steps: Step[] = []
  const background: Step = { name: 'in the background, while she types', upload: false, seconds: 0, sentBytes: 0, receivedBytes: 0, requests: 0 }
  let current: Step | null = null
  const owner = new Map<Request, Step>()
  const pending: Promise<void>[] = []
  page.on('request', (request) => {
    const step = current ?? background
    owner.set(request, step)
    step.requests++
    // Bodies of photo sizes are not exposed to the DevTools protocol: their Content-Length is.
    pending.push(
      request
        .allHeaders()
        .then((headers) => {
          step.sentBytes += Number(headers['content-length'] ?? 0)
        })
        // A request still starting when the browser closes.
        .catch(() => {})
    )
  })
  const finished = (request: Request) => {
    const step = owner.get(request)
    if (!step) return
    pending.push(
      request
        .sizes()
        .then((sizes) => {
          step.sentBytes += sizes.requestHeadersSize
          step.receivedBytes += sizes.responseHeadersSize + sizes.responseBodySize
        })
        .catch(() => {})
    )
  }
  page.on('requestfinished', finished)
  page.on('requestfailed', finished)
  return {
    async step(name: string, action: () => Promise<unknown>, { upload = false } = {}) {
      const step: Step = { name, upload, seconds: 0, sentBytes: 0, receivedBytes: 0, requests: 0 }
      current = step
      const started = performance.now()
      try {
        await action()
      } finally {
        step.seconds = (performance.now() - started) / 1000
        current = null
      }
      steps.push(step)
      process.stdout.write(`  ${step.seconds.toFixed(1).padStart(6)} s  ${name}\n`)
    },
    async results() {
      await Promise.all(pending)
      return background.requests ? [...steps, background] : steps
    },
  }
}

const m = (key: string) => msg('ar', key)
const fresh = () => Math.random().toString(36).slice(2, 7)
/** A made-up Algerian mobile number, 05/06/07 and eight digits. */
const freshMobile = () => `0${5 + Math.floor(Math.random() * 3)}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
/** Each run comes from its own (made-up) address, like a new visitor: per-IP limits count one run. */
const freshIp = () => `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`

/** The texted code, read as the phone would receive it: the dev mailbox polled on a normal connection. */
async function textedCode(browser: Browser, phone: string) {
  const context = await browser.newContext({ locale: 'ar-DZ' })
  try {
    const page = await context.newPage()
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      await page.goto(`${base}/dev/mailbox?to=${phone}`)
      const sms = page.locator('[data-testid="sms"][data-kind="phone_code"]').first()
      if (await sms.count()) {
        const code = (await sms.getByTestId('sms-body').innerText()).match(/\b(\d{6})\b/)?.[1]
        if (code) return code
      }
      await page.waitForTimeout(250)
    }
    throw new Error(`no code texted to ${phone}`)
  } finally {
    await context.close()
  }
}

/** The moderator approves the application, in her own browser on a normal connection (not timed). */
async function approve(browser: Browser, shopName: string) {
  const context = await browser.newContext({ locale: 'ar-DZ', extraHTTPHeaders: { 'X-Forwarded-For': freshIp() } })
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await page.goto(`${base}/login`)
    await page.locator('input[name="email"]').fill(MODERATOR)
    await page.locator('input[name="password"]').fill(PASSWORD)
    await page.locator('form#login button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    await page.goto(`${base}/moderation/shops`)
    await page.getByRole('link', { name: shopName }).click()
    await page.getByRole('heading', { level: 1, name: shopName }).waitFor()
    await page.getByRole('button', { name: m('moderationShops.decisions.approve') }).click()
    await page.getByText(m('moderationShops.toast.approve')).waitFor()
  } finally {
    await context.close()
  }
}

async function visible(locator: Locator) {
  await locator.waitFor({ state: 'visible' })
}

async function fullJourney(photos: Photo[], card: Photo) {
  const browser = await launch()
  try {
    // No service worker: its own requests would escape the page's throttling.
    const context = await browser.newContext({
      locale: 'ar-DZ',
      viewport: { width: 360, height: 780 },
      serviceWorkers: 'block',
      extraHTTPHeaders: { 'X-Forwarded-For': freshIp() },
    })
    const page = await context.newPage()
    page.setDefaultTimeout(600_000)
    await throttle(context, page)
    const { step, results } = stepTimer(page)
    const phone = freshMobile()
    const password = `bench-${fresh()}-2026`
    const shopName = `فخار ${fresh()}`
    const next = () => page.getByRole('button', { name: m('sell.saveAndContinue') }).click()

    // Sign-up by phone, from the home page's "sell" link.
    await step('home page', () => page.goto(`${base}/`, { waitUntil: 'load' }))
    // Not signed in, the header's "sell" leads to the sign-up (before, to /sell, redirected to the log-in page).
    await step('"sell" → sign-up page', async () => {
      await page.getByRole('link', { name: m('header.sellShort') }).first().click()
      await visible(page.getByLabel(m('phoneAuth.phone')))
    })
    await page.getByLabel(m('auth.fields.name')).fill('وردية آيت أحمد')
    await page.getByLabel(m('phoneAuth.phone')).fill(`${phone.slice(0, 4)} ${phone.slice(4, 6)} ${phone.slice(6, 8)} ${phone.slice(8)}`)
    await page.getByLabel(m('auth.fields.password'), { exact: true }).fill(password)
    await step('sign up → "confirm your number"', async () => {
      await page.getByRole('button', { name: m('auth.signup.submit') }).click()
      await visible(page.getByRole('heading', { name: m('phoneAuth.verifyTitle') }))
    })
    let code = ''
    await step('the SMS with the code arrives', async () => {
      code = await textedCode(browser, phone)
    })
    await page.getByLabel(m('auth.fields.code')).fill(code)
    await step('code → application, step 1', async () => {
      await page.getByRole('button', { name: m('auth.verify.submit') }).click()
      await page.waitForURL(/\/sell/)
      await visible(page.getByLabel(m('sell.fields.name')))
    })

    // The application: every required field, and a camera photo of her artisan card.
    await page.getByLabel(m('sell.fields.name')).fill(shopName)
    await page.getByLabel(m('sell.fields.story')).fill('أصنع الفخار في بيتي بقرية تاسقة منذ عشرين سنة.')
    await page.getByLabel(m('producerCategory.rural_woman')).check()
    await step('shop → step 2 (place)', async () => {
      await next()
      await page.waitForURL(/step=place/)
      await visible(page.getByLabel(m('sell.fields.wilaya')))
    })
    await step('wilaya → its communes', async () => {
      await page.getByLabel(m('sell.fields.wilaya')).selectOption('15')
      await page.getByLabel(m('sell.fields.commune')).locator('option:nth-child(2)').waitFor({ state: 'attached' })
      await page.waitForFunction(() => !(document.querySelector('select[name="communeCode"]') as HTMLSelectElement | null)?.disabled)
    })
    await page.getByLabel(m('sell.fields.commune')).selectOption({ index: 1 })
    await page.getByLabel(m('sell.fields.phone')).fill(phone)
    await step('place → step 3 (legal)', async () => {
      await next()
      await page.waitForURL(/step=legal/)
      await visible(page.getByLabel(m('sell.fields.artisanCardNumber')))
    })
    await page.getByLabel(m('sell.fields.artisanCardNumber')).fill('CA-15-2020-00123')
    await page.getByLabel(m('sell.fields.nif')).fill('198815290012345')
    await step('legal → step 4 (payout)', async () => {
      await next()
      await page.waitForURL(/step=payout/)
      await visible(page.getByLabel(m('sell.fields.payoutAccount')))
    })
    await page.getByLabel(m('sell.fields.payoutAccount')).fill('12345678 42')
    await page.getByLabel(m('sell.fields.payoutHolderName')).fill('وردية آيت أحمد')
    await step('payout → step 5 (documents)', async () => {
      await next()
      await page.waitForURL(/step=documents/)
      await visible(page.getByLabel(m('sell.documents.add')))
    })
    // Playwright copying the file into the browser is not the phone's work: timed from the tap.
    await page.getByLabel(m('sell.documents.add')).setInputFiles(card)
    await step(
      'the artisan card photo uploads',
      async () => {
        await page.getByRole('button', { name: m('sell.documents.upload') }).click()
        await visible(page.getByRole('link', { name: /^carte-artisan\./ }))
      },
      { upload: true }
    )
    await step('documents → review', async () => {
      await page.getByRole('link', { name: m('sell.continue') }).click()
      await page.waitForURL(/step=review/)
      await visible(page.getByRole('button', { name: m('sell.submit') }))
    })
    await step('send the application', async () => {
      await page.getByRole('button', { name: m('sell.submit') }).click()
      await visible(page.getByText(m('sell.pending')))
    })

    const moderationStarted = performance.now()
    await approve(browser, shopName)
    const moderationS = (performance.now() - moderationStarted) / 1000

    // Approved: she opens her dashboard again and adds her first product.
    await step('dashboard, approved', async () => {
      await page.goto(`${base}/dashboard`, { waitUntil: 'load' })
      await visible(page.getByText(m('dashboard.status.approved')))
    })
    await step('"my products"', async () => {
      await page.getByRole('link', { name: m('dashboard.products') }).first().click()
      await page.waitForURL(/\/dashboard\/products$/)
      await visible(page.getByRole('link', { name: m('listings.add') }))
    })
    await step('"add a product" → the form, ready for photos', async () => {
      await page.getByRole('link', { name: m('listings.add') }).click()
      await page.waitForURL(/\/dashboard\/products\/new/)
      // Hydrated: the input has handed its photos to the uploader (it lost its name).
      await page.waitForFunction(() => !document.querySelector('input[type=file]')?.getAttribute('name'))
    })
    const form = ar.listings.fields
    await page.getByLabel(form.title).fill(`صحن فخار ${fresh()}`)
    await page.getByLabel(form.category).selectOption({ index: 1 })
    await page.getByLabel(form.price).fill('1500')
    await page.getByLabel(form.stock).fill('5')
    await page.getByLabel(form.photos, { exact: true }).setInputFiles(photos)
    await step(
      'three camera photos upload',
      async () => {
        await page.getByText(ar.photoUploads.done, { exact: true }).nth(2).waitFor()
      },
      { upload: true }
    )
    await step('send the product for review', async () => {
      await page.getByRole('button', { name: ar.listings.submitNew }).click()
      await page.waitForURL(/\/dashboard\/products(#.*)?$/)
    })
    return { steps: await results(), moderationS, phone }
  } finally {
    await browser.close()
  }
}

// ——— Main ———

const photos = await Promise.all(
  [11, 22, 33].map(async (seed, i) => ({ name: `camera-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: await cameraPhoto(seed * 7919) }))
)
const mb = (bytes: number) => (bytes / 1e6).toFixed(2)
const throttling = `slow 3G (${PROFILE.latencyMs} ms, ${PROFILE.downKbit} kbit/s down, ${PROFILE.upKbit} kbit/s up), CPU ÷${PROFILE.cpu}`

if (journey === 'full') {
  const card = { name: 'carte-artisan.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(4242) }
  console.log(
    `producer journey bench: ${base}; ${throttling}; 360 px, Arabic; three 4000×3000 camera JPEGs ` +
      `(${photos.map((p) => (p.buffer.byteLength / 1e6).toFixed(1)).join(' + ')} MB) and a camera photo of the card (${(card.buffer.byteLength / 1e6).toFixed(1)} MB)`
  )
  const totals: { total: number; uploads: number; rest: number; sent: number; moderation: number }[] = []
  for (let i = 0; i < runs; i++) {
    console.log(`\nrun ${i + 1}:`)
    const { steps, moderationS } = await fullJourney(photos, card)
    const sum = (list: Step[], key: 'seconds' | 'sentBytes' | 'receivedBytes') => list.reduce((total, s) => total + s[key], 0)
    const uploads = steps.filter((s) => s.upload)
    const rest = steps.filter((s) => !s.upload)
    console.log('\n| step | waiting (s) | sent (KB) | received (KB) | requests |')
    console.log('|---|---:|---:|---:|---:|')
    for (const s of steps)
      console.log(`| ${s.upload ? '**upload** ' : ''}${s.name} | ${s.seconds.toFixed(1)} | ${(s.sentBytes / 1e3).toFixed(0)} | ${(s.receivedBytes / 1e3).toFixed(0)} | ${s.requests} |`)
    const row = (label: string, list: Step[]) =>
      `| **${label}** | **${sum(list, 'seconds').toFixed(1)}** | ${(sum(list, 'sentBytes') / 1e3).toFixed(0)} | ${(sum(list, 'receivedBytes') / 1e3).toFixed(0)} | ${list.reduce((n, s) => n + s.requests, 0)} |`
    console.log(row('uploads', uploads))
    console.log(row('the rest', rest))
    console.log(row('total', steps))
    console.log(`(the moderator's approval, not counted: ${moderationS.toFixed(1)} s)`)
    totals.push({ total: sum(steps, 'seconds'), uploads: sum(uploads, 'seconds'), rest: sum(rest, 'seconds'), sent: sum(steps, 'sentBytes'), moderation: moderationS })
  }
  console.log('\n| run | waiting in total (s) | uploads (s) | the rest (s) | sent (MB) |')
  console.log('|---|---:|---:|---:|---:|')
  totals.forEach((t, i) => console.log(`| ${i + 1} | ${t.total.toFixed(1)} | ${t.uploads.toFixed(1)} | ${t.rest.toFixed(1)} | ${mb(t.sent)} |`))
  console.log(`\ntarget (issue 16): ≤ 60 s in total, ≤ 25 s for the photos; load average at the end ${loadavg().map((n) => n.toFixed(1)).join(' ')}`)
} else {
  const originals = photos.reduce((sum, p) => sum + p.buffer.byteLength, 0)
  console.log(`producer photos bench: ${base}; ${throttling}; three 4000×3000 JPEGs, ${photos.map((p) => (p.buffer.byteLength / 1e6).toFixed(1)).join(' + ')} MB`)
  const results: Result[] = []
  for (let i = 0; i < runs; i++) for (const mode of modes) results.push(await run(mode, photos))

  console.log('\n| mode | photos on the server (s) | of it on the wire (s) | first photo request after (s) | product saved (s) | bytes sent (MB) | of it photos (MB) |')
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  for (const r of results) {
    const label = r.mode === 'before' ? 'before: multipart form, originals (JavaScript off)' : 'after: shrunk on the phone, one upload per photo'
    console.log(
      `| ${label} | ${r.uploadsS.toFixed(1)} | ${r.onTheWireS.toFixed(1)} | ${r.firstRequestS.toFixed(1)} | ${r.totalS.toFixed(1)} | ${mb(r.sentBytes)} | ${mb(r.photoBytes)} |`
    )
  }
  console.log(`\noriginals: ${mb(originals)} MB; target (issue 16): the three photos ≤ 25 s; load average at the end ${loadavg().map((n) => n.toFixed(1)).join(' ')}`)
}
