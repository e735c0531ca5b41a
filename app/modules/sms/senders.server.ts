import type { Env } from '~/utils/env.server'
import { isDevMailboxOn } from '~/utils/env.server'
import { PermanentSmsError, type SmsSender } from './sms.server'

/**
 * The local sender: nothing leaves the machine; the text is marked sent and read at /dev/mailbox
 * (development, and `npm start` / the browser tests with DEV_MAILBOX=true).
 */
export const devMailboxSender: SmsSender = {
  name: 'dev-mailbox',
  async send({ idempotencyKey }) {
    return { providerMessageId: `dev-mailbox:${idempotencyKey}` }
  },
}

/** The cloud server of SMS Gateway for Android (sms-gate.app); a private server has its own address. */
export const SMS_GATE_DEFAULT_URL = 'https://api.sms-gate.app/3rdparty/v1'

/**
 * The real provider: "SMS Gateway for Android" (https://sms-gate.app, Apache-2.0, documented HTTP
 * API): texts leave from an Android phone with an Algerian SIM (Mobilis, Djezzy, Ooredoo), through
 * its cloud relay or a self-hosted server. `POST {url}/message` with Basic auth and
 * `{ id, textMessage: { text }, phoneNumbers: [to] }` answers 202 with the message's state. Our
 * outbox row id is the message `id`: a retry of a message the gateway already took is refused
 * with 409, which we count as sent (decision 016).
 */
export function smsGateSender({ url = SMS_GATE_DEFAULT_URL, username, password, timeoutMs = 15_000 }: { url?: string; username: string; password: string; timeoutMs?: number }): SmsSender {
  const base = url.replace(/\/+$/, '')
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  return {
    name: 'sms-gate',
    async send({ to, body, idempotencyKey }) {
      const response = await fetch(`${base}/message`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ id: idempotencyKey, textMessage: { text: body }, phoneNumbers: [to] }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (response.status === 409) return { providerMessageId: idempotencyKey }
      const text = await response.text()
      if (!response.ok) {
        const error = `sms-gate answered ${response.status}: ${text.slice(0, 300)}`
        // 5xx and 429 are "not now"; other 4xx (bad credentials, a refused number) will not improve.
        if (response.status >= 500 || response.status === 429) throw new Error(error)
        throw new PermanentSmsError(error)
      }
      let id: string | null = null
      try {
        id = (JSON.parse(text) as { id?: string }).id ?? null
      } catch {
        // An answer without a readable body still means the message was accepted.
      }
      return { providerMessageId: id ?? idempotencyKey }
    },
  }
}

/** The sender the environment asks for: the gateway when configured, else the dev mailbox when it is on, else none. */
export function smsSenderFromEnv(env: Env): SmsSender | null {
  if (env.SMS_GATEWAY_USERNAME && env.SMS_GATEWAY_PASSWORD) {
    return smsGateSender({ url: env.SMS_GATEWAY_URL, username: env.SMS_GATEWAY_USERNAME, password: env.SMS_GATEWAY_PASSWORD })
  }
  return isDevMailboxOn(env) ? devMailboxSender : null
}
