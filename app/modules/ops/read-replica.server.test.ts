import { describe, expect, it } from 'vitest'
import type { Db } from '#db/client'
import { createReadRouting, hasRecentWriteCookie, parseLsn, RECENT_WRITE_COOKIE } from './read-replica.server'

// The replica monitor's arithmetic with scripted answers and a hand-moved clock (the real streaming
// replica is in tests/integration/read-replica.test.ts).

function scripted() {
  let clock = 1_000_000
  const state = { primaryLsn: '0/3000000', replayed: '0/3000000' as string | null, standby: true, primaryDown: false, replicaDown: false }
  const primaryDb = { name: 'primary' } as unknown as Db
  const replicaDb = { name: 'replica' } as unknown as Db
  const routing = createReadRouting({
    now: () => clock,
    maxLagMs: 5_000,
    checkIntervalMs: 1_000,
    primary: {
      db: primaryDb,
      query: async <Row,>() => {
        if (state.primaryDown) throw new Error('connection refused')
        return [{ lsn: state.primaryLsn }] as Row[]
      },
    },
    replica: {
      db: replicaDb,
      query: async <Row,>() => {
        if (state.replicaDown) throw new Error('connection refused')
        return [{ standby: state.standby, replayed: state.replayed }] as Row[]
      },
      close: async () => {},
    },
  })
  return { routing, state, primaryDb, replicaDb, tick: (ms = 1_000) => (clock += ms) }
}

const anonymous = new Request('http://localhost/')

describe('read routing', () => {
  it('parses WAL positions across the 32-bit halves', () => {
    expect(parseLsn('0/3000000')).toBe(0x3000000n)
    expect(parseLsn('1/0')).toBe(0x100000000n)
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true)
  })

  it('uses nothing but the primary until the first check answered', () => {
    const { routing, primaryDb } = scripted()
    expect(routing.status()).toMatchObject({ replica: 'starting', inUse: false })
    expect(routing.catalogDb(anonymous)).toBe(primaryDb)
  })

  it('an idle primary is no lag; a replica that stops replaying lags from the last position it reached', async () => {
    const { routing, state, replicaDb, primaryDb, tick } = scripted()
    await routing.check()
    tick(60_000) // nothing written for a minute: still caught up
    expect(await routing.check()).toMatchObject({ replica: 'ok', lagMs: 0, inUse: true })
    expect(routing.catalogDb(anonymous)).toBe(replicaDb)

    state.primaryLsn = '0/3000100' // a write the replica does not replay (cut off, or paused)
    tick()
    expect(await routing.check()).toMatchObject({ replica: 'ok', inUse: true })
    tick(4_000)
    expect((await routing.check()).lagMs).toBe(5_000)
    tick()
    expect(await routing.check()).toMatchObject({ replica: 'lagging', lagMs: 6_000, inUse: false })
    expect(routing.catalogDb(anonymous)).toBe(primaryDb)

    state.replayed = '0/3000100'
    tick()
    expect(await routing.check()).toMatchObject({ replica: 'ok', lagMs: 0, inUse: true })
  })

  it('a replica that is down, promoted, or a primary that does not answer: the primary', async () => {
    const { routing, state, tick } = scripted()
    await routing.check()
    state.replicaDown = true
    tick()
    expect(await routing.check()).toMatchObject({ replica: 'down', inUse: false })
    state.replicaDown = false
    state.standby = false
    state.replayed = null
    tick()
    expect(await routing.check()).toMatchObject({ replica: 'not-standby', inUse: false })
    state.standby = true
    state.replayed = '0/3000000'
    tick()
    expect((await routing.check()).inUse).toBe(true)
    state.primaryDown = true
    tick()
    expect((await routing.check()).inUse).toBe(false)
  })

  it('after a write: that visitor, and this server’s anonymous renders for a while, read the primary', async () => {
    const { routing, primaryDb, replicaDb, tick } = scripted()
    await routing.check()
    const wrote = new Request('http://localhost/', { headers: { Cookie: `lng=fr; ${RECENT_WRITE_COOKIE}=1` } })
    expect(hasRecentWriteCookie(wrote.headers.get('Cookie'))).toBe(true)
    expect(hasRecentWriteCookie('taswiq_rwx=1')).toBe(false)
    expect(routing.catalogDb(wrote)).toBe(primaryDb)
    // The cookie lives long enough for the replica to have the write, or to be skipped.
    expect(routing.recentWriteSeconds * 1000).toBeGreaterThan(5_000 + 1_000)

    const loggedIn = new Request('http://localhost/', { headers: { Cookie: 'taswiq_session=abc' } })
    routing.noteLocalWrite()
    expect(routing.catalogDb(anonymous)).toBe(primaryDb)
    expect(routing.catalogDb(loggedIn)).toBe(replicaDb)
    tick(routing.recentWriteSeconds * 1000)
    await routing.check()
    expect(routing.catalogDb(anonymous)).toBe(replicaDb)
  })
})
