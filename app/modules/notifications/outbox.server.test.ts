import type { AddressInfo } from 'node:net'
import { eq, inArray } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { outbox } from '#db/schema'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { enqueueEmail } from './email.server'
import {
  createSmtpTransport,
  deliverDueEmails,
  isTransientSmtpFailure,
  listRecentEmails,
  MAX_ATTEMPTS,
  MAX_OUTAGE_WAIT_MS,
  retryDelayMs,
  startOutboxWorker,
  type MailTransport,
} from './outbox.server'

type Received = { to: string[]; raw: string }

/** A real SMTP server on a local port (random by default) that keeps what it receives, or refuses recipients. */
async function startSmtpServer(listenPort = 0) {
  const received: Received[] = []
  const state = { rejecting: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.rejecting) return callback()
      callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 450 }))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(listenPort, '127.0.0.1', resolve)
  })
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const outboxIdOf = (message: Received) => message.raw.match(/^X-Taswiq-Outbox-Id: (\S+)/im)?.[1]
const seconds = (n: number) => n * 1000

let t: TestDatabase
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let transport: MailTransport

beforeAll(async () => {
  t = await createTestDatabase()
  smtp = await startSmtpServer()
  transport = createSmtpTransport(`smtp://127.0.0.1:${smtp.port}`)
})
afterAll(async () => {
  transport?.close?.()
  await smtp?.close()
  await t?.close()
})
beforeEach(async () => {
  await t.db.delete(outbox)
  smtp.received.length = 0
  smtp.state.rejecting = false
})

function queue(to: string, code = '123456') {
  return enqueueEmail(t.db, { to, kind: 'verification_code', language: 'ar', data: { name: 'أمينة', code } })
}

async function rowById(id: string) {
  const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id))
  return row!
}

describe('deliverDueEmails', () => {
  it('delivers a due email once and marks it sent', async () => {
    const id = await queue('amina@test.taswiq.dz', '482913')

    const result = await deliverDueEmails(t, transport)
    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0 })
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]!.to).toEqual(['amina@test.taswiq.dz'])
    expect(outboxIdOf(smtp.received[0]!)).toBe(id)
    expect(smtp.received[0]!.raw).toMatch(/^From: Taswiq <no-reply@taswiq\.dz>/im)
    const row = await rowById(id)
    expect(row.sentAt).toBeInstanceOf(Date)
    expect(row).toMatchObject({ attempts: 1, failedAt: null, lastError: null })

    expect(await deliverDueEmails(t, transport)).toMatchObject({ claimed: 0, sent: 0 })
    expect(smtp.received).toHaveLength(1)
  })

  it('leaves a rejected email for later with a backoff, then delivers it exactly once', async () => {
    const id = await queue('karim@test.taswiq.dz')
    smtp.state.rejecting = true
    const now = new Date()

    expect(await deliverDueEmails(t, transport, { now })).toMatchObject({ sent: 0, retried: 1, failed: 0 })
    expect(smtp.received).toHaveLength(0)
    let row = await rowById(id)
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null })
    expect(row.lastError).toMatch(/450|unavailable/i)
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1))
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())

    smtp.state.rejecting = false
    // Not due yet: nothing happens before the backoff is over.
    expect(await deliverDueEmails(t, transport, { now: new Date(now.getTime() + seconds(10)) })).toMatchObject({ claimed: 0 })
    expect(smtp.received).toHaveLength(0)

    const later = new Date(now.getTime() + retryDelayMs(1) + seconds(1))
    expect(await deliverDueEmails(t, transport, { now: later })).toMatchObject({ sent: 1 })
    expect(await deliverDueEmails(t, transport, { now: new Date(later.getTime() + seconds(3600)) })).toMatchObject({ claimed: 0 })
    expect(smtp.received).toHaveLength(1)
    row = await rowById(id)
    expect(row.sentAt).toBeInstanceOf(Date)
    expect(row).toMatchObject({ attempts: 2, lastError: null })
  })

  it('retries when the SMTP server cannot be reached at all', async () => {
    const id = await queue('nobody-listening@test.taswiq.dz')
    const closed = await startSmtpServer()
    await closed.close()
    const unreachable = createSmtpTransport(`smtp://127.0.0.1:${closed.port}`)

    expect(await deliverDueEmails(t, unreachable)).toMatchObject({ sent: 0, retried: 1 })
    const row = await rowById(id)
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null })
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
    unreachable.close?.()
  })

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const id = await queue('bounces@test.taswiq.dz')
    const failing: MailTransport = { sendMail: async () => Promise.reject(Object.assign(new Error('550 no such user'), { responseCode: 550 })) }
    let now = new Date()
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueEmails(t, failing, { now })).toMatchObject({ retried: 1, failed: 0 })
      now = new Date(now.getTime() + retryDelayMs(attempt))
    }
    expect(await deliverDueEmails(t, failing, { now })).toMatchObject({ retried: 0, failed: 1 })
    const row = await rowById(id)
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, sentAt: null, lastError: '550 no such user' })
    expect(row.failedAt).toBeInstanceOf(Date)
    expect(await deliverDueEmails(t, failing, { now: new Date(now.getTime() + seconds(86_400)) })).toMatchObject({ claimed: 0 })
  })

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([seconds(30), seconds(60), seconds(120), seconds(240)])
    expect(retryDelayMs(20)).toBe(seconds(3600))
  })

  it('sends each email exactly once when two workers run at the same time', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => queue(`buyer${n}@test.taswiq.dz`, `00000${n}`)))

    const [a, b] = await Promise.all([deliverDueEmails(t, transport, { batchSize: 3 }), deliverDueEmails(t, transport, { batchSize: 3 })])
    // Whatever the interleaving, a third round finds any row neither worker reached.
    const c = await deliverDueEmails(t, transport, { batchSize: 3 })
    expect(a.sent + b.sent + c.sent).toBe(5)
    expect(smtp.received).toHaveLength(5)
    expect(smtp.received.map(outboxIdOf).sort()).toEqual([...ids].sort())
    const rows = await t.db.select().from(outbox).where(inArray(outbox.id, ids))
    expect(rows.every((row) => row.sentAt && row.attempts === 1)).toBe(true)
  })
})

