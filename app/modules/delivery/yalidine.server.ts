import { CarrierError, carrierFetch, spacerFor, type Carrier, type CarrierEvent, type CreatedParcel, type NewParcel, type ParcelState } from './carrier'

// Yalidine's REST API v1 (Guepex runs the same API on its own host): headers X-API-ID and
// X-API-TOKEN, JSON bodies, 5 requests a second (then 50/min, 1000/h, 10000/day) answered 429
// beyond. Parcels are created as an array keyed back by their `order_id`, which is also a filter
// of GET /v1/parcels — how a retry finds the parcel an unanswered call may have made.

export const YALIDINE_URL = 'https://api.yalidine.app'
export const GUEPEX_URL = 'https://api.guepex.app'

/** Yalidine's statuses (histories docs) → our parcel steps; null: a status with no step of ours. */
export const YALIDINE_STATES: Record<string, ParcelState | null> = {
  'Pas encore expédié': 'created',
  'A vérifier': 'created',
  'En préparation': 'created',
  'Pas encore ramassé': 'created',
  'Prêt à expédier': 'created',
  Ramassé: 'picked_up',
  Bloqué: null,
  Débloqué: null,
  Transfert: 'in_transit',
  Expédié: 'in_transit',
  Centre: 'in_transit',
  'En localisation': 'in_transit',
  'Vers Wilaya': 'in_transit',
  'Reçu à Wilaya': 'in_transit',
  'En attente du client': 'out_for_delivery',
  'Sorti en livraison': 'out_for_delivery',
  'En attente': null,
  'En alerte': null,
  'Alerte résolue': null,
  'Tentative échouée': null,
  Livré: 'delivered',
  'Echèc livraison': 'returned',
  'Retour vers centre': 'returned',
  'Retourné au centre': 'returned',
  'Retour transfert': 'returned',
  'Retour groupé': 'returned',
  'Retour à retirer': 'returned',
  'Retour vers vendeur': 'returned',
  'Retourné au vendeur': 'returned',
  'Echange échoué': 'returned',
}

/** The state a Yalidine status means (own keys only: `constructor` or `__proto__` is an unknown status). */
export const yalidineState = (status: string): ParcelState | null => (Object.hasOwn(YALIDINE_STATES, status) ? (YALIDINE_STATES[status] ?? null) : null)

/** Yalidine dates are Algerian local time (UTC+1, no summer time): "2022-12-17 01:48:09". */
export function parseYalidineDate(value: string) {
  return new Date(`${value.replace(' ', 'T')}+01:00`)
}

export type YalidineOptions = { baseUrl: string; apiId: string; apiToken: string; name?: 'yalidine' | 'guepex'; timeoutMs?: number; minIntervalMs?: number }

