// The one seam to delivery companies. Each adapter speaks its carrier's documented REST API;
// tests run the adapters against local fakes (tests/support/fake-yalidine.ts, fake-ecotrack.ts).

export type ParcelState = 'created' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'returned'

export type NewParcel = {
  /** Our order number, sent as the carrier's order id / reference: how a retry finds the parcel. */
  reference: string
  recipientName: string
  /** Local form, 0XXXXXXXXX (what the carriers accept). */
  phone: string
  address: string
  wilayaCode: number
  wilayaName: string
  communeName: string
  fromWilayaName: string
  mode: 'home' | 'desk'
  /** The carrier's stop-desk id when mode is desk. */
  stopDeskId?: string | null
  /** What the courier collects at the door, in dinars (0 when already paid by card). */
  codAmount: number
  /** What is in the parcel, for the label. */
  contents: string
  shopName: string
}

export type CreatedParcel = { tracking: string; labelUrl: string | null }

export type CarrierEvent = { carrierStatus: string; state: ParcelState | null; occurredAt: Date; reason: string | null; place: string | null }

export type StopDesk = { id: string; name: string; address: string; communeName: string; wilayaCode: number }

export type Fees = { wilayaCode: number; home: number | null; desk: number | null }

export type Label = { kind: 'url'; url: string } | { kind: 'pdf'; bytes: Uint8Array }

export interface Carrier {
  readonly name: string
  createParcel(parcel: NewParcel): Promise<CreatedParcel>
  /** The parcel made earlier with this reference, or null (carriers that cannot look one up: undefined method). */
  findParcel?(reference: string): Promise<CreatedParcel | null>
  getLabel(parcel: { tracking: string; labelUrl: string | null }): Promise<Label>
  /** The parcel's status history, oldest first, each carrier status mapped to ours (null: no step of ours). */
  history(tracking: string): Promise<CarrierEvent[]>
  stopDesks(wilayaCode: number): Promise<StopDesk[]>
  fees(fromWilayaCode: number, toWilayaCode: number): Promise<Fees>
  /** Cancels a parcel not yet picked up; undefined when the carrier does not offer it. */
  cancel?(tracking: string): Promise<boolean>
}

/**
 * A carrier call that failed. `definite`: the carrier answered and made nothing (bad input, bad
 * keys, rate limit) — safe to call again. Otherwise the call may have reached the carrier (timeout,
 * 5xx, connection cut): a retry must look the parcel up first.
 */
export class CarrierError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'invalid' | 'rate_limited' | 'not_found' | 'unavailable' | 'timeout',
    readonly retryAfterMs: number | null = null
  ) {
    super(message)
  }
  get definite() {
    return this.kind === 'auth' || this.kind === 'invalid' || this.kind === 'rate_limited' || this.kind === 'not_found'
  }
}

/** Spaces requests to one account so a carrier's per-second quota is never exceeded (in-process). */
export class RequestSpacer {
  private next = 0
  constructor(private minIntervalMs: number) {}
  async wait() {
    const now = Date.now()
    const at = Math.max(now, this.next)
    this.next = at + this.minIntervalMs
    if (at > now) await new Promise((r) => setTimeout(r, at - now))
  }
  /** After a 429: nobody calls this account before the carrier says so. */
  pause(ms: number) {
    this.next = Math.max(this.next, Date.now() + ms)
  }
  /** Callers asking for a wider spacing get it: the account keeps the widest one asked for. */
  widen(minIntervalMs: number) {
    this.minIntervalMs = Math.max(this.minIntervalMs, minIntervalMs)
  }
}

// One spacer per carrier account, whoever builds the client: the quota is the account's, so a
// page, the checkout and a job each building their own client (with their own options) must still
// queue behind each other — a spacer per option set let them burst past the quota together.
const spacers = new Map<string, RequestSpacer>()
export function spacerFor(account: string, minIntervalMs: number) {
  let spacer = spacers.get(account)
  if (!spacer) spacers.set(account, (spacer = new RequestSpacer(minIntervalMs)))
  else spacer.widen(minIntervalMs)
  return spacer
}

/** fetch with a timeout and the carrier's errors classified. */
export async function carrierFetch(url: string, init: RequestInit & { timeoutMs: number; spacer: RequestSpacer }): Promise<Response> {
  await init.spacer.wait()
  let response: Response
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs) })
  } catch (error) {
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError') throw new CarrierError(`timeout after ${init.timeoutMs} ms`, 'timeout')
    throw new CarrierError(`network: ${(error as Error).message}`, 'unavailable')
  }
  if (response.ok) return response
  const text = await response.text().catch(() => '')
  const detail = `${response.status} ${text.slice(0, 300)}`
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'))
    const ms = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000
    init.spacer.pause(ms)
    throw new CarrierError(detail, 'rate_limited', ms)
  }
  if (response.status === 401 || response.status === 403) throw new CarrierError(detail, 'auth')
  if (response.status === 404) throw new CarrierError(detail, 'not_found')
  if (response.status >= 400 && response.status < 500) throw new CarrierError(detail, 'invalid')
  throw new CarrierError(detail, 'unavailable')
}

/** Dinars for the carriers (they take whole dinars); orders keep centimes. */
export const centimesToWholeDinars = (centimes: number) => Math.round(centimes / 100)
