import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The import boundaries of eslint.config.js must keep biting: each case plants a file that breaks
// one rule in the real tree (so the config's `files` globs and the `~`/`#db` alias resolution
// apply as they do to real code), lints it with the project's config, and expects that rule.

const root = path.resolve(import.meta.dirname, '..')
const planted: string[] = []
async function plant(relative: string, source: string) {
  const file = path.join(root, relative)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, source)
  planted.push(file)
  return file
}

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})
afterAll(async () => {
  await Promise.all(planted.map((file) => rm(file, { force: true })))
  await rm(path.join(root, 'app/modules/zz-boundary-check'), { recursive: true, force: true })
})

async function rulesBroken(file: string) {
  const [result] = await eslint.lintFiles([file])
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('lint-enforced boundaries', () => {
  it('forbids a route to query tables', async () => {
    const file = await plant('app/routes/zz-boundary-check.tsx', "import { shops } from '#db/schema'\nexport const loader = () => shops\n")
    expect(await rulesBroken(file)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Routes do not query tables/)])
  })

  it('forbids a route to read a form with request.formData() instead of readForm', async () => {
    const file = await plant('app/routes/zz-boundary-check-form.tsx', 'export const action = async ({ request }: { request: Request }) => (await request.formData()).get("x")\n')
    expect(await rulesBroken(file)).toEqual([expect.stringMatching(/^no-restricted-syntax: Read a posted form with readForm/)])
  })

  it('forbids a component to import a .server module, even for a type', async () => {
    const file = await plant('app/components/zz-boundary-check.tsx', "import type { SessionUser } from '~/modules/accounts/sessions.server'\nexport type User = SessionUser\n")
    expect(await rulesBroken(file)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Components run in the browser too/)])
  })

  it('forbids db/ to import anything from app/', async () => {
    const file = await plant('db/zz-boundary-check.ts', "import { getCommune } from '~/modules/geo/geo.server'\nexport const c = getCommune\n")
    expect(await rulesBroken(file)).toEqual([expect.stringMatching(/^no-restricted-imports: .*db\/ holds the schema/)])
  })

  it('forbids a module to import a route or the root', async () => {
    const file = await plant('app/modules/geo/zz-boundary-check.server.ts', "import { loader } from '~/routes/_store+/_index'\nimport type { RootData } from '~/root'\nexport const l = loader\nexport type R = RootData\n")
    const broken = await rulesBroken(file)
    expect(broken).toHaveLength(2)
    for (const message of broken) expect(message).toMatch(/^no-restricted-imports: .*Modules do not depend on pages/)
  })

  it('reports an import cycle, through the ~ alias and a relative path alike', async () => {
    const a = await plant('app/modules/zz-boundary-check/a.server.ts', "import { b } from '~/modules/zz-boundary-check/b.server'\nexport const a = () => b\n")
    const b = await plant('app/modules/zz-boundary-check/b.server.ts', "import { a } from './a.server'\nexport const b = () => a\n")
    expect(await rulesBroken(a)).toEqual(['import-x/no-cycle: Dependency cycle detected'])
    expect(await rulesBroken(b)).toEqual(['import-x/no-cycle: Dependency cycle detected'])
  })

  it('reports a cycle through the #db alias', async () => {
    const a = await plant('db/zz-boundary-cycle-a.ts', "import { b } from '#db/zz-boundary-cycle-b'\nexport const a = () => b\n")
    await plant('db/zz-boundary-cycle-b.ts', "import { a } from './zz-boundary-cycle-a'\nexport const b = () => a\n")
    expect(await rulesBroken(a)).toEqual(['import-x/no-cycle: Dependency cycle detected'])
  })
})
