// Search's cost, measured in ways a shared machine does not distort (issue 17, decision 030):
//
//   DATABASE_URL=postgres://…/taswiq_x npx tsx scripts/bench-search.ts            p50/p95 and CPU ms
//   DATABASE_URL=postgres://…/taswiq_x npx tsx scripts/bench-search.ts --explain  every statement's plan
//
// For each of the issue's searches: wall-clock p50/p95 in-process (inflated by a loaded machine),
// and CPU milliseconds per search on both sides — this process (`process.cpuUsage`) and the
// PostgreSQL backend serving its one connection (utime + stime of /proc/<backend pid>/stat) —
// which a neighbour's load does not change. `--explain` loads auto_explain in the session and
// prints `EXPLAIN (ANALYZE, BUFFERS)` of every statement one search runs, as the server planned it.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { drizzle } from 'drizzle-orm/postgres-js'
import * as schema from '../db/schema'
import type { Db } from '../db/client'
import { searchCatalog, type CatalogFilters } from '../app/modules/catalog/search.server'
import type { Language } from '../app/utils/i18n'

const { values: args } = parseArgs({ options: { explain: { type: 'boolean', default: false }, runs: { type: 'string', default: '60' }, only: { type: 'string' } } })
const url = process.env.DATABASE_URL ?? ''
if (!url) throw new Error('DATABASE_URL is required')

const notices: string[] = []
const client = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) })
const db = drizzle(client, { schema }) as unknown as Db

const searches: { name: string; language: Language; filters: CatalogFilters }[] = [
  { name: '"عسل"', language: 'ar', filters: { query: 'عسل' } },
  { name: '"miel" (dictionary)', language: 'fr', filters: { query: 'miel' } },
  { name: '"couscus" (typo)', language: 'fr', filters: { query: 'couscus' } },
  { name: '"عسال" (typo)', language: 'ar', filters: { query: 'عسال' } },
  { name: '"miel de montagne" + wilaya 15', language: 'fr', filters: { query: 'miel de montagne', wilayaCode: 15 } },
  { name: 'facets: "savon" + rural women + ready', language: 'fr', filters: { query: 'savon', producerType: 'rural_woman', readiness: 'ship' } },
  { name: '"tadjinne" (trigram fallback)', language: 'fr', filters: { query: 'tadjinne' } },
]

const [{ pid, n } = { pid: 0, n: 0 }] = await client<{ pid: number; n: number }[]>`select pg_backend_pid() as pid, (select count(*)::int from products where status = 'active') as n`
const backendCpuMs = () => {
  // Fields 14 and 15 (utime, stime) in clock ticks (100 per second on Linux), after the ")" of the name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

console.log(`${n} active products\n`)
if (args.explain) {
  await client.unsafe(`LOAD 'auto_explain'`)
  await client.unsafe(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;
    SET auto_explain.log_timing = on; SET auto_explain.log_nested_statements = on; SET client_min_messages = log`)
  for (const s of searches.filter((s) => !args.only || s.name.includes(args.only))) {
    await searchCatalog(db, s) // warm: vocabulary loaded, pages cached
    notices.length = 0
    const result = await searchCatalog(db, s)
    console.log(`\n### ${s.name}: ${result.total}${result.capped ? '+' : ''} results${result.correctedTo ? `, corrected to "${result.correctedTo}"` : ''}${result.fuzzy ? ', fuzzy' : ''}\n`)
    for (const notice of notices) console.log(notice.replace(/^duration: [\d.]+ ms\s+plan:\n/, ''), '\n')
  }
} else {
  const runs = Number(args.runs)
  console.log(`${'search'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'node CPU'.padStart(9)} ${'pg CPU'.padStart(8)}  (per search, ${runs} runs)`)
  for (const s of searches.filter((s) => !args.only || s.name.includes(args.only))) {
    for (let i = 0; i < 3; i++) await searchCatalog(db, s)
    const times: number[] = []
    const cpu = process.cpuUsage()
    const pg = backendCpuMs()
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      await searchCatalog(db, s)
      times.push(performance.now() - start)
    }
    const used = process.cpuUsage(cpu)
    const nodeMs = (used.user + used.system) / 1000 / runs
    const pgMs = (backendCpuMs() - pg) / runs
    times.sort((a, b) => a - b)
    console.log(
      `${s.name.padEnd(40)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ${percentile(times, 0.95).toFixed(1).padStart(8)} ${nodeMs.toFixed(2).padStart(9)} ${pgMs.toFixed(2).padStart(8)}`,
    )
  }
}
await client.end()
