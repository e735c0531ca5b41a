import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { consume, peek, reset } from './rate-limit.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

describe('rate limiter', () => {
  const limit = { points: 3, windowSeconds: 600 }

  it('allows the first attempts, refuses the next with the time left, and recovers when the window ends', async () => {
    const start = new Date('2026-05-01T08:00:00Z')
    const results = []
    for (let i = 0; i < 4; i++) results.push(await consume(t.db, 'login:a@x.dz', limit, start))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results[3]!.retryAfterSeconds).toBe(600)

    const later = new Date(start.getTime() + 4 * 60_000)
    expect(await peek(t.db, 'login:a@x.dz', limit, later)).toEqual({ allowed: false, retryAfterSeconds: 360 })

    const afterWindow = new Date(start.getTime() + 601_000)
    expect(await peek(t.db, 'login:a@x.dz', limit, afterWindow)).toEqual({ allowed: true, retryAfterSeconds: 0 })
    expect((await consume(t.db, 'login:a@x.dz', limit, afterWindow)).allowed).toBe(true)
  })

  it('counts keys apart, and reset clears one', async () => {
    const now = new Date()
    for (let i = 0; i < 3; i++) await consume(t.db, 'k1', limit, now)
    expect((await peek(t.db, 'k1', limit, now)).allowed).toBe(false)
    expect((await peek(t.db, 'k2', limit, now)).allowed).toBe(true)
    await reset(t.db, 'k1')
    expect((await peek(t.db, 'k1', limit, now)).allowed).toBe(true)
  })

  it('counts concurrent attempts exactly', async () => {
    const now = new Date()
    const results = await Promise.all(Array.from({ length: 10 }, () => consume(t.db, 'burst', limit, now)))
    expect(results.filter((r) => r.allowed)).toHaveLength(3)
  })
})
