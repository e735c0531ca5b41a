import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { inject } from 'vitest'
import { connect, type DbConnection } from '../../db/client'
import { adminUrl, testServerUrl, withDatabase } from './postgres-url'

export type TestDatabase = DbConnection & { name: string }

/**
 * A fresh, migrated database of its own: a copy of the template on the PostgreSQL server, or a
 * PGlite loaded from the template dump. Call `close()` to drop it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('pgTemplateDatabase')
  const serverUrl = testServerUrl()
  if (template && serverUrl) {
    const name = `taswiq_test_${randomBytes(5).toString('hex')}`
    const admin = await connect({ url: adminUrl(serverUrl), max: 1 })
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
    const conn = await connect({ url: withDatabase(serverUrl, name), max: 4 })
    return {
      ...conn,
      name,
      close: async () => {
        await conn.close()
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.close()
      },
    }
  }
  const file = inject('pgliteTemplateFile')
  if (!file) throw new Error('global setup did not prepare a template database')
  const conn = await connect({ pgliteDir: 'memory://', pgliteLoadDataDir: new Blob([await readFile(file)]) })
  return { ...conn, name: 'pglite' }
}
