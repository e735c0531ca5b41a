// A small local stand-in for an EcoTrack carrier's API (one host per carrier company), from its
// public documentation: Bearer token (401 otherwise), 5 requests a second (429):
//   POST /api/v1/create/order            → { success: true, tracking }  (422 with errors on bad input)
//   GET  /api/v1/get/order/label?tracking → the label PDF               (422 when unknown)
//   GET  /api/v1/get/tracking/info?tracking → { tracking, activity: [{ status, event, date }] }
//   GET  /api/v1/get/fees                 → { livraison: [{ wilaya_id, tarif, tarif_stopdesk }] }
//   GET  /api/v1/get/communes?wilaya_id   → [{ nom, wilaya_id, has_stop_desk }]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeEcotrack = {
  url: string
  orders: Map<string, Record<string, unknown>>
  activity: Map<string, { status: string; event: string; date: string }[]>
  requests: { method: string; path: string; body: unknown; authorization: string | undefined }[]
  failNext(status: number): void
  advance(tracking: string, status: string, event?: string): void
  close(): Promise<void>
}

export const FAKE_LABEL_PDF = '%PDF-1.4\n% fake EcoTrack label\n%%EOF\n'

export async function startFakeEcotrack({ token, perSecond = 5 }: { token: string; perSecond?: number }): Promise<FakeEcotrack> {
  const orders = new Map<string, Record<string, unknown>>()
  const activity = new Map<string, { status: string; event: string; date: string }[]>()
  const requests: FakeEcotrack['requests'] = []
  let failWith: number | null = null
  let counter = 0
  let clock = Date.now()
  const window: number[] = []
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = ''
      req.on('data', (c) => (data += c))
      req.on('end', () => resolve(data))
    })
  const advance = (tracking: string, status: string, event = status) => {
    clock = Math.max(clock + 60_000, Date.now())
    const d = new Date(clock + 3_600_000).toISOString().replace('T', ' ').slice(0, 19)
    activity.get(tracking)!.push({ status, event, date: d })
  }
  const server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    const raw = req.method === 'POST' ? await readBody(req) : ''
    const body = raw ? JSON.parse(raw) : null
    requests.push({ method: req.method ?? 'GET', path: u.pathname + u.search, body, authorization: req.headers.authorization })
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { message: 'Unauthenticated.' })
    const now = Date.now()
    while (window.length && window[0]! <= now - 1000) window.shift()
    if (window.length >= perSecond) return send(res, 429, { message: 'Too Many Attempts.' }, { 'Retry-After': '1' })
    window.push(now)
    if (failWith) {
      const status = failWith
      failWith = null
      return send(res, status, { message: 'fake failure' })
    }
    if (req.method === 'POST' && u.pathname === '/api/v1/create/order') {
      const missing = ['nom_client', 'telephone', 'adresse', 'commune', 'code_wilaya', 'montant', 'type'].filter((k) => body?.[k] === undefined || body?.[k] === '')
      if (missing.length) return send(res, 422, { message: 'The given data was invalid.', errors: Object.fromEntries(missing.map((k) => [k, [`${k} is required`]])) })
      const tracking = `ECO${String(++counter).padStart(8, '0')}`
      orders.set(tracking, { ...body, tracking })
      activity.set(tracking, [])
      advance(tracking, 'order_information_received_by_carrier')
      return send(res, 200, { success: true, tracking })
    }
    const tracking = u.searchParams.get('tracking') ?? ''
    if (u.pathname === '/api/v1/get/order/label') {
      if (!orders.has(tracking)) return send(res, 422, { message: 'tracking not found' })
      res.writeHead(200, { 'Content-Type': 'application/pdf' })
      return res.end(FAKE_LABEL_PDF)
    }
    if (u.pathname === '/api/v1/get/tracking/info') {
      if (!orders.has(tracking)) return send(res, 422, { message: 'tracking not found' })
      return send(res, 200, { tracking, activity: activity.get(tracking) })
    }
    if (u.pathname === '/api/v1/get/fees') {
      return send(res, 200, { livraison: [16, 15, 31].map((w) => ({ wilaya_id: w, tarif: String(500 + w), tarif_stopdesk: String(300 + w) })) })
    }
    if (u.pathname === '/api/v1/get/communes') {
      const w = Number(u.searchParams.get('wilaya_id'))
      return send(res, 200, [
        { nom: 'Centre-ville', wilaya_id: w, code_postal: '', has_stop_desk: 1 },
        { nom: 'Village', wilaya_id: w, code_postal: '', has_stop_desk: 0 },
      ])
    }
    return send(res, 404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    orders,
    activity,
    requests,
    failNext: (status) => void (failWith = status),
    advance,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
