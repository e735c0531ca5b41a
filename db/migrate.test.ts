import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { adminUrl, testServerUrl, withDatabase } from '../tests/support/postgres-url'
import { connect, type DbConnection } from './client'
import { migrate } from './migrate'

async function describeSchema(conn: DbConnection) {
  const tables = await conn.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  )
  const [geo] = await conn.query<{ wilayas: number; communes: number; tizi: string }>(
    `select (select count(*)::int from wilayas) as wilayas, (select count(*)::int from communes) as communes,
            (select name_fr from wilayas where code = 15) as tizi`,
  )
  return { tables: tables.map((t) => t.table_name), geo }
}

const expectedTables = ['categories', 'communes', 'product_images', 'products', 'sessions', 'shops', 'users', 'wilayas']

describe('migrations', () => {
  it('apply to a new embedded PGlite database, twice without harm', async () => {
    const conn = await connect({ pgliteDir: 'memory://' })
    try {
      await migrate(conn)
      await migrate(conn)
      const schema = await describeSchema(conn)
      expect(schema.tables).toEqual(expect.arrayContaining(expectedTables))
      expect(schema.geo).toEqual({ wilayas: 58, communes: 1468, tizi: 'Tizi Ouzou' })
    } finally {
      await conn.close()
    }
  })

  it.skipIf(!testServerUrl())('apply to a new PostgreSQL database with the same result', async () => {
    const serverUrl = testServerUrl()!
    const name = `taswiq_migrate_${randomBytes(4).toString('hex')}`
    const admin = await connect({ url: adminUrl(serverUrl), max: 1 })
    await admin.query(`CREATE DATABASE "${name}"`)
    const conn = await connect({ url: withDatabase(serverUrl, name), max: 1 })
    try {
      await migrate(conn)
      await migrate(conn)
      const onPostgres = await describeSchema(conn)
      const pglite = await connect({ pgliteDir: 'memory://' })
      await migrate(pglite)
      const onPglite = await describeSchema(pglite)
      await pglite.close()
      expect(onPostgres).toEqual(onPglite)
    } finally {
      await conn.close()
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.close()
    }
  })
})
