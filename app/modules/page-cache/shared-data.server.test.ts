import { afterEach, describe, expect, it } from 'vitest'
import { enableSharedData, invalidateSharedData, sharedData, SHARED_DATA_FRESH_MS } from './shared-data.server'

const g = globalThis as { __taswiqSharedData?: unknown }
afterEach(() => {
  g.__taswiqSharedData = undefined
})

function counter() {
  let calls = 0
  return { load: async () => ++calls, calls: () => calls }
}

describe('sharedData', () => {
  it('reads every time until the page cache turns it on (development, tests of loaders)', async () => {
    const c = counter()
    await sharedData('k', c.load)
    await sharedData('k', c.load)
    expect(c.calls()).toBe(2)
  })

  it('reads once for everyone while fresh, once at a time, and again after SHARED_DATA_FRESH_MS', async () => {
    enableSharedData()
    const c = counter()
    const now = Date.now()
    expect(await Promise.all([sharedData('k', c.load, now), sharedData('k', c.load, now)])).toEqual([1, 1])
    expect(await sharedData('k', c.load, now + 1000)).toBe(1)
    expect(await sharedData('other', c.load, now)).toBe(2)
    expect(await sharedData('k', c.load, Date.now() + SHARED_DATA_FRESH_MS + 1)).toBe(3)
  })

  it('reads again after a write (the page cache emptied), and never keeps a read the write overtook', async () => {
    enableSharedData()
    const c = counter()
    expect(await sharedData('k', c.load)).toBe(1)
    invalidateSharedData()
    expect(await sharedData('k', c.load)).toBe(2)

    let release!: () => void
    const slow = sharedData('k2', () => new Promise<string>((resolve) => (release = () => resolve('before the write'))))
    invalidateSharedData()
    // A request after the write does not join the read that started before it.
    const after = sharedData('k2', async () => 'after the write')
    release()
    expect(await slow).toBe('before the write')
    expect(await after).toBe('after the write')
    expect(await sharedData('k2', async () => 'not read')).toBe('after the write')
  })
})
