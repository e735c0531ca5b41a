import type { Db } from '#db/client'
import { partnerApiCalls } from '#db/schema'
import { consume } from '~/modules/accounts/rate-limit.server'
import { readDataset } from './datasets.server'
import { findKey, type PartnerKey } from './keys.server'
import { PartnerQuerySchema, partnerDatasets, responseSchemas, type PartnerDataset } from './schemas'

// One partner API call, from the request to the JSON answer (decision 021): the key (401 when
// missing, unknown or revoked), its rate limit (429 with Retry-After, the shared PostgreSQL
// counters), its scope (403 for a dataset or wilaya outside it), the rows, validated by the very
// schema the OpenAPI document publishes, and one log row for every call whatever its answer.

export const isPartnerDataset = (value: string): value is PartnerDataset => (partnerDatasets as readonly string[]).includes(value)

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })
}

function presentedKey(request: Request) {
  const auth = request.headers.get('Authorization') ?? ''
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1]
  return bearer ?? request.headers.get('X-Api-Key') ?? null
}

export async function handlePartnerRequest(db: Db, request: Request, { dataset, ip = null, now = new Date() }: { dataset: string; ip?: string | null; now?: Date }) {
  const url = new URL(request.url)
  let key: PartnerKey | null = null
  const answer = async (status: number, body: unknown, headers?: Record<string, string>) => {
    await db.insert(partnerApiCalls).values({ keyId: key?.id ?? null, method: request.method, path: (url.pathname + url.search).slice(0, 500), status, ip })
    return json(status, body, headers)
  }

  const presented = presentedKey(request)
  key = presented && presented.length < 200 ? await findKey(db, presented) : null
  if (!key || key.revokedAt) return answer(401, { error: key ? 'revoked_key' : 'invalid_key' }, { 'WWW-Authenticate': 'Bearer realm="taswiq-partners"' })

  const limit = await consume(db, `partner:${key.id}`, { points: key.ratePerMinute, windowSeconds: 60 }, now)
  if (!limit.allowed) return answer(429, { error: 'rate_limited' }, { 'Retry-After': String(Math.max(1, limit.retryAfterSeconds)) })

  if (!isPartnerDataset(dataset)) return answer(404, { error: 'unknown_dataset' })
  if (!key.datasets.includes(dataset)) return answer(403, { error: 'dataset_out_of_scope' })
  const query = PartnerQuerySchema.safeParse(Object.fromEntries(url.searchParams))
  if (!query.success) return answer(400, { error: 'invalid_query' })
  if (query.data.wilaya !== undefined && !key.wilayaCodes.includes(query.data.wilaya)) return answer(403, { error: 'wilaya_out_of_scope' })

  const wilayas = query.data.wilaya !== undefined ? [query.data.wilaya] : key.wilayaCodes
  const data = await readDataset(db, dataset, { wilayas, category: dataset === 'shops' ? query.data.category : undefined })
  // The published schema checks the answer: a row that does not fit is a bug here, never sent.
  const body = responseSchemas[dataset].parse({ dataset, wilayas, data })
  return answer(200, body)
}
