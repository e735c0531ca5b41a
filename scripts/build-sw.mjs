// Builds the installable app's service worker after the Remix build (decision 024), so Workbox is
// in build/client/sw.js only, never in a page's JavaScript:
// 1. writes build/client/offline.html from the `offline` strings of the three locale files (the
//    page a failed navigation gets; public/offline.js shows the visitor's language);
// 2. bundles sw/service-worker.ts with the Workbox modules it imports (esbuild);
// 3. lets workbox-build's injectManifest list what is precached, with a revision for each file:
//    the app shell (client entry, framework chunks, the Remix manifest, the stylesheet), the
//    offline page and its script, the icons and the web app manifest.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { injectManifest } from 'workbox-build'

const started = performance.now()
const client = 'build/client'

const languages = [
  { code: 'ar', dir: 'rtl' },
  { code: 'fr', dir: 'ltr' },
  { code: 'en', dir: 'ltr' },
]
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const sections = languages.map(({ code, dir }) => {
  const t = JSON.parse(readFileSync(`app/locales/${code}.json`, 'utf8')).offline
  // Arabic shows without a script; offline.js shows the visitor's language instead.
  return `<section data-offline-lang="${code}" lang="${code}" dir="${dir}" data-title="${escape(t.title)}"${code === 'ar' ? '' : ' hidden'}>
<h1>${escape(t.heading)}</h1>
<p>${escape(t.body)}</p>
<p class="actions"><button type="button" data-offline-retry>${escape(t.retry)}</button> <a href="/">${escape(t.home)}</a></p>
</section>`
})
const arabicTitle = JSON.parse(readFileSync('app/locales/ar.json', 'utf8')).offline.title
writeFileSync(
  `${client}/offline.html`,
  `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#3f7a36">
<title>${escape(arabicTitle)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="manifest" href="/site.webmanifest">
<style>
body{margin:0;min-height:100dvh;display:flex;align-items:center;justify-content:center;background:#fbf8f3;color:#1f2a1c;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,sans-serif}
main{max-width:32rem;padding:1.5rem;text-align:center}
img{width:64px;height:64px}
h1{font-size:1.4rem;margin:1rem 0 .5rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;justify-content:center;margin-top:1.5rem}
button,a{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding-inline:1.25rem;border-radius:.5rem;font:inherit;text-decoration:none}
button{background:#3f7a36;color:#fff;border:0;cursor:pointer}
a{color:#3f7a36;border:1px solid #3f7a36}
</style>
</head>
<body>
<main>
<img src="/favicon.svg" alt="">
${sections.join('\n')}
</main>
<script src="/offline.js"></script>
</body>
</html>
`
)

await build({
  entryPoints: ['sw/service-worker.ts'],
  outfile: `${client}/sw.js`,
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  // Workbox logs in development builds only.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
})

// The app shell: what every page loads first, read from the Remix manifest of this build (its own
// file, the client entry, the root route and the chunks they import) and the stylesheet. Route
// chunks are cached as pages use them, not ahead: a phone on 3G should not download the back office.
const assets = readdirSync(`${client}/assets`)
const manifestFile = assets.find((name) => /^manifest-[\w-]+\.js$/.test(name))
if (!manifestFile) throw new Error('build-sw: no Remix manifest in build/client/assets (run the Remix build first)')
const remix = JSON.parse(readFileSync(`${client}/assets/${manifestFile}`, 'utf8').replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, ''))
const shell = new Set([`/assets/${manifestFile}`, remix.entry.module, ...remix.entry.imports, remix.routes.root.module, ...remix.routes.root.imports, ...remix.routes.root.css])
for (const name of assets) if (name.endsWith('.css') && name.startsWith('tailwind-')) shell.add(`/assets/${name}`)

const { count, size, warnings } = await injectManifest({
  swSrc: `${client}/sw.js`,
  swDest: `${client}/sw.js`,
  globDirectory: client,
  globPatterns: ['offline.html', 'offline.js', 'favicon.svg', 'site.webmanifest', 'icons/*.png', ...[...shell].map((file) => file.slice(1))],
  // Hashed names already say the version: no revision needed for them.
  dontCacheBustURLsMatching: /^assets\//,
})
for (const warning of warnings) console.warn(`service worker: ${warning}`)
console.log(`service worker built in ${Math.round(performance.now() - started)} ms: ${client}/sw.js, ${count} files precached (${Math.round(size / 1024)} KB)`)
