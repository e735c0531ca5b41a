// The floor for `npm run bench`: a bare Remix 2 + React 18 page with a 24-product grid read from
// the same PostgreSQL database, built and served by the bench in the same run as Taswiq, with the
// same Express, compression and production mode. What Taswiq costs above it is ours.
//
// The app is written into .data/bench-bare (inside the project, so it resolves the project's
// node_modules), built with the Remix Vite plugin, and served by its own small server.mjs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const files: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'taswiq-bench-bare',
    private: true,
    type: 'module',
    // Resolved from the project's node_modules; listed because Remix reads its runtime from here.
    dependencies: { '@remix-run/node': '*', '@remix-run/react': '*', '@remix-run/express': '*', react: '*', 'react-dom': '*', postgres: '*' },
  }),
  'vite.config.mjs': `import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [remix({ serverModuleFormat: 'esm', future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true } })],
})
`,
  'app/root.tsx': `import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react'
export function Layout({ children }) {
  return (
    <html lang="ar" dir="rtl">
      <head><meta charSet="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><Meta /><Links /></head>
      <body>{children}<ScrollRestoration /><Scripts /></body>
    </html>
  )
}
export default function App() { return <Outlet /> }
`,
  'app/routes/_index.tsx': `import { useLoaderData } from '@remix-run/react'
import postgres from 'postgres'
const sql = postgres(process.env.DATABASE_URL, { max: 4 })
export async function loader() {
  const products = await sql\`select id, slug, title, price, stock from products where status = 'active' order by published_at desc, id desc limit 24\`
  return { products: products.map((p) => ({ id: p.id, slug: p.slug, title: p.title, price: p.price, stock: p.stock })) }
}
export default function Index() {
  const { products } = useLoaderData()
  return (
    <main>
      <h1>Bare Remix page</h1>
      <ul>
        {products.map((p) => (
          <li key={p.id}>
            <a href={'/p/' + p.slug}>{p.title}</a>
            <p>{new Intl.NumberFormat('ar-DZ', { style: 'currency', currency: 'DZD' }).format(p.price / 100)}</p>
            <p>{p.stock > 0 ? 'in stock' : 'sold out'}</p>
          </li>
        ))}
      </ul>
    </main>
  )
}
`,
  'server.mjs': `import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.all('*', createRequestHandler({ build: await import(path.resolve('build/server/index.js')), mode: 'production' }))
app.listen(Number(process.env.PORT), () => console.log('bare page on', process.env.PORT))
`,
}

export const bareDir = path.resolve('.data/bench-bare')

/** Writes and builds the bare app (kept from an earlier run when its files are the same); throws when the build fails. */
export function buildBareApp() {
  const unchanged = Object.entries(files).every(([name, content]) => {
    const file = path.join(bareDir, name)
    return existsSync(file) && readFileSync(file, 'utf8') === content
  })
  if (unchanged && existsSync(path.join(bareDir, 'build/server/index.js'))) return
  rmSync(bareDir, { recursive: true, force: true })
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(bareDir, name)), { recursive: true })
    writeFileSync(path.join(bareDir, name), content)
  }
  const built = spawnSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
    cwd: bareDir,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  if (built.status !== 0) throw new Error(`bare Remix page: build failed\n${built.stdout}\n${built.stderr}`)
}

export function startBareServer(port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['server.mjs'], {
    cwd: bareDir,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
