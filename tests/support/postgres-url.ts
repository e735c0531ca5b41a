/**
 * The PostgreSQL server tests run on: TEST_DATABASE_URL, else DATABASE_URL; none → PGlite.
 * Test databases are created on that server next to the given one and dropped afterwards.
 */
export function testServerUrl() {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null
}

export function withDatabase(url: string, database: string) {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** The maintenance database of the same server, from which databases are created and dropped. */
export function adminUrl(url: string) {
  return withDatabase(url, 'postgres')
}
