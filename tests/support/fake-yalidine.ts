// A small local stand-in for Yalidine's REST API v1 (Guepex runs the same), written from its public
// documentation, so the adapter runs end to end without the internet:
//   POST   /v1/parcels/            create (an array of parcels, answered keyed by order_id)
//   GET    /v1/parcels/?order_id=  list, filtered by order_id      GET /v1/parcels/:tracking
//   DELETE /v1/parcels/:tracking   only while "En préparation"
//   GET    /v1/histories/:tracking newest first, as documented
//   GET    /v1/centers/?wilaya_id= GET /v1/fees/?from_wilaya_id=&to_wilaya_id=
// X-API-ID / X-API-TOKEN checked (401); 5 requests a second per API id (429 + Retry-After).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

export type FakeYalidineParcel = Record<string, unknown> & { tracking: string; order_id: string; last_status: string; label: string }
export type FakeYalidine = {
  url: string
  parcels: Map<string, FakeYalidineParcel>
  histories: Map<string, { date_status: string; status: string; reason: string }[]>
  requests: { method: string; path: string; body: unknown }[]
  /** The next request answers this status (and creates nothing). */
  failNext(status: number): void
  /** The next parcel creation is made, but its answer comes this late (a client timeout). */
  slowNextCreate(ms: number): void
  /** Adds a status to a parcel's history, as the carrier would. */
  advance(tracking: string, status: string, reason?: string): void
  close(): Promise<void>
}

const pad = (n: number) => String(n).padStart(2, '0')
/** Algerian local time, as Yalidine writes it. */
function yalidineDate(d: Date) {
  const t = new Date(d.getTime() + 60 * 60 * 1000)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
}

