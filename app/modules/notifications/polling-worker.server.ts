// The scheduling loop shared by the outboxes' workers (emails here, texts in app/modules/sms): one
// round at a time, every `intervalMs`, sooner when kicked. The outboxes only say how to deliver one
// batch and whether another may be waiting.

export type PollingWorker = {
  /** Stops the timer and waits for a round in flight (then calls `onStop`). */
  stop(): Promise<void>
  /** Runs a round soon instead of at the next tick: call after committing a transaction that queued work. */
  kick(): void
}

export type PollingWorkerLogger = { error: (message: string, ...rest: unknown[]) => void }

/**
 * Starts at once. A round calls `batch` again while it answers `{ more: true }` (a full batch: more
 * may be waiting) and the worker is not stopping. A kick during a round means a row may have
 * committed after that round's claim, so another round follows right after it; a failing round is
 * logged and retried at the next tick, never thrown out of the timer.
 */
export function startPollingWorker({
  name,
  batch,
  intervalMs,
  log,
  onStop,
}: {
  /** Prefix of the log line of a failed round ("outbox", "sms"). */
  name: string
  batch: () => Promise<{ more: boolean }>
  intervalMs: number
  log: PollingWorkerLogger
  onStop?: () => void
}): PollingWorker {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | undefined
  let kickedDuringRun = false

  const schedule = (delayMs: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(tick, delayMs)
    // The timer alone must not keep a process (a script, a test) alive.
    timer.unref?.()
  }

  async function round() {
    try {
      for (;;) {
        const { more } = await batch()
        if (stopped || !more) break
      }
    } catch (error) {
      log.error(`${name}: delivery round failed`, error)
    }
  }

  function tick() {
    timer = undefined
    if (inFlight) {
      kickedDuringRun = true
      return
    }
    inFlight = round().finally(() => {
      inFlight = undefined
      const again = kickedDuringRun
      kickedDuringRun = false
      schedule(again ? 0 : intervalMs)
    })
  }

  schedule(0)
  return {
    kick() {
      if (stopped) return
      if (inFlight) kickedDuringRun = true
      else schedule(0)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await inFlight
      onStop?.()
    },
  }
}
