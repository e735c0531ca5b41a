import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { jsonLd } from '~/modules/catalog/seo'

// User text reaches the page only through React's escaping. The one exception is JSON-LD, which
// must be inlined as a script's text: it goes through jsonLd(), which escapes "<". A new way of
// writing raw HTML anywhere in app/ fails this test until it is looked at and listed here.

const appDir = path.join(process.cwd(), 'app')
const rawHtml = /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\b|createContextualFragment/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) && !/\.test\./.test(entry.name) ? [full] : []
  })
}

describe('raw HTML in app/', () => {
  it('is only JSON-LD made by jsonLd()', () => {
    const found: string[] = []
    const problems: string[] = []
    for (const file of sourceFiles(appDir)) {
      const source = readFileSync(file, 'utf8')
      const relative = path.relative(appDir, file)
      source.split('\n').forEach((line, i) => {
        if (!rawHtml.test(line)) return
        found.push(relative)
        const jsonLdScript = line.match(/<script type="application\/ld\+json" dangerouslySetInnerHTML=\{\{ __html: (\w+) \}\} \/>/)
        // The value must come from jsonLd() in the same module (the loader builds it).
        if (!jsonLdScript || !new RegExp(`\\b${jsonLdScript[1]}: jsonLd\\(`).test(source)) problems.push(`${relative}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(problems).toEqual([])
    // The product page's JSON-LD, and nothing else: a check that finds nothing would prove nothing.
    expect(found).toEqual(['routes/_store+/p.$slug.tsx'])
  })

  it('jsonLd() cannot close its script tag, whatever the text holds', () => {
    const name = '</script><script>alert(1)</script><!-- \u2028\u2029 "><img src=x onerror=alert(1)>'
    const out = jsonLd({ name, description: "' OR 1=1 --" })
    expect(out).not.toMatch(/[<\u2028\u2029]/)
    expect(JSON.parse(out)).toEqual({ name, description: "' OR 1=1 --" })
  })
})
