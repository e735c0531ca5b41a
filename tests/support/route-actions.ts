import { createCookie, type ActionFunction } from '@remix-run/node'
import ar from '~/locales/ar.json'
import { createSession } from '~/modules/accounts/sessions.server'
import { getEnv } from '~/utils/env.server'
import { getToast } from '~/utils/toast.server'
import type { DbConnection } from '../../db/client'

// Calling route modules' actions directly, as Remix would, against a test database: the request a
// browser would send (session cookie, Arabic), and what came back, classified.

/** Makes the app's `getDb()` use this test database (it keeps one connection per process). */
export function useDatabaseForRoutes(conn: DbConnection) {
  ;(globalThis as typeof globalThis & { __taswiqDb?: Promise<DbConnection> }).__taswiqDb = Promise.resolve(conn)
}

/** A fresh session for `userId`, as the `Cookie` header a signed-in browser sends (same cookie as app/utils/session.server.ts). */
export async function sessionCookieFor(conn: DbConnection, userId: string) {
  const { token } = await createSession(conn.db, userId, { ip: '10.0.0.1', userAgent: 'vitest' })
  const cookie = createCookie('taswiq_session', { secrets: [getEnv().SESSION_SECRET] })
  const header = await cookie.serialize(token)
  return header.split(';')[0]!
}

export type Outcome =
  | { kind: 'data'; status: number; data: unknown }
  | { kind: 'redirect'; status: number; location: string; setCookies: string[] }
  | { kind: 'response'; status: number; body: string }
  | { kind: 'error'; error: unknown }

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null }
const isDataWithInit = (value: unknown): value is DataWithInit =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'

async function classify(value: unknown): Promise<Outcome> {
  if (value instanceof Response) {
    const location = value.headers.get('Location')
    if (value.status >= 300 && value.status < 400 && location !== null) {
      return { kind: 'redirect', status: value.status, location, setCookies: value.headers.getSetCookie() }
    }
    return { kind: 'response', status: value.status, body: await value.text() }
  }
  if (isDataWithInit(value)) return { kind: 'data', status: value.init?.status ?? 200, data: value.data }
  return { kind: 'data', status: 200, data: value }
}

/** Runs an action the way Remix does: a returned or thrown Response/data() is an answer, anything else thrown is a 500. */
export async function callAction(
  action: ActionFunction,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientIp: '10.0.0.1' }
): Promise<Outcome> {
  try {
    return await classify(await action({ request, params, context }))
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return classify(thrown)
    return { kind: 'error', error: thrown }
  }
}

export function statusOf(outcome: Outcome) {
  return outcome.kind === 'error' ? 500 : outcome.status
}

/** The flash message a redirect carries (a locale key), if any. */
export async function toastKeyOf(outcome: Outcome) {
  if (outcome.kind !== 'redirect') return null
  const cookie = outcome.setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('taswiq_toast='))
  if (!cookie) return null
  const { toast } = await getToast(new Request('http://localhost/', { headers: { Cookie: cookie } }))
  return toast?.key ?? null
}

function flatten(value: unknown, prefix = '', into = new Map<string, string>()) {
  if (typeof value === 'string') into.set(prefix, value)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into)
  return into
}

/** Every key of the Arabic locale (the others are kept in step by scripts/check-locales.ts). */
export const localeKeys = new Set([...flatten(ar).keys()].map((k) => k.replace(/_(one|other|zero|two|few|many)$/, '')))

const arabicLetters = /[\u0600-\u06ff]/

/**
 * What a re-rendered form shows as errors, from the action's data: messages the action translated
 * (`message`, `pageError`, `photoError`, `formError`, form-level errors of a conform result) and
 * field errors of a conform result (locale keys the form translates). `expired` is the reset
 * page's own flag, which it turns into its translated "link expired" message.
 */
export function visibleErrors(data: unknown) {
  const texts: string[] = []
  const keys: { field: string; key: string }[] = []
  let flags = 0
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>
    for (const name of ['message', 'error', 'pageError', 'photoError', 'formError']) {
      if (typeof record[name] === 'string' && record[name]) texts.push(record[name] as string)
    }
    // A list of messages shown as they are (the product options page: one per row of the grid).
    if (Array.isArray(record.errors)) for (const error of record.errors) if (typeof error === 'string' && error) texts.push(error)
    if (record.expired === true) flags++
    const result = record.result as { error?: Record<string, string[] | null> | null } | null | undefined
    for (const [field, errors] of Object.entries(result?.error ?? {})) {
      for (const error of errors ?? []) {
        if (field === '') texts.push(error)
        else keys.push({ field, key: error })
      }
    }
  }
  return { texts, keys, count: texts.length + keys.length + flags }
}

/**
 * Problems with what a re-render would show an Arabic reader. Messages shown as they are must be
 * Arabic text, not a locale key nor zod's English. Field errors are locale keys the form translates;
 * `lenientFields` may carry zod's own message instead: fields the page never shows (hidden inputs),
 * or every field when the request had a shape no form sends (repeated keys, a file for a text) —
 * the form then shows its translated fallback (`validation.invalid`, see FieldErrors).
 */
export function translationProblems(data: unknown, lenientFields: (field: string) => boolean = () => false) {
  const { texts, keys } = visibleErrors(data)
  const problems: string[] = []
  for (const text of texts) {
    if (!arabicLetters.test(text) || localeKeys.has(text)) problems.push(`untranslated message ${JSON.stringify(text.slice(0, 80))}`)
  }
  for (const { field, key } of keys) {
    if (!localeKeys.has(key) && !lenientFields(field)) problems.push(`field ${field}: error ${JSON.stringify(key.slice(0, 80))} is not a locale key`)
  }
  return problems
}

/**
 * A fingerprint of every table of the app's schema: row count and an md5 of all rows' text, in one
 * query. Two equal fingerprints mean no row was added, removed or changed.
 */
export async function fingerprint(conn: DbConnection): Promise<Map<string, string>> {
  const tables = await conn.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)
  const sql = tables
    .map(
      ({ name }) => `select '${name}' as name, count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as print from "${name}" t`
    )
    .join(' union all ')
  const rows = await conn.query<{ name: string; print: string }>(sql)
  return new Map(rows.map((r) => [r.name, r.print]))
}

export function changedTables(before: Map<string, string>, after: Map<string, string>) {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name))
}
