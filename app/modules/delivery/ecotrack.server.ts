import { CarrierError, carrierFetch, spacerFor, type Carrier, type ParcelState } from './carrier'

// EcoTrack, the platform many Algerian carriers run (each company has its own host, e.g.
// https://<company>.ecotrack.dz): Bearer token, /api/v1/create/order (JSON; `reference` is ours),
// /api/v1/get/order/label (the PDF), /api/v1/get/tracking/info, /api/v1/get/fees. Its API offers
// no look-up by reference, so a creation whose answer was lost is not retried blindly: the parcel
// waits for the producer to check (see decision 018).

/** EcoTrack activity codes → our parcel steps (unknown codes are kept in the history without a step). */
export const ECOTRACK_STATES: Record<string, ParcelState | null> = {
  order_information_received_by_carrier: 'created',
  prete_a_expedier: 'created',
  picked: 'picked_up',
  prise_en_charge: 'picked_up',
  accepted_by_carrier: 'in_transit',
  vers_wilaya: 'in_transit',
  en_hub: 'in_transit',
  dispatched_to_driver: 'out_for_delivery',
  en_livraison: 'out_for_delivery',
  livred: 'delivered',
  livre_non_encaisse: 'delivered',
  encaisse_non_paye: 'delivered',
  return_asked: 'returned',
  retour_chez_livreur: 'returned',
  retour_transit_entrepot: 'returned',
  return_in_transit: 'returned',
  return_received: 'returned',
}

export type EcotrackOptions = { baseUrl: string; token: string; timeoutMs?: number; minIntervalMs?: number }

export function createEcotrackCarrier(options: EcotrackOptions): Carrier {
  const base = options.baseUrl.replace(/\/+$/, '')
  const spacer = spacerFor(`ecotrack:${base}:${options.token.slice(0, 8)}`, options.minIntervalMs ?? 200)
  const timeoutMs = options.timeoutMs ?? 15_000
  const headers = { Authorization: `Bearer ${options.token}`, Accept: 'application/json' }
  const get = async <T>(path: string) => (await (await carrierFetch(`${base}${path}`, { headers, timeoutMs, spacer })).json()) as T

  return {
    name: 'ecotrack',
    async createParcel(parcel) {
      const body = {
        reference: parcel.reference,
        nom_client: parcel.recipientName,
        telephone: parcel.phone,
        adresse: parcel.address,
        commune: parcel.communeName,
        code_wilaya: parcel.wilayaCode,
        montant: parcel.codAmount,
        produit: parcel.contents,
        boutique: parcel.shopName,
        type: 1,
        stop_desk: parcel.mode === 'desk' ? 1 : 0,
      }
      const response = await carrierFetch(`${base}/api/v1/create/order`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        timeoutMs,
        spacer,
      })
      const result = (await response.json()) as { success?: boolean; tracking?: string; message?: string }
      if (!result.success || !result.tracking) throw new CarrierError(`EcoTrack refused the order: ${result.message ?? ''}`, 'invalid')
      return { tracking: result.tracking, labelUrl: null }
    },
    async getLabel(parcel) {
      const response = await carrierFetch(`${base}/api/v1/get/order/label?tracking=${encodeURIComponent(parcel.tracking)}`, { headers, timeoutMs, spacer })
      return { kind: 'pdf', bytes: new Uint8Array(await response.arrayBuffer()) }
    },
    async history(tracking) {
      const info = await get<{ activity?: { status: string; event?: string; date: string; causer?: string | null }[] }>(
        `/api/v1/get/tracking/info?tracking=${encodeURIComponent(tracking)}`
      )
      return (info.activity ?? [])
        .map((a) => ({
          carrierStatus: a.status,
          state: ECOTRACK_STATES[a.status] ?? null,
          occurredAt: new Date(`${a.date.replace(' ', 'T')}+01:00`),
          reason: a.event ?? null,
          place: null,
        }))
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    },
    async stopDesks(wilayaCode) {
      const communes = await get<{ nom: string; wilaya_id: number; code_postal?: string; has_stop_desk: number }[] | Record<string, { nom: string; wilaya_id: number; has_stop_desk: number }>>(
        `/api/v1/get/communes?wilaya_id=${wilayaCode}`
      )
      const list = Array.isArray(communes) ? communes : Object.values(communes)
      return list
        .filter((c) => c.has_stop_desk === 1)
        .map((c) => ({ id: c.nom, name: c.nom, address: '', communeName: c.nom, wilayaCode: c.wilaya_id }))
    },
    async fees(_fromWilayaCode, toWilayaCode) {
      const fees = await get<{ livraison?: { wilaya_id: number; tarif: string | number; tarif_stopdesk: string | number }[] }>('/api/v1/get/fees')
      const row = fees.livraison?.find((f) => Number(f.wilaya_id) === toWilayaCode)
      const n = (v: string | number | undefined) => (v === undefined || v === '' || Number(v) <= 0 ? null : Number(v))
      return { wilayaCode: toWilayaCode, home: n(row?.tarif), desk: n(row?.tarif_stopdesk) }
    },
  }
}