describe('SMTP outage', () => {
  /** What a worker does each tick: claim and send batches until a batch comes back short. */
  async function drain(mail: MailTransport, now: Date) {
    const total = { claimed: 0, sent: 0, retried: 0, failed: 0 }
    for (;;) {
      const r = await deliverDueEmails(t, mail, { batchSize: 4, now })
      for (const key of ['claimed', 'sent', 'retried', 'failed'] as const) total[key] += r[key]
      if (r.claimed < 4) return total
    }
  }
  const pendingRows = () => t.db.select().from(outbox)

  it('keeps the emails while SMTP is unreachable, for hours, then sends each exactly once when it is back', async () => {
    // A port where nothing listens yet; the SMTP server comes up on it later.
    const down = await startSmtpServer()
    const port = down.port
    await down.close()
    const address = `smtp://127.0.0.1:${port}`
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => queue(`outage${n}@test.taswiq.dz`, `10000${n}`)))

    // The real worker, on the real clock: every email tried once, nothing lost, errors logged.
    const log = { info: vi.fn(), error: vi.fn() }
    const worker = startOutboxWorker({ getConnection: async () => t, smtpUrl: address, intervalMs: 60_000, batchSize: 4, log })
    await vi.waitFor(async () => expect((await pendingRows()).every((row) => row.attempts === 1)).toBe(true), { timeout: 20_000, interval: 50 })
    await worker.stop()
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/^outbox: 0 sent, \d+ to retry, 0 given up; last error: .*(ECONNREFUSED|connect)/i))
    let rows = await pendingRows()
    expect(rows).toHaveLength(10)
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null })
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(row.createdAt.getTime())
    }

    // The outage goes on for more than MAX_ATTEMPTS rounds (about 6 hours of backoff): still waiting.
    const unreachable = createSmtpTransport(address)
    let now = new Date(Math.max(...rows.map((row) => row.nextAttemptAt.getTime())) + 1000)
    for (let round = 2; round <= MAX_ATTEMPTS + 4; round++) {
      expect(await drain(unreachable, now)).toMatchObject({ claimed: 10, retried: 10, sent: 0, failed: 0 })
      rows = await pendingRows()
      expect(rows.every((row) => row.attempts === round && !row.sentAt && !row.failedAt)).toBe(true)
      // Nothing is due before its backoff, which never exceeds an hour.
      expect(await drain(unreachable, new Date(now.getTime() + 1000))).toMatchObject({ claimed: 0 })
      const next = Math.max(...rows.map((row) => row.nextAttemptAt.getTime()))
      expect(next - now.getTime()).toBeLessThanOrEqual(retryDelayMs(round))
      now = new Date(next + 1000)
    }
    unreachable.close?.()
    expect(now.getTime() - Date.now()).toBeGreaterThan(5 * 3_600_000)

    // SMTP is back on the same address: two workers at once deliver everything, each email once.
    const up = await startSmtpServer(port)
    try {
      const [a, b] = [createSmtpTransport(address), createSmtpTransport(address)]
      const [ra, rb] = await Promise.all([drain(a, now), drain(b, now)])
      expect(ra.sent + rb.sent).toBe(10)
      expect(ra.retried + rb.retried + ra.failed + rb.failed).toBe(0)
      // Again, later, twice at once: nothing more goes out.
      const later = new Date(now.getTime() + 86_400_000)
      const again = await Promise.all([drain(a, later), drain(b, later)])
      expect(again.map((r) => r.claimed)).toEqual([0, 0])
      a.close?.()
      b.close?.()

      expect(up.received).toHaveLength(10)
      expect(up.received.map(outboxIdOf).sort()).toEqual([...ids].sort())
      expect(up.received.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 10 }, (_, n) => `outage${n}@test.taswiq.dz`).sort())
      rows = await pendingRows()
      expect(rows.every((row) => row.sentAt instanceof Date && row.failedAt === null && row.lastError === null)).toBe(true)
    } finally {
      await up.close()
    }
  })

  it(`gives an email up when SMTP stayed unreachable for ${MAX_OUTAGE_WAIT_MS / 86_400_000} days after it was queued`, async () => {
    const id = await queue('too-late@test.taswiq.dz')
    const refused: MailTransport = { sendMail: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })) }
    const created = (await rowById(id)).createdAt.getTime()
    expect(await deliverDueEmails(t, refused, { now: new Date(created + MAX_OUTAGE_WAIT_MS - 60_000) })).toMatchObject({ retried: 1, failed: 0 })
    expect(await deliverDueEmails(t, refused, { now: new Date(created + MAX_OUTAGE_WAIT_MS + 3_600_000) })).toMatchObject({ retried: 0, failed: 1 })
    const row = await rowById(id)
    expect(row.failedAt).toBeInstanceOf(Date)
    expect(row.sentAt).toBeNull()
  })

  it('tells "not now" from "never"', () => {
    expect(isTransientSmtpFailure(Object.assign(new Error('x'), { code: 'ESOCKET' }))).toBe(true)
    expect(isTransientSmtpFailure(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toBe(true)
    expect(isTransientSmtpFailure(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 450 }))).toBe(true)
    expect(isTransientSmtpFailure(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550 }))).toBe(false)
    expect(isTransientSmtpFailure(Object.assign(new Error('x'), { code: 'EAUTH', responseCode: 535 }))).toBe(false)
    expect(isTransientSmtpFailure(new Error('550 no such user'))).toBe(false)
  })
})

