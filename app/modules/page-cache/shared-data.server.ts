// Data every visitor's page shows the same way (the home page's product lists and categories),
// read once for all renders instead of once per render: a logged-in buyer's page is still
// rendered for them on every request, it just does not ask the database again for the lists an
// anonymous page would show (decision 023, "Uncached renders, session 9").
//
// Same invalidation as the page cache (decision 014): a write that may change catalog pages
// (`mayChangePages`) empties it when it finishes on this server, and an entry is kept under the
// generation its read started in, so a write during the read leaves nothing stored. Writes made on
// another server or outside a request (the unpaid-order sweeper) are seen after FRESH_MS at most.
//
// On only where the page cache is (the production server installs its middleware, which turns this
// on): in development and in tests that call loaders, every call reads the database as before.
//
// The state lives on globalThis: the page-cache middleware is part of the server's own bundle and
// the loaders are part of the Remix build, two copies of this module in one process.

/** How long an entry is used without reading again (writes on this server empty it at once). */
export const SHARED_DATA_FRESH_MS = 10_000

type Entry = { value: unknown; generation: number; storedAt: number }
type State = { enabled: boolean; generation: number; entries: Map<string, Entry>; reads: Map<string, { generation: number; promise: Promise<unknown> }> }

const g = globalThis as typeof globalThis & { __taswiqSharedData?: State }

function state(): State {
  g.__taswiqSharedData ??= { enabled: false, generation: 0, entries: new Map(), reads: new Map() }
  return g.__taswiqSharedData
}

/** Called by the page-cache middleware when it is installed. */
export function enableSharedData() {
  state().enabled = true
}

/** Called when the page cache is emptied (a write that may change catalog pages finished). */
export function invalidateSharedData() {
  const s = state()
  s.generation++
  s.entries.clear()
}

/**
 * `load()`'s value, shared by every request for `key` for up to SHARED_DATA_FRESH_MS (one read at a
 * time per key). Keys are few and fixed by the caller (a list and a language), never taken from a
 * URL: nothing a visitor sends can grow the map. The value is shared: callers must not change it.
 */
export async function sharedData<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const s = state()
  if (!s.enabled) return load()
  const entry = s.entries.get(key)
  if (entry && entry.generation === s.generation && now - entry.storedAt < SHARED_DATA_FRESH_MS) return entry.value as T
  // A read started before the last write is not joined: it may not see that write.
  const running = s.reads.get(key)
  if (running && running.generation === s.generation) return running.promise as Promise<T>
  const generation = s.generation
  const promise = load()
    .then((value) => {
      if (generation === s.generation) s.entries.set(key, { value, generation, storedAt: Date.now() })
      return value
    })
    .finally(() => {
      if (s.reads.get(key)?.promise === promise) s.reads.delete(key)
    })
  s.reads.set(key, { generation, promise })
  return promise
}
