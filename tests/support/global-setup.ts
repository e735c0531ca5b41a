import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { connect } from '../../db/client'
import { migrate } from '../../db/migrate'
import { adminUrl, testServerUrl, withDatabase } from './postgres-url'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when tests run on a PostgreSQL server: the migrated template database to copy. */
    pgTemplateDatabase: string | null
    /** Set when tests run on PGlite: a dump of a migrated database to start each one from. */
    pgliteTemplateFile: string | null
  }
}

/**
 * Migrates one template database before the tests; each test file then gets its own copy, so
 * files run in parallel without seeing each other's rows.
 */
export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl()
  if (serverUrl) {
    const template = `taswiq_tpl_${randomBytes(4).toString('hex')}`
    const admin = await connect({ url: adminUrl(serverUrl), max: 1 })
    await admin.query(`CREATE DATABASE "${template}"`)
    const conn = await connect({ url: withDatabase(serverUrl, template), max: 1 })
    await migrate(conn)
    await conn.close()
    project.provide('pgTemplateDatabase', template)
    project.provide('pgliteTemplateFile', null)
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
      await admin.close()
    }
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'taswiq-pglite-'))
  const conn = await connect({ pgliteDir: 'memory://' })
  await migrate(conn)
  const client = (conn.db as unknown as { $client: PGlite }).$client
  const dump = await client.dumpDataDir('none')
  const file = path.join(dir, 'template.tar')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  await conn.close()
  project.provide('pgTemplateDatabase', null)
  project.provide('pgliteTemplateFile', file)
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}
