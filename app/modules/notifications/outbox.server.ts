import { desc, eq, sql } from 'drizzle-orm'
import { createRequire } from 'node:module'
import type Nodemailer from 'nodemailer'
import type { DbConnection, DbOrTx } from '#db/client'
import { outbox } from '#db/schema'
import { isDevMailboxOn } from '~/utils/env.server'
import { startPollingWorker, type PollingWorker } from './polling-worker.server'

export const DEFAULT_MAIL_FROM = 'Taswiq <no-reply@taswiq.dz>'
/** After this many failed attempts the row is marked failed and left alone (unless the failures were an outage, below). */
export const MAX_ATTEMPTS = 8
/**
 * While the SMTP server cannot be reached (or answers "try later", 4xx), an email keeps waiting,
 * retried at most hourly, for this long after it was queued: an outage of a night or a weekend
 * delays emails, it does not lose them. Past that it is given up (a code days old is no use).
 */
export const MAX_OUTAGE_WAIT_MS = 3 * 24 * 60 * 60_000
/**
 * How long a claimed row is ours. Must outlast sending a batch: `deliverDueEmails` stops sending
 * once half of it has passed, and one message is bounded by the SMTP timeouts below (< 1 min).
 */
export const CLAIM_LEASE_MS = 2 * 60_000
const FIRST_RETRY_MS = 30_000
const MAX_RETRY_MS = 60 * 60_000

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; headers?: Record<string, string> }
export type MailTransport = { sendMail(message: OutgoingEmail): Promise<unknown>; close?(): void }
export type DeliveryResult = {
  /** Rows this call took; a full batch means more may be waiting. */
  claimed: number
  sent: number
  /** Rows that reached MAX_ATTEMPTS and were given up. */
  failed: number
  /** Rows that failed this time and were scheduled again. */
  retried: number
  /** Rows claimed but handed back unsent because the lease was running out. */
  released: number
  lastError: string | null
}

/**
 * Whether a sending error says "not now" rather than "never": the server could not be reached
 * (refused, timed out, DNS, socket closed — nodemailer's ECONNECTION, ETIMEDOUT, EDNS, ESOCKET,
 * or Node's own codes) or it answered with a transient 4xx reply.
 */
export function isTransientSmtpFailure(error: unknown) {
  if (typeof error !== 'object' || error === null) return false
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown }
  if (typeof responseCode === 'number') return responseCode >= 400 && responseCode < 500
  return typeof code === 'string' && TRANSIENT_CODES.has(code)
}
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

/** The wait before the next attempt: 30 s, 1 min, 2 min… doubling, at most 1 hour. */
export function retryDelayMs(failedAttempts: number) {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_MS)
}

type ClaimedRow = { id: string; to: string; subject: string; html: string; text: string; attempts: number; created_at: unknown }

/**
 * Sends the due emails, at most `batchSize`.
 *
 * Claim, then send, then record — never an SMTP conversation inside a transaction (DESIGN §1): one
 * statement claims the rows (`FOR UPDATE SKIP LOCKED`, so concurrent workers take disjoint rows)
 * by counting the attempt and pushing `next_attempt_at` a lease ahead; the locks are released at
 * once. Sending happens with no transaction open, and each result is written by its own statement.
 * A worker that dies mid-batch leaves its rows to be taken again when the lease ends, so delivery
 * is at-least-once in a crash and exactly once otherwise (success and SMTP failure alike).
 * Updates after sending check `attempts` still equals the claimed value, so a worker whose lease
 * was somehow overtaken never overwrites the newer claim's state.
 */
