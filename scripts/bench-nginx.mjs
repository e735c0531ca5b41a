// The deploy recipe measured: two compiled app servers behind nginx with deploy/nginx/taswiq.conf
// (ports and paths rewritten into a temporary prefix; nothing installed, nothing on port 80).
//   DATABASE_URL=… NGINX_BIN=/usr/sbin/nginx node scripts/bench-nginx.mjs
// Checks the cache rules first (anonymous page: MISS then HIT; with a session cookie: BYPASS, and
// never a cached Set-Cookie), then runs autocannon: anonymous catalog page through nginx's cache vs
// straight to one app server; a logged-in page (not cacheable) through nginx with one vs two servers.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

const nginxBin = process.env.NGINX_BIN ?? '/usr/sbin/nginx'
const duration = Number(process.env.BENCH_SECONDS ?? 10)
if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (a seeded database: npm run seed)')
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const children = []
const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'))
process.on('exit', stopAll)

async function startApp() {
  const port = await freePort()
  const child = spawn(process.execPath, ['build/app-server/server.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), TRUST_PROXY: '1', LOG_LEVEL: 'warn', SESSION_SECRET: 'bench-only-secret-bench-only-secret-bench', APP_URL: 'http://localhost' },
    stdio: 'inherit',
  })
  children.push(child)
  for (;;) {
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return port
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function startNginx(appPorts) {
  const prefix = mkdtempSync(path.join(tmpdir(), 'taswiq-nginx-'))
  for (const dir of ['snippets', 'cache', 'logs']) mkdirSync(path.join(prefix, dir))
  writeFileSync(path.join(prefix, 'snippets/taswiq-proxy.conf'), readFileSync('deploy/nginx/taswiq-proxy.conf'))
  const port = await freePort()
  const site = readFileSync('deploy/nginx/taswiq.conf', 'utf8')
    .replaceAll('/etc/nginx/snippets', path.join(prefix, 'snippets'))
    .replace('/var/cache/nginx/taswiq', path.join(prefix, 'cache'))
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/listen \[::\]:80;/, '')
    .replace(/ {4}server 127\.0\.0\.1:3001[^\n]*\n {4}server 127\.0\.0\.1:3002[^\n]*\n/, appPorts.map((p) => `    server 127.0.0.1:${p};\n`).join(''))
  writeFileSync(path.join(prefix, 'site.conf'), site)
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${prefix}/${t};`).join(' ')
  writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `daemon off;\n${process.getuid?.() === 0 ? 'user root;\n' : ''}pid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nworker_processes 1;\nevents {}\nhttp {\n access_log off;\n ${temps}\n include ${prefix}/site.conf;\n}\n`
  )
  const child = spawn(nginxBin, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: 'inherit' })
  children.push(child)
  await new Promise((r) => setTimeout(r, 500))
  return { port, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGQUIT') }).then(() => rmSync(prefix, { recursive: true, force: true })) }
}

// autocannon's summary has no p95 (its percentiles jump from 90 to 97.5): each response's time
// is collected and p95 computed here.
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN)
const bench = async (url, headers = {}) => {
  const times = []
  const instance = autocannon({ url, connections: 10, duration, headers })
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  const r = await instance
  times.sort((x, y) => x - y)
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p95: Math.round(percentile(times, 95)), non2xx: r.non2xx }
}

const [a, b] = [await startApp(), await startApp()]
const nginx = await startNginx([a, b])
const via = `http://127.0.0.1:${nginx.port}`
const status = async (url, headers) => (await fetch(url, { headers })).headers.get('x-cache-status')

// The cache rules.
const checks = {
  first: await status(`${via}/`),
  second: await status(`${via}/`),
  withSession: await status(`${via}/`, { Cookie: '__session=someone' }),
  withLanguageOnly: await status(`${via}/`, { Cookie: 'lng=fr' }),
  account: await status(`${via}/account`),
}
console.log('cache statuses', JSON.stringify(checks))
if (checks.second !== 'HIT' || checks.withSession !== 'BYPASS') throw new Error('the cache rules do not hold')

// A logged-in session for the uncacheable page.
const login = await fetch(`http://127.0.0.1:${a}/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.0.0.9' },
  body: new URLSearchParams({ email: process.env.BENCH_EMAIL ?? 'client@taswiq.dz', password: process.env.BENCH_PASSWORD ?? 'taswiq-demo-2026', redirectTo: '/account' }),
  redirect: 'manual',
})
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
if (login.status !== 302 || !cookie) throw new Error(`log-in failed (${login.status}); set BENCH_EMAIL/BENCH_PASSWORD`)

const rows = []
rows.push(['anonymous `/` through nginx (cache HIT)', await bench(`${via}/`)])
rows.push(['anonymous `/` straight to one app server', await bench(`http://127.0.0.1:${a}/`)])
rows.push(['logged-in `/account` through nginx, two servers', await bench(`${via}/account`, { Cookie: cookie })])
await nginx.stop()
const single = await startNginx([a])
rows.push(['logged-in `/account` through nginx, one server', await bench(`http://127.0.0.1:${single.port}/account`, { Cookie: cookie })])
await single.stop()
console.log(`\n| ${duration} s, 10 connections | req/s | p50 ms | p95 ms | non-2xx |\n|---|---|---|---|---|`)
for (const [name, r] of rows) console.log(`| ${name} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.non2xx} |`)
stopAll()
process.exit(0)
