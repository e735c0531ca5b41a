// A small local stand-in for "SMS Gateway for Android" (sms-gate.app), written from its public API
// docs, so tests run our real client (app/modules/sms/senders.server.ts) over HTTP:
//   POST {base}/message   Basic auth (401 otherwise); JSON { id?, textMessage: { text }, phoneNumbers: [...] }
//                         → 202 { id, state: 'Pending', recipients: [{ phoneNumber, state }] };
//                         400 without text or numbers; 409 when a message with this id was already taken.
//   GET  {base}/message/:id   the message's state (404 when unknown).
// `failNext(n, status)` makes the next n sends answer `status` (an outage); `messages` is what was taken.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeSmsMessage = { id: string; text: string; phoneNumbers: string[]; receivedAt: Date }
export type FakeSmsGate = {
  /** The API base to give the client (…/3rdparty/v1). */
  url: string
  messages: FakeSmsMessage[]
  /** Requests seen, duplicates and failures included. */
  requests: number
  failNext(count: number, status?: number): void
  close(): Promise<void>
}

export async function startFakeSmsGate({ username = 'sms', password = 'secret-pass', port = 0 } = {}): Promise<FakeSmsGate> {
  const messages: FakeSmsMessage[] = []
  let failures: { count: number; status: number } = { count: 0, status: 500 }
  const state = { requests: 0 }
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const readJson = async (req: IncomingMessage) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
  }
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (!path.startsWith('/3rdparty/v1/')) return send(res, 404, { message: 'not found' })
    if (req.headers.authorization !== expected) return send(res, 401, { message: 'Unauthorized' })
    if (req.method === 'POST' && path === '/3rdparty/v1/message') {
      state.requests++
      const body = await readJson(req).catch(() => null)
      if (failures.count > 0) {
        failures.count--
        return send(res, failures.status, { message: 'gateway unavailable' })
      }
      const text = (body?.textMessage as { text?: unknown } | undefined)?.text ?? body?.message
      const phoneNumbers = body?.phoneNumbers
      if (typeof text !== 'string' || !text || !Array.isArray(phoneNumbers) || phoneNumbers.length === 0) {
        return send(res, 400, { message: 'textMessage and phoneNumbers are required' })
      }
      const id = typeof body?.id === 'string' && body.id ? body.id : randomUUID()
      if (messages.some((m) => m.id === id)) return send(res, 409, { message: `message with id ${id} already exists` })
      messages.push({ id, text, phoneNumbers: phoneNumbers as string[], receivedAt: new Date() })
      return send(res, 202, { id, state: 'Pending', recipients: (phoneNumbers as string[]).map((phoneNumber) => ({ phoneNumber, state: 'Pending' })) })
    }
    const match = /^\/3rdparty\/v1\/message\/([^/]+)$/.exec(path)
    if (req.method === 'GET' && match) {
      const message = messages.find((m) => m.id === decodeURIComponent(match[1]!))
      if (!message) return send(res, 404, { message: 'not found' })
      return send(res, 200, { id: message.id, state: 'Sent', recipients: message.phoneNumbers.map((phoneNumber) => ({ phoneNumber, state: 'Sent' })) })
    }
    return send(res, 404, { message: 'not found' })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/3rdparty/v1`,
    messages,
    get requests() {
      return state.requests
    },
    failNext(count, status = 500) {
      failures = { count, status }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
