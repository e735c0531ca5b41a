// Search's cost, measured in ways a shared machine does not distort (issue 17, decision 030):
//
//   DATABASE_URL=postgres://…/taswiq_x npx tsx scripts/bench-search.ts            p50/p95 and CPU ms
//   DATABASE_URL=postgres://…/taswiq_x npx tsx scripts/bench-search.ts --explain  every statement's plan
//   npx tsx scripts/bench-search.ts postgres://…/taswiq_1k postgres://…/taswiq_100k   both, same run
//
// With two URLs, each search runs on both databases alternately (1k, 100k, 1k, …) in this one
// process, so a neighbour's load falls on both alike, and the second/first ratio is printed.
//
// For each of the issue's searches: wall-clock p50/p95 in-process (inflated by a loaded machine),
// and CPU milliseconds per search on both sides — this process (`process.cpuUsage`) and the
// PostgreSQL backend serving its one connection (utime + stime of /proc/<backend pid>/stat) —
// which a neighbour's load does not change. `--explain` loads auto_explain in the session and
// prints `EXPLAIN (ANALYZE, BUFFERS)` of every statement one search runs, as the server planned it.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { drizzle } from 'drizzle-orm/postgres-js'
import * as schema from '../db/schema'
import type { Db } from '../db/client'
import { searchCatalog, type CatalogFilters } from '../app/modules/catalog/search.server'
import type { Language } from '../app/utils/i18n'

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { explain: { type: 'boolean', default: false }, runs: { type: 'string', default: '60' }, only: { type: 'string' } },
})
const urls = positionals.length ? positionals : [process.env.DATABASE_URL ?? '']
if (!urls[0]) throw new Error('DATABASE_URL (or one or two URLs as arguments) is required')

type Search = { name: string; language: Language; filters: CatalogFilters }
const allSearches: Search[] = [
  { name: '"عسل"', language: 'ar', filters: { query: 'عسل' } },
  { name: '"miel" (dictionary)', language: 'fr', filters: { query: 'miel' } },
  { name: '"couscus" (typo)', language: 'fr', filters: { query: 'couscus' } },
  { name: '"عسال" (typo)', language: 'ar', filters: { query: 'عسال' } },
  { name: '"miel de montagne" + wilaya 15', language: 'fr', filters: { query: 'miel de montagne', wilayaCode: 15 } },
  { name: 'facets: "savon" + rural women + ready', language: 'fr', filters: { query: 'savon', producerType: 'rural_woman', readiness: 'ship' } },
  { name: '"tadjinne" (trigram fallback)', language: 'fr', filters: { query: 'tadjinne' } },
]
const searches = allSearches.filter((s) => !args.only || s.name.includes(args.only))

type Target = { db: Db; client: postgres.Sql; pid: number; n: number; notices: string[] }
const targets: Target[] = []
for (const url of urls) {
  const notices: string[] = []
  const client = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) })
  const [{ pid, n } = { pid: 0, n: 0 }] = await client<{ pid: number; n: number }[]>`select pg_backend_pid() as pid, (select count(*)::int from products where status = 'active') as n`
  targets.push({ db: drizzle(client, { schema }) as unknown as Db, client, pid, n, notices })
}
const backendCpuMs = (pid: number) => {
  // Fields 14 and 15 (utime, stime) in clock ticks (100 per second on Linux), after the ")" of the name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')

console.log(`${targets.map((t) => `${t.n} active products`).join(' | ')} · load average ${load()}\n`)
if (args.explain) {
  for (const t of targets) {
    await t.client.unsafe(`LOAD 'auto_explain'`)
    await t.client.unsafe(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;
      SET auto_explain.log_timing = on; SET auto_explain.log_nested_statements = on; SET client_min_messages = log`)
    for (const s of searches) {
      await searchCatalog(t.db, s) // warm: vocabulary loaded, pages cached
      t.notices.length = 0
      const result = await searchCatalog(t.db, s)
      console.log(`\n### ${t.n} products, ${s.name}: ${result.total}${result.capped ? '+' : ''} results${result.correctedTo ? `, corrected to "${result.correctedTo}"` : ''}${result.fuzzy ? ', fuzzy' : ''}\n`)
      for (const notice of t.notices) console.log(notice.replace(/^duration: [\d.]+ ms\s+plan:\n/, ''), '\n')
    }
  }
} else {
  const runs = Number(args.runs)
  const cols = targets.map(() => `${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'node'.padStart(6)} ${'pg'.padStart(6)}  `).join('| ')
  console.log(`${''.padEnd(40)} ${targets.map((t) => `${String(t.n).padEnd(30)}`).join('| ')}${targets.length > 1 ? '| ratio p50  p95  cpu' : ''}`)
  console.log(`${'search (ms per search, ' + runs + ' runs)'.padEnd(40)} ${cols}`)
  for (const s of searches) {
    for (const t of targets) for (let i = 0; i < 3; i++) await searchCatalog(t.db, s)
    const times = targets.map(() => [] as number[])
    const nodeUs = targets.map(() => 0)
    const pgStart = targets.map((t) => backendCpuMs(t.pid))
    for (let i = 0; i < runs; i++) {
      for (const [k, t] of targets.entries()) {
        const cpu = process.cpuUsage()
        const start = performance.now()
        await searchCatalog(t.db, s)
        times[k]!.push(performance.now() - start)
        const used = process.cpuUsage(cpu)
        nodeUs[k]! += used.user + used.system
      }
    }
    const figures = targets.map((t, k) => {
      const sorted = times[k]!.sort((a, b) => a - b)
      return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), node: nodeUs[k]! / 1000 / runs, pg: (backendCpuMs(t.pid) - pgStart[k]!) / runs }
    })
    const f = (v: number) => v.toFixed(1).padStart(6)
    let line = `${s.name.padEnd(40)} ${figures.map((x) => `${f(x.p50)} ${f(x.p95)} ${f(x.node)} ${f(x.pg)}  `).join('| ')}`
    if (figures.length > 1) {
      const [a, b] = [figures[0]!, figures[figures.length - 1]!]
      line += `| ${(b.p50 / a.p50).toFixed(2).padStart(5)} ${(b.p95 / a.p95).toFixed(2).padStart(4)} ${((b.node + b.pg) / (a.node + a.pg)).toFixed(2).padStart(4)}`
    }
    console.log(line)
  }
  console.log(`\nload average ${load()}`)
}
for (const t of targets) await t.client.end()
