// Builds the production server: server.ts and what it imports outside the Remix build (jobs,
// migrations runner, seed, modules) into one ES module, build/app-server/server.js, so production
// runs compiled JavaScript instead of transpiling TypeScript with tsx at every start. Packages in
// node_modules stay outside the bundle (sharp, argon2 and the rest load as usual). Run by `npm run build`
// after the Remix build; the migrations are copied beside it (db/migrate.ts finds them there), and so
// are the chunks of dynamically imported code (kept in the same folder for the same reason).
import { cpSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { build } from 'esbuild'

const { writePatchedPackages } = createRequire(import.meta.url)('./server-package-patches.cjs')

const outdir = 'build/app-server'
rmSync(outdir, { recursive: true, force: true })
const started = performance.now()
await build({
  entryPoints: ['server.ts'],
  outdir,
  // Code behind a dynamic import() (the email templates, loaded by the first email) goes to its own
  // file beside server.js: bundled into one file, its packages would be imported at start.
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Files with a "run me when executed directly" block (db/migrate.ts, scripts/seed/seed.ts) test
  // this flag: inside the bundle their import.meta.url is the bundle's, the same as the entry's.
  // The first import, so it runs before any package is loaded: the patched route matching and
  // HTML writing (scripts/server-package-patches.cjs, decision 023).
  banner: { js: "import './server-package-patches.cjs';\nglobalThis.__TASWIQ_SERVER_BUNDLE__ = true;" },
})
cpSync('db/migrations', `${outdir}/migrations`, { recursive: true })
cpSync('scripts/server-package-patches.cjs', `${outdir}/server-package-patches.cjs`)
for (const line of writePatchedPackages(`${outdir}/patched`)) console.log(line)
console.log(`server built in ${Math.round(performance.now() - started)} ms: ${outdir}/server.js`)
