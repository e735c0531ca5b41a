import { readFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { PassThrough } from 'node:stream'
import { createElement, Fragment, Suspense, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'

// The production server's patched packages (scripts/server-package-patches.cjs) give the same
// results as the packages themselves.
const require = createRequire(import.meta.url)
const { patches, patchSource } = require('./server-package-patches.cjs') as {
  patches: { name: string; file: () => string; edits: unknown[] }[]
  patchSource: (source: string, edits: unknown[]) => string | null
}

/** The patched file loaded as a module of its own (require.cache untouched). */
function loadPatched<T>(name: string): T {
  const patch = patches.find((p) => p.name === name)!
  const file = patch.file()
  const source = patchSource(readFileSync(file, 'utf8'), patch.edits)
  expect(source, `${name}: the edits no longer apply`).not.toBeNull()
  const mod = new Module(file) as Module & { _compile: (source: string, file: string) => void; paths: string[] }
  mod.paths = (Module as unknown as { _nodeModulePaths: (dir: string) => string[] })._nodeModulePaths(file)
  mod._compile(source!, file)
  return mod.exports as T
}

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] }
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route }
type Router = { matchRoutes: (routes: Route[], location: string, basename?: string) => Match[] | null }

describe('@remix-run/router, memoised route matching', () => {
  const original = require('@remix-run/router') as Router
  const patched = loadPatched<Router>('@remix-run/router')
  // The shapes our routes have: a root layout, index routes, params, optional segments, pathless
  // layouts, a splat, a case-sensitive path, absolute children.
  const tree = (): Route[] => [
    {
      id: 'root',
      path: '',
      children: [
        { id: 'home', index: true },
        { id: 'product', path: 'p/:slug' },
        { id: 'product-report', path: 'p/:slug/report' },
        { id: 'category', path: 'c/:slug?' },
        { id: 'search', path: 'search' },
        { id: 'Case', path: 'Exact', caseSensitive: true },
        {
          id: 'account-layout',
          children: [
            { id: 'account', path: 'account' },
            { id: 'orders', path: 'account/orders/:id' },
          ],
        },
        { id: 'dashboard', path: 'dashboard', children: [{ id: 'dashboard-index', index: true }, { id: 'dashboard-product', path: '/dashboard/products/:id' }] },
        { id: 'open-data', path: 'open-data/:month/:file' },
        { id: 'splat', path: '*' },
      ],
    },
  ]
  const paths = [
    '/', '/p/abc', '/p/abc/', '/p/abc/report', '/p/%D8%B9%D8%B3%D9%84', '/c', '/c/miel', '/search', '/SEARCH', '/Exact', '/exact',
    '/account', '/account/orders/42', '/dashboard', '/dashboard/products/7', '/open-data/2026-11/a.csv', '/nowhere/at/all', '/p', '//p//x',
  ]
  const summary = (matches: Match[] | null) => matches?.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase])

  it('gives the same matches, on the same tree again and on a tree built again', () => {
    const stable = tree()
    for (let round = 0; round < 3; round++) {
      for (const path of paths) {
        const rebuilt = tree()
        expect(summary(patched.matchRoutes(stable, path)), path).toEqual(summary(original.matchRoutes(tree(), path)))
        const matches = patched.matchRoutes(rebuilt, path)
        expect(summary(matches), path).toEqual(summary(original.matchRoutes(tree(), path)))
        // The route objects are the tree's own, and each call's matches are new objects.
        if (matches) {
          expect(matches.at(-1)!.route).toBe(findRoute(rebuilt, matches.at(-1)!.route.id))
          expect(patched.matchRoutes(rebuilt, path)![0]).not.toBe(matches[0])
        }
      }
    }
  })

  it('tells trees of another shape apart', () => {
    const other = tree()
    other[0]!.children!.splice(1, 1, { id: 'product-renamed', path: 'product/:slug' })
    patched.matchRoutes(tree(), '/p/abc')
    expect(summary(patched.matchRoutes(other, '/p/abc'))).toEqual(summary(original.matchRoutes(other, '/p/abc')))
    expect(patched.matchRoutes(other, '/product/abc')!.at(-1)!.route.id).toBe('product-renamed')
  })
})

function findRoute(routes: Route[], id: string): Route | undefined {
  for (const route of routes) {
    if (route.id === id) return route
    const found = route.children && findRoute(route.children, id)
    if (found) return found
  }
  return undefined
}

type Fizz = { renderToPipeableStream: (node: ReactNode, options: Record<string, unknown>) => { pipe: (stream: NodeJS.WritableStream) => void } }

describe('react-dom server, HTML encoded in large pieces', () => {
  const original = require(patches.find((p) => p.name === 'react-dom')!.file()) as Fizz
  const patched = loadPatched<Fizz>('react-dom')

  function render(fizz: Fizz, node: ReactNode): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const out = new PassThrough()
      const chunks: Buffer[] = []
      out.on('data', (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)))
      out.on('end', () => resolve(Buffer.concat(chunks)))
      const { pipe } = fizz.renderToPipeableStream(node, { onAllReady: () => pipe(out), onShellError: reject, nonce: 'n0nce' })
    })
  }

  let resolved = false
  const late = new Promise<void>((resolve) => setTimeout(() => ((resolved = true), resolve()), 5))
  function Late() {
    if (!resolved) throw late
    return createElement('p', null, 'وصل المنتج – arrivé')
  }

  it('writes the same bytes', async () => {
    const arabic = 'كسكس دار الجدّة – بني ورتيلان '.repeat(200)
    const page = () =>
      createElement(
        'html',
        { lang: 'ar', dir: 'rtl' },
        createElement('head', null, createElement('meta', { charSet: 'utf-8' }), createElement('title', null, 'تسويق')),
        createElement(
          'body',
          { className: 'flex min-h-dvh' },
          Array.from({ length: 60 }, (_, i) =>
            createElement(
              'article',
              { key: i, 'data-i': i, style: { marginInlineStart: i, color: 'red' } },
              createElement('a', { href: `/p/x-${i}?a=1&b="2"` }, `${arabic.slice(0, 40 + i)} <${i}> & "q"`),
              createElement(Fragment, null, i % 2 ? createElement('input', { name: 'q', defaultValue: `v${i}` }) : null),
            ),
          ),
          createElement('p', null, arabic),
          createElement(Suspense, { fallback: createElement('span', null, '…') }, createElement(Late)),
          createElement('script', { dangerouslySetInnerHTML: { __html: 'window.x = "</" + "script>"' } }),
        ),
      )
    const [a, b] = [await render(original, page()), await render(patched, page())]
    // React 18 leaves NUL bytes at a 2 KB buffer's end (facebook/react#26228); the patched one does not.
    const withoutNul = (buffer: Buffer) => Buffer.from(buffer.filter((byte) => byte !== 0))
    expect(b.includes(0)).toBe(false)
    expect(b.toString('utf8')).toBe(withoutNul(a).toString('utf8'))
    expect(b.toString('utf8')).toContain('وصل المنتج')
  })
})
