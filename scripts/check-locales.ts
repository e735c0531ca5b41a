// Checks that the three locale files of each folder have the same keys. Plural keys are completed
// first: Arabic needs six forms (zero, one, two, few, many, other), so French and English carry all
// six too (the extra ones repeat "other"), which keeps the key sets identical.
// Usage: tsx scripts/check-locales.ts [--fix]
import { readFileSync, writeFileSync } from 'node:fs'

type Tree = { [key: string]: string | Tree }
const forms = ['zero', 'one', 'two', 'few', 'many', 'other']
const fix = process.argv.includes('--fix')
// The site's strings, and the emails' (kept apart: emails are rendered outside React).
const folders = ['app/locales', 'app/locales/emails']

function completePlurals(tree: Tree) {
  for (const value of Object.values(tree)) if (typeof value === 'object') completePlurals(value)
  for (const key of Object.keys(tree)) {
    const match = key.match(/^(.*)_other$/)
    if (!match) continue
    for (const form of forms) tree[`${match[1]}_${form}`] ??= tree[key]!
  }
}

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

function checkFolder(folder: string) {
  const files = ['ar', 'fr', 'en'].map((l) => `${folder}/${l}.json`)
  const trees = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Tree)
  if (fix) {
    trees.forEach((tree, i) => {
      completePlurals(tree)
      writeFileSync(files[i]!, JSON.stringify(tree, null, 2) + '\n')
    })
  }
  const sets = trees.map((t) => new Set(keys(t)))
  const all = new Set(sets.flatMap((s) => [...s]))
  let ok = true
  sets.forEach((set, i) => {
    const missing = [...all].filter((k) => !set.has(k))
    if (missing.length) {
      ok = false
      console.error(`${files[i]} lacks ${missing.length} key(s): ${missing.slice(0, 10).join(', ')}`)
    }
  })
  if (ok) console.log(`${folder}: locales agree (${all.size} keys)`)
  return ok
}

const results = folders.map(checkFolder)
if (results.includes(false)) process.exit(1)
