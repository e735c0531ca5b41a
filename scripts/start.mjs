// `npm start`: the marketplace with demo data, on a bare machine. Builds once, then runs the
// production server on the embedded database (seeded on first start). A real deployment sets
// SESSION_SECRET itself; for this local demo one is generated once and kept in .data/.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const env = {
  ...process.env,
  NODE_ENV: 'production',
  // The local demo sends no email: its mailbox page shows the sign-up codes and reset links. A
  // deployment on a real database (DATABASE_URL) keeps it off unless told otherwise.
  DEV_MAILBOX: process.env.DEV_MAILBOX ?? (process.env.DATABASE_URL ? 'false' : 'true'),
}

/** Newest modification time of the files, and under the folders, the build is made from. */
function newestSource(dirs) {
  let newest = 0
  const visit = (dir) => {
    if (statSync(dir).isFile()) return void (newest = Math.max(newest, statSync(dir).mtimeMs))
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) visit(file)
      else newest = Math.max(newest, statSync(file).mtimeMs)
    }
  }
  dirs.filter(existsSync).forEach(visit)
  return newest
}

const outputs = ['build/server/index.js', 'build/client/sw.js', 'build/app-server/server.js']
const builtAt = outputs.every(existsSync) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0
// Everything the build is made from: the app, its emails and database code, the server and configs.
const sources = ['app', 'public', 'emails', 'db', 'scripts/seed', 'sw', 'scripts/build-sw.mjs', 'server.ts', 'vite.config.ts', 'tsconfig.json', 'package-lock.json']
if (builtAt < newestSource(sources) || process.argv.includes('--rebuild')) {
  console.log('Building the app (when the code changed since the last build)…')
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

if (!env.SESSION_SECRET) {
  const file = '.data/session-secret'
  mkdirSync('.data', { recursive: true })
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  env.SESSION_SECRET = readFileSync(file, 'utf8').trim()
  console.log('Demo mode: using the session secret kept in .data/session-secret (set SESSION_SECRET in production).')
}

// The compiled server (scripts/build-server.mjs), not TypeScript transpiled at start.
const server = spawn(process.execPath, ['--enable-source-maps', 'build/app-server/server.js'], { env, stdio: 'inherit' })
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
