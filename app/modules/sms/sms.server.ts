import { and, desc, eq } from 'drizzle-orm'
import type { DbConnection, DbOrTx } from '#db/client'
import { smsOutbox } from '#db/schema'
import { startPollingWorker, type PollingWorker } from '~/modules/notifications/polling-worker.server'

// Text messages (issue 16, decision 016). The one way in for every module:
//
//   await queueSms(tx, { to: '+213661234567', kind: 'phone_code', body: '…' })   // in your transaction
//   kickSms()                                                                    // after it commits
//
// The row is written in the caller's transaction and leaves only if it commits; the worker started
// by server.ts sends it afterwards through the configured `SmsSender`, never inside a transaction.
// The row id goes to the provider as the message id, so a retry after a lost answer is not sent twice.

/** One way to deliver a text. `idempotencyKey` is the same on every retry of one message. */
export interface SmsSender {
  readonly name: string
  send(message: { to: string; body: string; idempotencyKey: string }): Promise<{ providerMessageId: string | null }>
}

/** A refusal that will not get better by retrying (a bad number, bad credentials): the row is given up at once. */
export class PermanentSmsError extends Error {}

export type QueuedSms = {
  /** E.164, e.g. +213661234567 (what `PhoneSchema` stores). */
  to: string
  /** What the message is, for the dev mailbox and logs: `phone_code`, `order_status`… */
  kind: string
  /** The text, already in the reader's language. Keep it short: 160 GSM characters, 70 in Arabic, per part. */
  body: string
}

/** Queues a text in the caller's transaction; returns the row id. */
export async function queueSms(tx: DbOrTx, message: QueuedSms): Promise<string> {
  if (!/^\+\d{8,15}$/.test(message.to)) throw new Error(`queueSms: not an E.164 number: ${message.to}`)
  const [row] = await tx
    .insert(smsOutbox)
    .values({ kind: message.kind, toNumber: message.to, body: message.body })
    .returning({ id: smsOutbox.id })
  if (!row) throw new Error('sms_outbox insert returned no row')
  return row.id
}

export const SMS_MAX_ATTEMPTS = 6
export const SMS_CLAIM_LEASE_MS = 60_000
/** 20 s, 40 s, 80 s… at most 10 minutes: a code older than its 15 minutes is of no use anyway. */
export const smsRetryDelayMs = (failedAttempts: number) => Math.min(20_000 * 2 ** Math.max(0, failedAttempts - 1), 10 * 60_000)

export type SmsDeliveryResult = { claimed: number; sent: number; retried: number; failed: number; lastError: string | null }

type ClaimedSms = { id: string; to: string; body: string; attempts: number; created_at: unknown }

/**
 * Sends due texts, at most `batchSize`: claim (one statement, `FOR UPDATE SKIP LOCKED`, attempt
 * counted and the row leased), send with no transaction open, record each result by its own
 * statement — the email outbox's scheme (decision 002). At-least-once after a crash; the provider's
 * idempotency key turns that into once.
 */
export async function deliverDueSms(
  conn: Pick<DbConnection, 'query'>,
  sender: SmsSender,
  { batchSize = 10, now = new Date() }: { batchSize?: number; now?: Date } = {},
): Promise<SmsDeliveryResult> {
  const claimed = await conn.query<ClaimedSms>(
    `UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = $2::timestamptz
     WHERE id IN (
       SELECT id FROM sms_outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1::timestamptz
       ORDER BY next_attempt_at LIMIT $3::int
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id, to_number AS "to", body, attempts, created_at`,
    [now.toISOString(), new Date(now.getTime() + SMS_CLAIM_LEASE_MS).toISOString(), batchSize],
  )
  const time = (value: unknown) => new Date(value as string | Date).getTime()
  claimed.sort((a, b) => time(a.created_at) - time(b.created_at))
  const result: SmsDeliveryResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, lastError: null }
  for (const row of claimed) {
    let providerMessageId: string | null
    try {
      ;({ providerMessageId } = await sender.send({ to: row.to, body: row.body, idempotencyKey: row.id }))
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
      result.lastError = message
      if (error instanceof PermanentSmsError || row.attempts >= SMS_MAX_ATTEMPTS) {
        await conn.query(`UPDATE sms_outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND attempts = $3::int AND sent_at IS NULL`, [
          row.id,
          message,
          row.attempts,
        ])
        result.failed++
      } else {
        await conn.query(
          `UPDATE sms_outbox SET next_attempt_at = $2::timestamptz, last_error = $3 WHERE id = $1 AND attempts = $4::int AND sent_at IS NULL`,
          [row.id, new Date(now.getTime() + smsRetryDelayMs(row.attempts)).toISOString(), message, row.attempts],
        )
        result.retried++
      }
      continue
    }
    await conn.query(`UPDATE sms_outbox SET sent_at = now(), last_error = NULL, provider_message_id = $2 WHERE id = $1 AND sent_at IS NULL`, [
      row.id,
      providerMessageId,
    ])
    result.sent++
  }
  return result
}

export type SmsWorker = PollingWorker

/** Runs `deliverDueSms` every `intervalMs` and right away when kicked (after a commit that queued a text). */
export function startSmsWorker({
  getConnection,
  sender,
  intervalMs = 5000,
  batchSize = 10,
  log = console,
}: {
  getConnection: () => Promise<DbConnection>
  sender: SmsSender
  intervalMs?: number
  batchSize?: number
  log?: Pick<Console, 'info' | 'error'>
}): SmsWorker {
  return startPollingWorker({
    name: 'sms',
    intervalMs,
    log,
    batch: async () => {
      const result = await deliverDueSms(await getConnection(), sender, { batchSize })
      if (result.sent || result.retried || result.failed) {
        const summary = `sms (${sender.name}): ${result.sent} sent, ${result.retried} to retry, ${result.failed} given up`
        if (result.lastError) log.error(`${summary}; last error: ${result.lastError}`)
        else log.info(summary)
      }
      return { more: result.claimed >= batchSize }
    },
  })
}

// The worker of this process, registered by server.ts; on globalThis because server.ts and the
// Remix build are two copies of the app's modules (as the email outbox's worker.server.ts).
const g = globalThis as typeof globalThis & { __taswiqSmsWorker?: SmsWorker }
export function registerSmsWorker(worker: SmsWorker) {
  g.__taswiqSmsWorker = worker
}
/** Asks the worker to send soon: call after committing a transaction that queued a text. */
export function kickSms() {
  g.__taswiqSmsWorker?.kick()
}

/** The newest texts, for the dev mailbox; `to` is an E.164 number. */
export function listRecentSms(db: DbOrTx, { limit = 50, to }: { limit?: number; to?: string } = {}) {
  return db
    .select()
    .from(smsOutbox)
    .where(to ? and(eq(smsOutbox.toNumber, to)) : undefined)
    .orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id))
    .limit(limit)
}