export async function deliverDueEmails(
  conn: Pick<DbConnection, 'query'>,
  transport: MailTransport,
  { batchSize = 10, now = new Date() }: { batchSize?: number; now?: Date } = {}
): Promise<DeliveryResult> {
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS)
  const claimed = await conn.query<ClaimedRow>(
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2::timestamptz
     WHERE id IN (
       SELECT id FROM outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1::timestamptz
       ORDER BY next_attempt_at
       LIMIT $3::int
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id, to_address AS "to", subject, html, text, attempts, created_at`,
    [now.toISOString(), leaseUntil.toISOString(), batchSize]
  )
  // RETURNING has no order; oldest first keeps the queue fair.
  const time = (value: unknown) => new Date(value as string | Date).getTime()
  claimed.sort((a, b) => time(a.created_at) - time(b.created_at))

  const result: DeliveryResult = { claimed: claimed.length, sent: 0, failed: 0, retried: 0, released: 0, lastError: null }
  const startedAt = performance.now()
  for (const row of claimed) {
    if (performance.now() - startedAt > CLAIM_LEASE_MS / 2) {
      // Too close to the lease's end to start another conversation: hand the row back untouched.
      await conn.query(
        `UPDATE outbox SET attempts = attempts - 1, next_attempt_at = $2::timestamptz
         WHERE id = $1 AND attempts = $3::int AND sent_at IS NULL`,
        [row.id, now.toISOString(), row.attempts]
      )
      result.released++
      continue
    }
    try {
      await transport.sendMail({
        to: row.to,
        subject: row.subject,
        html: row.html,
        text: row.text,
        headers: { 'X-Taswiq-Outbox-Id': row.id },
      })
    } catch (error) {
      const message = errorMessage(error)
      result.lastError = message
      const giveUp = isTransientSmtpFailure(error) ? now.getTime() - time(row.created_at) >= MAX_OUTAGE_WAIT_MS : row.attempts >= MAX_ATTEMPTS
      if (giveUp) {
        await conn.query(`UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND attempts = $3::int AND sent_at IS NULL`, [
          row.id,
          message,
          row.attempts,
        ])
        result.failed++
      } else {
        const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts))
        await conn.query(
          `UPDATE outbox SET next_attempt_at = $2::timestamptz, last_error = $3
           WHERE id = $1 AND attempts = $4::int AND sent_at IS NULL`,
          [row.id, retryAt.toISOString(), message, row.attempts]
        )
        result.retried++
      }
      continue
    }
    // If this write fails, the message went out but the row is taken again after the lease: a rare
    // duplicate is preferred to a lost verification code.
    await conn.query(`UPDATE outbox SET sent_at = now(), last_error = NULL WHERE id = $1 AND sent_at IS NULL`, [row.id])
    result.sent++
  }
  return result
}

function errorMessage(error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  return message.slice(0, 2000)
}

/** SMTP from a URL (`smtp://user:pass@host:587`, `smtps://…`); options in the URL's query win. */
export function createSmtpTransport(smtpUrl: string, from = DEFAULT_MAIL_FROM): MailTransport {
  // Required here, not imported at the top: a server without SMTP_URL never loads nodemailer
  // (decision 023, "Memory"). Its CommonJS build exports the same API.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer
  return nodemailer.createTransport(
    {
      url: smtpUrl,
      // Bounded so that one message never outlasts the claim lease (nodemailer waits up to 10 min by default).
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from }
  )
}

export type OutboxLogger = {
  info: (message: string, ...rest: unknown[]) => void
  error: (message: string, ...rest: unknown[]) => void
}
/** `kick()` after committing a transaction that queued an email; `stop()` waits for a batch in flight. */
export type OutboxWorker = PollingWorker

/**
 * Runs `deliverDueEmails` every `intervalMs` (and right away when kicked), draining full batches.
 * Without SMTP it sends nothing: the rows stay in the outbox for the dev mailbox to show.
 */
export function startOutboxWorker({
  getConnection,
  smtpUrl,
  from,
  transport,
  intervalMs = 5000,
  batchSize = 10,
  log = console,
}: {
  getConnection: () => Promise<DbConnection>
  smtpUrl?: string
  from?: string
  /** Replaces SMTP (tests, or another provider). */
  transport?: MailTransport
  intervalMs?: number
  batchSize?: number
  log?: OutboxLogger
}): OutboxWorker {
  if (!transport && !smtpUrl) {
    log.info(
      isDevMailboxOn()
        ? 'SMTP_URL unset: emails stay in the outbox, read them at /dev/mailbox'
        : 'SMTP_URL unset: emails stay in the outbox and are not sent (set SMTP_URL, or DEV_MAILBOX=true to read them at /dev/mailbox)',
    )
    return { stop: async () => {}, kick: () => {} }
  }
  const mail = transport ?? createSmtpTransport(smtpUrl!, from)
  return startPollingWorker({
    name: 'outbox',
    intervalMs,
    log,
    onStop: () => mail.close?.(),
    batch: async () => {
      const result = await deliverDueEmails(await getConnection(), mail, { batchSize })
      if (result.sent || result.retried || result.failed) {
        const summary = `outbox: ${result.sent} sent, ${result.retried} to retry, ${result.failed} given up`
        if (result.lastError) log.error(`${summary}; last error: ${result.lastError}`)
        else log.info(summary)
      }
      // Rows handed back because the lease ran out wait for the next tick.
      return { more: result.claimed >= batchSize && result.released === 0 }
    },
  })
}

export type RecentEmail = Awaited<ReturnType<typeof listRecentEmails>>[number]

/** The newest outbox rows, for the dev mailbox; `to` matches the whole address, ignoring case. */
export function listRecentEmails(db: DbOrTx, { limit = 50, to }: { limit?: number; to?: string } = {}) {
  const address = to?.trim().toLowerCase()
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      to: outbox.toAddress,
      subject: outbox.subject,
      html: outbox.html,
      text: outbox.text,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      sentAt: outbox.sentAt,
      failedAt: outbox.failedAt,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(address ? eq(sql`lower(${outbox.toAddress})`, address) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit)
}