export function createYalidineCarrier(options: YalidineOptions): Carrier {
  const base = options.baseUrl.replace(/\/+$/, '')
  // 5 requests a second: 220 ms apart leaves room for a request that arrives a little late.
  const spacer = spacerFor(`yalidine:${base}:${options.apiId}`, options.minIntervalMs ?? 220)
  const timeoutMs = options.timeoutMs ?? 15_000
  const headers = { 'X-API-ID': options.apiId, 'X-API-TOKEN': options.apiToken, Accept: 'application/json' }
  const get = async <T>(path: string) => (await (await carrierFetch(`${base}${path}`, { headers, timeoutMs, spacer })).json()) as T

  const toCreated = (p: { tracking: string; label?: string | null }): CreatedParcel => ({ tracking: p.tracking, labelUrl: p.label ?? null })

  return {
    name: options.name ?? 'yalidine',
    async createParcel(parcel: NewParcel) {
      const [firstname, ...rest] = parcel.recipientName.trim().split(/\s+/)
      const body = [
        {
          order_id: parcel.reference,
          from_wilaya_name: parcel.fromWilayaName,
          firstname: firstname ?? parcel.recipientName,
          familyname: rest.join(' ') || firstname || parcel.recipientName,
          contact_phone: parcel.phone,
          address: parcel.address,
          to_commune_name: parcel.communeName,
          to_wilaya_name: parcel.wilayaName,
          product_list: parcel.contents,
          price: parcel.codAmount,
          do_insurance: false,
          declared_value: parcel.codAmount,
          length: 0,
          width: 0,
          height: 0,
          weight: 0,
          freeshipping: false,
          is_stopdesk: parcel.mode === 'desk',
          ...(parcel.mode === 'desk' && parcel.stopDeskId ? { stopdesk_id: parcel.stopDeskId } : {}),
          has_exchange: false,
        },
      ]
      const response = await carrierFetch(`${base}/v1/parcels/`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        timeoutMs,
        spacer,
      })
      const result = (await response.json()) as Record<string, { success: boolean; tracking?: string; label?: string; message?: string }>
      const mine = result[parcel.reference]
      if (!mine?.success || !mine.tracking) throw new CarrierError(`Yalidine refused the parcel: ${mine?.message ?? JSON.stringify(result).slice(0, 200)}`, 'invalid')
      return toCreated({ tracking: mine.tracking, label: mine.label })
    },
    async findParcel(reference) {
      const list = await get<{ data: { tracking: string; label?: string | null }[] }>(`/v1/parcels/?order_id=${encodeURIComponent(reference)}`)
      const found = list.data?.[0]
      return found ? toCreated(found) : null
    },
    async getLabel(parcel) {
      if (parcel.labelUrl) return { kind: 'url', url: parcel.labelUrl }
      const found = await get<{ tracking: string; label: string | null }>(`/v1/parcels/${encodeURIComponent(parcel.tracking)}`)
      if (!found.label) throw new CarrierError('no label', 'not_found')
      return { kind: 'url', url: found.label }
    },
    async history(tracking) {
      const list = await get<{ data: { date_status: string; status: string; reason?: string | null; center_name?: string | null; commune_name?: string | null; wilaya_name?: string | null }[] }>(
        `/v1/histories/${encodeURIComponent(tracking)}`
      )
      return (list.data ?? [])
        .map(
          (h): CarrierEvent => ({
            carrierStatus: h.status,
            state: yalidineState(h.status),
            occurredAt: parseYalidineDate(h.date_status),
            reason: h.reason || null,
            place: [h.commune_name, h.wilaya_name].filter(Boolean).join(', ') || h.center_name || null,
          })
        )
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    },
    async stopDesks(wilayaCode) {
      const list = await get<{ data: { center_id: number; name: string; address: string; commune_name: string; wilaya_id: number }[] }>(`/v1/centers/?wilaya_id=${wilayaCode}`)
      return (list.data ?? []).map((c) => ({ id: String(c.center_id), name: c.name, address: c.address, communeName: c.commune_name, wilayaCode: c.wilaya_id }))
    },
    async fees(fromWilayaCode, toWilayaCode) {
      const fees = await get<{ per_commune?: Record<string, { express_home: number | null; express_desk: number | null }> }>(
        `/v1/fees/?from_wilaya_id=${fromWilayaCode}&to_wilaya_id=${toWilayaCode}`
      )
      const communes = Object.values(fees.per_commune ?? {})
      const min = (values: (number | null)[]) => {
        const known = values.filter((v): v is number => typeof v === 'number' && v > 0)
        return known.length ? Math.min(...known) : null
      }
      return { wilayaCode: toWilayaCode, home: min(communes.map((c) => c.express_home)), desk: min(communes.map((c) => c.express_desk)) }
    },
    async cancel(tracking) {
      const response = await carrierFetch(`${base}/v1/parcels/${encodeURIComponent(tracking)}`, { method: 'DELETE', headers, timeoutMs, spacer })
      const result = (await response.json()) as { deleted?: boolean } | { deleted?: boolean }[]
      return Array.isArray(result) ? Boolean(result[0]?.deleted) : Boolean(result.deleted)
    },
  }
}
