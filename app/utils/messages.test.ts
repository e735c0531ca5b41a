import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTranslate } from './translate'
import { messagesFor, messagesOfStringsFile, stringsFileFor, stringsFileBody } from './i18n.server'
import { messageSets } from './i18n'
import ar from '~/locales/ar.json'

// Pages get only some of the strings in the browser (messagesFor). A page whose code uses a
// namespace it was not sent would show raw keys after hydration: this reads every route module and
// the modules it imports (transitively, except *.server files, which translate with every string),
// finds the namespaces its keys name ('cart.…', `cart.${…}`), and checks the page's URL gets them.

const appDir = path.resolve('app')
const namespaces = Object.keys(ar)
const keyPattern = new RegExp(`['"\`](${namespaces.join('|')})\\.[\\w$]`, 'g')

function resolveImport(from: string, specifier: string) {
  const base = specifier.startsWith('~/')
    ? path.join(appDir, specifier.slice(2))
    : specifier.startsWith('.')
    ? path.resolve(path.dirname(from), specifier)
    : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate
  }
  return null
}

function namespacesUsedBy(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>()
  if (seen.has(file)) return found
  seen.add(file)
  const source = readFileSync(file, 'utf8')
  for (const match of source.matchAll(keyPattern)) found.add(match[1]!)
  for (const match of source.matchAll(/from\s+'([^']+)'/g)) {
    const target = resolveImport(file, match[1]!)
    if (!target || /\.server\.tsx?$/.test(target) || target.endsWith('root.tsx')) continue
    for (const ns of namespacesUsedBy(target, seen)) found.add(ns)
  }
  return found
}

/** A URL the route file answers (remix-flat-routes folders: `_x+` adds no segment, `x+` adds one). */
function samplePath(folder: string, file: string) {
  const segments = folder.startsWith('_') ? [] : [folder.replace(/\+$/, '')]
  const name = file.replace(/\.tsx$/, '').replace(/\[\.\]/g, '\u0000')
  for (const part of name.split('.')) {
    if (part === '_index' || part.startsWith('__')) continue
    segments.push(part.startsWith('$') ? 'x' : part.replace(/_$/, '').replace(/\u0000/g, '.'))
  }
  return `/${segments.join('/')}`
}

const routesDir = path.join(appDir, 'routes')
const pages = readdirSync(routesDir).flatMap((folder) =>
  existsSync(path.join(routesDir, folder)) && folder.endsWith('+')
    ? readdirSync(path.join(routesDir, folder))
        .filter((file) => file.endsWith('.tsx') && !file.startsWith('__'))
        .map((file) => ({ file: path.join(routesDir, folder, file), url: samplePath(folder, file) }))
    : []
)

describe('strings sent to the browser', () => {
  it('finds the pages', () => {
    expect(pages.map((p) => p.url)).toEqual(expect.arrayContaining(['/', '/p/x', '/cart', '/checkout', '/login', '/account/orders/x', '/dashboard']))
  })

  it.each(pages.map((p) => [p.url, p.file] as const))('%s gets every namespace its code uses', (url, file) => {
    const used = namespacesUsedBy(file)
    // The root layout (header, footer, error page) is on every page.
    for (const ns of namespacesUsedBy(path.join(appDir, 'root.tsx'))) used.add(ns)
    const sent = new Set(Object.keys(messagesFor('ar', url)))
    expect([...used].filter((ns) => !sent.has(ns)).sort()).toEqual([])
  })
})

describe('strings files', () => {
  it('hold exactly the strings of their page, under a name that changes with them', () => {
    for (const url of ['/', '/p/x', '/login', '/dashboard', '/open-data']) {
      const file = stringsFileFor('fr', url)
      const [, language, name] = /^\/strings\/(\w+)\/([^/]+)$/.exec(file.src)!
      const body = stringsFileBody(language!, name!)!
      expect(body.current).toBe(true)
      expect(JSON.parse(body.body)).toEqual(messagesFor('fr', url))
      expect(messagesOfStringsFile(file.key)).toBe(messagesFor('fr', url))
    }
    expect(stringsFileFor('ar', '/').src).not.toBe(stringsFileFor('fr', '/').src)
    expect(stringsFileFor('ar', '/').src).not.toBe(stringsFileFor('ar', '/p/x').src)
  })
  it('every set has a file in every language', () => {
    for (const set of messageSets) for (const language of ['ar', 'fr', 'en']) expect(messagesOfStringsFile(`${language}:${set}`)).toBeDefined()
  })
  it('refuse languages and sets that do not exist; an old name gets the current strings, marked not current', () => {
    expect(stringsFileBody('xx', 'catalog-home.000000000000.json')).toBeNull()
    expect(stringsFileBody('ar', 'nothing.000000000000.json')).toBeNull()
    expect(stringsFileBody('ar', 'catalog-home.json')).toBeNull()
    expect(stringsFileBody('ar', '../catalog-home.000000000000.json')).toBeNull()
    expect(messagesOfStringsFile('xx:catalog')).toBeUndefined()
    expect(messagesOfStringsFile('ar:catalog:nothing')).toBeUndefined()
    expect(stringsFileBody('ar', 'catalog-home.000000000000.json')).toMatchObject({ current: false })
  })
})

describe('createTranslate', () => {
  const t = createTranslate('ar', {
    cart: {
      title: 'السلة',
      units_zero: 'فارغة',
      units_one: 'قطعة',
      units_two: 'قطعتان',
      units_few: '{{count}} قطع',
      units_many: '{{count}} قطعة',
      units_other: '{{count}} قطعة',
    },
    hello: 'مرحبا {{name}}',
  })
  it('looks up dotted keys and interpolates', () => {
    expect(t('cart.title')).toBe('السلة')
    expect(t('hello', { name: 'فاطمة' })).toBe('مرحبا فاطمة')
  })
  it('picks the plural form as i18next does (zero first, then the language category)', () => {
    expect([0, 1, 2, 3, 11, 100].map((count) => t('cart.units', { count }))).toEqual(['فارغة', 'قطعة', 'قطعتان', '3 قطع', '11 قطعة', '100 قطعة'])
  })
  it('falls back to defaultValue, then to the key', () => {
    expect(t('Invalid input: expected string', { defaultValue: 'غير صالح' })).toBe('غير صالح')
    expect(t('cart.missing')).toBe('cart.missing')
  })
})