describe('startOutboxWorker', () => {
  it('delivers what is queued when kicked, and stop() waits for the round in flight', async () => {
    const log = { info: vi.fn(), error: vi.fn() }
    const worker = startOutboxWorker({ getConnection: async () => t, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, intervalMs: 60_000, log })
    const id = await queue('kicked@test.taswiq.dz')
    worker.kick()
    await vi.waitFor(async () => expect((await rowById(id)).sentAt).toBeInstanceOf(Date), { timeout: 10_000, interval: 50 })
    await worker.stop()
    expect(smtp.received.map(outboxIdOf)).toEqual([id])
    expect(log.error).not.toHaveBeenCalled()
  })

  it('keeps going after a failing round instead of throwing out of the timer', async () => {
    const log = { info: vi.fn(), error: vi.fn() }
    let calls = 0
    const worker = startOutboxWorker({
      getConnection: async () => {
        calls++
        if (calls === 1) throw new Error('database restarting')
        return t
      },
      transport,
      intervalMs: 20,
      log,
    })
    const id = await queue('after-hiccup@test.taswiq.dz')
    await vi.waitFor(async () => expect((await rowById(id)).sentAt).toBeInstanceOf(Date), { timeout: 10_000, interval: 50 })
    await worker.stop()
    expect(log.error).toHaveBeenCalledWith('outbox: delivery round failed', expect.any(Error))
  })

  it('sends nothing without SMTP and says where the emails are', async () => {
    const log = { info: vi.fn(), error: vi.fn() }
    const getConnection = vi.fn(async () => t)
    const worker = startOutboxWorker({ getConnection, log, intervalMs: 10 })
    await queue('dev@test.taswiq.dz')
    worker.kick()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await worker.stop()
    expect(getConnection).not.toHaveBeenCalled()
    expect(log.info).toHaveBeenCalledTimes(1)
    expect(log.info).toHaveBeenCalledWith('SMTP_URL unset: emails stay in the outbox, read them at /dev/mailbox')
  })
})

describe('listRecentEmails', () => {
  it('lists the newest first and filters by recipient, ignoring case', async () => {
    const first = await queue('first@test.taswiq.dz')
    const second = await queue('Second@Test.Taswiq.dz')
    const all = await listRecentEmails(t.db)
    expect(all.map((e) => e.id)).toEqual([second, first])
    expect(all[0]).toMatchObject({ kind: 'verification_code', to: 'Second@Test.Taswiq.dz', sentAt: null })
    const filtered = await listRecentEmails(t.db, { to: 'second@test.taswiq.dz' })
    expect(filtered.map((e) => e.id)).toEqual([second])
    expect(await listRecentEmails(t.db, { limit: 1 })).toHaveLength(1)
  })
})
