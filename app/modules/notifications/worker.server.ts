// The outbox worker of this process, started by server.ts. Kept on globalThis because server.ts and
// the Remix build are two copies of the app's modules: a route calling kickOutbox() after its
// transaction commits must reach the worker server.ts started.
type Worker = { kick(): void; stop(): Promise<void> }
const g = globalThis as typeof globalThis & { __taswiqOutboxWorker?: Worker }

export function registerOutboxWorker(worker: Worker) {
  g.__taswiqOutboxWorker = worker
}

/** Asks the worker to deliver soon (after a commit that queued an email) instead of at its next tick. */
export function kickOutbox() {
  g.__taswiqOutboxWorker?.kick()
}
