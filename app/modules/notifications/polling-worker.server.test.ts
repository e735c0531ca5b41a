import { describe, expect, it, vi } from 'vitest'
import { startPollingWorker } from './polling-worker.server'

const tick = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('startPollingWorker', () => {
  it('drains while a batch says more may wait, then waits for the interval', async () => {
    const answers = [true, true, false]
    const batch = vi.fn(async () => ({ more: answers.shift() ?? false }))
    const worker = startPollingWorker({ name: 'test', batch, intervalMs: 60_000, log: { error: vi.fn() } })
    await vi.waitFor(() => expect(batch).toHaveBeenCalledTimes(3))
    await tick()
    expect(batch).toHaveBeenCalledTimes(3)
    await worker.stop()
  })

  it('runs another round right after one that was kicked while it ran', async () => {
    let release!: () => void
    const batch = vi.fn(() => (batch.mock.calls.length === 1 ? new Promise<{ more: boolean }>((resolve) => (release = () => resolve({ more: false }))) : Promise.resolve({ more: false })))
    const worker = startPollingWorker({ name: 'test', batch, intervalMs: 60_000, log: { error: vi.fn() } })
    await vi.waitFor(() => expect(batch).toHaveBeenCalledTimes(1))
    worker.kick()
    release()
    await vi.waitFor(() => expect(batch).toHaveBeenCalledTimes(2))
    // Without a kick during it, the next round waits for the interval.
    await tick()
    expect(batch).toHaveBeenCalledTimes(2)
    worker.kick()
    await vi.waitFor(() => expect(batch).toHaveBeenCalledTimes(3))
    await worker.stop()
  })

  it('logs a failing round and tries again at the next tick', async () => {
    const log = { error: vi.fn() }
    const batch = vi.fn(async () => {
      if (batch.mock.calls.length === 1) throw new Error('database restarting')
      return { more: false }
    })
    const worker = startPollingWorker({ name: 'outbox', batch, intervalMs: 10, log })
    await vi.waitFor(() => expect(batch.mock.calls.length).toBeGreaterThanOrEqual(2))
    expect(log.error).toHaveBeenCalledWith('outbox: delivery round failed', expect.any(Error))
    await worker.stop()
  })

  it('stop waits for the round in flight, then calls onStop; no round after it', async () => {
    let release!: () => void
    const order: string[] = []
    const batch = vi.fn(
      () =>
        new Promise<{ more: boolean }>((resolve) => {
          release = () => {
            order.push('round done')
            resolve({ more: true })
          }
        })
    )
    const worker = startPollingWorker({ name: 'test', batch, intervalMs: 10, log: { error: vi.fn() }, onStop: () => order.push('onStop') })
    await vi.waitFor(() => expect(batch).toHaveBeenCalledTimes(1))
    const stopped = worker.stop()
    worker.kick()
    release()
    await stopped
    await tick()
    expect(order).toEqual(['round done', 'onStop'])
    expect(batch).toHaveBeenCalledTimes(1)
  })
})
