import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inlineJson } from '~/utils/inline-json'

// User text reaches the page only through React's escaping. The exceptions are JSON inlined as a
// script's text (the product's JSON-LD, the error page's strings): it goes through inlineJson(),
// which escapes "<". A new way of writing raw HTML anywhere in app/ fails this test until it is
// looked at and listed here.

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
  it('is only JSON made by inlineJson()', () => {
    const found: string[] = []
    const problems: string[] = []
    for (const file of sourceFiles(appDir)) {
      const source = readFileSync(file, 'utf8')
      const relative = path.relative(appDir, file)
      source.split('\n').forEach((line, i) => {
        if (!rawHtml.test(line)) return
        found.push(relative)
        const html = line.match(/dangerouslySetInnerHTML=\{\{ __html: ([\w.]+)(\()?/)
        // The value is inlineJson(…) itself, or comes from inlineJson() in the same module (a loader builds it).
        const safe = html && (html[2] ? html[1] === 'inlineJson' : new RegExp(`\\b${html[1]!.split('.').pop()}: inlineJson\\(`).test(source))
        if (!safe) problems.push(`${relative}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(problems).toEqual([])
    // The error page's strings and the product page's JSON-LD, nothing else: a check that finds nothing would prove nothing.
    expect(found.sort()).toEqual(['root.tsx', 'routes/_store+/p.$slug.tsx'])
  })

  it('inlineJson() cannot close its script tag, whatever the text holds', () => {
    const name = '</script><script>alert(1)</script><!-- \u2028\u2029 "><img src=x onerror=alert(1)>'
    const out = inlineJson({ name, description: "' OR 1=1 --" })
    expect(out).not.toMatch(/[<\u2028\u2029]/)
    expect(JSON.parse(out)).toEqual({ name, description: "' OR 1=1 --" })
  })
})
