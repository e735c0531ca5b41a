// Start time and memory of the production server, compiled (build/app-server/server.js) vs
// transpiled at start by tsx (server.ts): `node scripts/measure-server-start.mjs` with DATABASE_URL
// set to a database the server may migrate (the result goes in docs/operations.md).
// Start time: spawn until /healthz answers. Memory: RSS after start, and after 200 page views.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL')
const runs = Number(process.env.RUNS ?? 3)
const variants = {
  'tsx server.ts': ['--import', 'tsx', 'server.ts'],
  'node build/app-server/server.js': ['build/app-server/server.js'],
}
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const rssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024

const results = []
for (const [name, args] of Object.entries(variants)) {
  for (let i = 0; i < runs; i++) {
    const port = await freePort()
    const started = performance.now()
    const child = spawn(process.execPath, args, {
      env: { ...process.env, NODE_ENV: 'production', PORT: String(port), SESSION_SECRET: 'measure-only-secret-measure-only-secret', LOG_LEVEL: 'warn', APP_URL: `http://127.0.0.1:${port}` },
      stdio: 'ignore',
    })
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)
      if (ok) break
      await new Promise((r) => setTimeout(r, 20))
    }
    const startMs = performance.now() - started
    const rssStart = rssMb(child.pid)
    for (let n = 0; n < 200; n++) await (await fetch(`http://127.0.0.1:${port}/${n % 2 ? '' : 'search?q=honey'}`)).arrayBuffer()
    const rssAfter = rssMb(child.pid)
    child.kill('SIGTERM')
    await new Promise((r) => child.on('exit', r))
    results.push({ name, startMs: Math.round(startMs), rssStart: Math.round(rssStart), rssAfter: Math.round(rssAfter) })
    console.log(JSON.stringify(results.at(-1)))
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log('| server | start (median ms) | RSS after start (MB) | RSS after 200 pages (MB) |\n|---|---|---|---|')
for (const name of Object.keys(variants)) {
  const of = results.filter((r) => r.name === name)
  console.log(`| ${name} | ${median(of.map((r) => r.startMs))} | ${median(of.map((r) => r.rssStart))} | ${median(of.map((r) => r.rssAfter))} |`)
}