export async function startFakeYalidine({ apiId, apiToken, perSecond = 5, port = 0 }: { apiId: string; apiToken: string; perSecond?: number; port?: number }): Promise<FakeYalidine> {
  const parcels = new Map<string, FakeYalidineParcel>()
  const histories = new Map<string, { date_status: string; status: string; reason: string }[]>()
  const requests: FakeYalidine['requests'] = []
  let failWith: number | null = null
  let slowCreate = 0
  let counter = 0
  let clock = Date.now()
  const window: number[] = []
  let url = ''

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
  const advance = (tracking: string, status: string, reason = '') => {
    const parcel = parcels.get(tracking)
    if (!parcel) throw new Error(`no parcel ${tracking}`)
    clock = Math.max(clock + 60_000, Date.now())
    parcel.last_status = status
    histories.get(tracking)!.unshift({ date_status: yalidineDate(new Date(clock)), status, reason })
  }

  const server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    const raw = req.method === 'POST' ? await readBody(req) : ''
    const body = raw ? JSON.parse(raw) : null
    requests.push({ method: req.method ?? 'GET', path: u.pathname + u.search, body })
    // The label link Yalidine gives is public (no API headers), as documented.
    if (u.pathname === '/app/bordereau.php') {
      res.writeHead(200, { 'Content-Type': 'application/pdf' })
      return res.end(`%PDF-1.4\n% fake Yalidine label ${u.searchParams.get('tracking')}\n%%EOF\n`)
    }
    if (req.headers['x-api-id'] !== apiId || req.headers['x-api-token'] !== apiToken) return send(res, 401, { error: { code: 401, message: 'Unauthorized' } })
    const now = Date.now()
    while (window.length && window[0]! <= now - 1000) window.shift()
    if (window.length >= perSecond) return send(res, 429, { error: { code: 429, message: 'Too Many Requests' } }, { 'Retry-After': '1', 'x-second-quota-left': '0' })
    window.push(now)
    if (failWith) {
      const status = failWith
      failWith = null
      return send(res, status, { error: { code: status, message: 'fake failure' } })
    }
    const path = u.pathname.replace(/\/+$/, '')
    if (req.method === 'POST' && path === '/v1/parcels') {
      if (!Array.isArray(body)) return send(res, 422, { error: { code: 422, message: 'an array of parcels is expected' } })
      const answer: Record<string, unknown> = {}
      for (const p of body as Record<string, unknown>[]) {
        const missing = ['order_id', 'from_wilaya_name', 'firstname', 'familyname', 'contact_phone', 'address', 'to_commune_name', 'to_wilaya_name', 'product_list', 'price', 'is_stopdesk'].filter(
          (k) => p[k] === undefined || p[k] === ''
        )
        if (missing.length || (p.is_stopdesk && !p.stopdesk_id)) {
          answer[String(p.order_id)] = { success: false, order_id: p.order_id, tracking: null, message: `missing: ${missing.join(',') || 'stopdesk_id'}` }
          continue
        }
        const tracking = `yal-${(++counter).toString(36).toUpperCase().padStart(6, '0')}`
        const label = `${url}/app/bordereau.php?tracking=${tracking}&token=fake`
        parcels.set(tracking, { ...p, tracking, order_id: String(p.order_id), last_status: 'En préparation', label })
        histories.set(tracking, [])
        advance(tracking, 'En préparation')
        answer[String(p.order_id)] = { success: true, order_id: p.order_id, tracking, import_id: 1, label, labels: label }
      }
      if (slowCreate) {
        const ms = slowCreate
        slowCreate = 0
        await new Promise((r) => setTimeout(r, ms))
      }
      return send(res, 200, answer)
    }
    if (req.method === 'GET' && path === '/v1/parcels') {
      const orderIds = u.searchParams.get('order_id')?.split(',')
      const data = [...parcels.values()].filter((p) => !orderIds || orderIds.includes(p.order_id))
      return send(res, 200, { has_more: false, total_data: data.length, data, links: {} })
    }
    const one = path.match(/^\/v1\/(parcels|histories)\/([^/]+)$/)
    if (one) {
      const tracking = decodeURIComponent(one[2]!)
      const parcel = parcels.get(tracking)
      if (one[1] === 'parcels' && req.method === 'DELETE') {
        const deleted = Boolean(parcel && parcel.last_status === 'En préparation')
        if (deleted) parcels.delete(tracking)
        return send(res, 200, [{ tracking, deleted }])
      }
      if (!parcel) return send(res, 404, { error: { code: 404, message: 'Not found' } })
      if (one[1] === 'parcels') return send(res, 200, parcel)
      const data = histories.get(tracking)!.map((h) => ({ ...h, tracking, center_id: 160101, center_name: 'Centre de Bab Ezzouar', wilaya_id: 16, wilaya_name: 'Alger', commune_id: 1601, commune_name: 'Bab Ezzouar' }))
      return send(res, 200, { has_more: false, total_data: data.length, data, links: {} })
    }
    if (path === '/v1/centers') {
      const wilaya = Number(u.searchParams.get('wilaya_id'))
      const data = [1, 2].map((n) => ({ center_id: wilaya * 10000 + n, name: `Agence ${wilaya}-${n}`, address: `Rue ${n}`, gps: '', commune_id: wilaya * 100 + n, commune_name: `Commune ${n}`, wilaya_id: wilaya, wilaya_name: `W${wilaya}` }))
      return send(res, 200, { has_more: false, total_data: data.length, data, links: {} })
    }
    if (path === '/v1/fees') {
      const to = Number(u.searchParams.get('to_wilaya_id'))
      return send(res, 200, {
        from_wilaya_name: 'X',
        to_wilaya_name: `W${to}`,
        zone: 2,
        retour_fee: 250,
        cod_percentage: 1,
        insurance_percentage: 1,
        oversize_fee: 100,
        per_commune: {
          [String(to * 100 + 1)]: { commune_id: to * 100 + 1, commune_name: 'A', express_home: 600, express_desk: 400, economic_home: null, economic_desk: null },
          [String(to * 100 + 2)]: { commune_id: to * 100 + 2, commune_name: 'B', express_home: 700, express_desk: 450, economic_home: null, economic_desk: null },
        },
      })
    }
    return send(res, 404, { error: { code: 404, message: 'Not found' } })
  })
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    parcels,
    histories,
    requests,
    failNext: (status) => void (failWith = status),
    slowNextCreate: (ms) => void (slowCreate = ms),
    advance,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

// Run alone (the browser tests' server does): tsx tests/support/fake-yalidine.ts --port 13303 --id e2e-id --token e2e-token
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, id: { type: 'string' }, token: { type: 'string' } } })
  const fake = await startFakeYalidine({ apiId: values.id ?? 'e2e-id', apiToken: values.token ?? 'e2e-token', port: Number(values.port ?? 0) })
  console.log(`fake Yalidine on ${fake.url}`)
}
