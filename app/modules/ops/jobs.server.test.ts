import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { claimJobTick, finishJobRun } from './jobs.server'

// The claim decides that a job's period runs once across the fleet: a tick is claimed once, and a
// server that computed an earlier tick than the one already claimed (its timer fired just before
// another server's claim of the next tick reached the database) never runs that earlier tick.
describe('claimJobTick', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t?.close()
  })

  it('claims each tick once, only forward, and lets a failed tick be retried', async () => {
    expect(await claimJobTick(t, 'sweep', '10', 60_000, 'a')).toBe(true)
    expect(await claimJobTick(t, 'sweep', '10', 60_000, 'b')).toBe(false)
    await finishJobRun(t, 'sweep', 5, undefined)
    expect(await claimJobTick(t, 'sweep', '10', 60_000, 'b')).toBe(false)
    expect(await claimJobTick(t, 'sweep', '11', 60_000, 'b')).toBe(true)
    await finishJobRun(t, 'sweep', 5, undefined)
    // A late check for the previous tick: refused.
    expect(await claimJobTick(t, 'sweep', '10', 60_000, 'a')).toBe(false)
    // Numbers compare by value, not as text ("100" > "99").
    expect(await claimJobTick(t, 'sweep', '100', 60_000, 'a')).toBe(true)
    await finishJobRun(t, 'sweep', 5, new Error('carrier down'))
    // A failed run gives its tick back.
    expect(await claimJobTick(t, 'sweep', '100', 60_000, 'b')).toBe(true)
    await finishJobRun(t, 'sweep', 5, undefined)
    expect(await claimJobTick(t, 'sweep', '99', 60_000, 'a')).toBe(false)

    // Days (the nightly reconciliation's ticks) move forward too.
    expect(await claimJobTick(t, 'reconcile', '2026-12-01', 60_000, 'a')).toBe(true)
    await finishJobRun(t, 'reconcile', 5, undefined)
    expect(await claimJobTick(t, 'reconcile', '2026-11-30', 60_000, 'b')).toBe(false)
    expect(await claimJobTick(t, 'reconcile', '2026-12-02', 60_000, 'b')).toBe(true)
  })
})
