import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

// A PostgreSQL cluster of one test's own, in a temporary directory on a free port, that the test
// may stop and start at will. The shared server (127.0.0.1:5432) is never touched: other tests run
// on it at the same time.

const run = promisify(execFile)

/** Where initdb and pg_ctl are: PG_BINDIR, else `pg_config --bindir`, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinDir(): string | null {
  const candidates: string[] = []
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR)
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim())
  } catch {
    // pg_config is in libpq-dev, which a server-only machine may lack.
  }
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')))
  }
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) ?? null
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export type ThrowawayPostgres = {
  port: number
  /** The PostgreSQL binaries it runs with. */
  binDir: string
  /** postgres:// URL of a database on this cluster. */
  url(database?: string): string
  createDatabase(name: string): Promise<void>
  /** `pg_ctl stop`: `immediate` is a crash (no checkpoint, in-flight transactions lost), `fast` a clean stop. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>
  /** `pg_ctl start`, waiting until it accepts connections (after crash recovery if any). */
  start(): Promise<void>
  /** Stops the cluster if it runs and deletes its directory. Safe to call twice. */
  destroy(): Promise<void>
  /** The server's log, for a failing test's message. */
  log(): string
}

type Pg = (program: string, args: string[]) => Promise<unknown>

/** A fresh temporary directory the PostgreSQL binaries may write to, and how to run them there. */
function prepare(binDir: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'taswiq-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const pg: Pg = (program, args) => {
    const bin = path.join(binDir, program)
    return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args)
  }
  return { dir, pg }
}

/**
 * A cluster whose data directory `create` fills (initdb, or pg_basebackup for a replica), then
 * started on a free port of its own.
 */
async function startCluster(binDir: string, create: (pg: Pg, dataDir: string) => Promise<unknown>): Promise<ThrowawayPostgres> {
  const { dir, pg } = prepare(binDir)
  const dataDir = path.join(dir, 'data')
  const logFile = path.join(dir, 'server.log')
  const port = await freePort()
  let running = false
  const start = async () => {
    // fsync off: a stop, even `immediate`, kills processes, not the machine, so nothing is lost.
    // synchronous_commit stays on: a commit the app was told about must survive the crash.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`
    await pg('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options])
    running = true
  }
  const destroy = async () => {
    if (running) await pg('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => {})
    running = false
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await create(pg, dataDir)
    await start()
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
    await destroy()
    throw new Error(`could not start a throwaway PostgreSQL: ${(error as Error).message}\n${log}`)
  }
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    port,
    binDir,
    url,
    async createDatabase(name) {
      await pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name])
    },
    async stop(mode = 'immediate') {
      await pg('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w'])
      running = false
    },
    start,
    destroy,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  }
}

/**
 * initdb + pg_ctl start. PostgreSQL refuses to run as root: when we are root the binaries run as
 * the `postgres` OS user (runuser), which then owns the directory.
 */
export async function startThrowawayPostgres({ binDir = findPostgresBinDir() }: { binDir?: string | null } = {}): Promise<ThrowawayPostgres> {
  if (!binDir) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: set PG_BINDIR or install postgresql')
  return startCluster(binDir, (pg, dataDir) => pg('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']))
}

/**
 * A streaming replica of `primary`: `pg_basebackup -R` (a copy of its data directory plus
 * `standby.signal` and `primary_conninfo`, so it starts as a hot standby following the primary),
 * started on a port of its own. initdb's default pg_hba.conf trusts replication from 127.0.0.1
 * and PostgreSQL 15's defaults (wal_level=replica, max_wal_senders=10) allow it.
 */
export async function startThrowawayReplica(primary: ThrowawayPostgres): Promise<ThrowawayPostgres> {
  return startCluster(primary.binDir, (pg, dataDir) =>
    // -c fast: an immediate checkpoint instead of waiting for the next one; -X stream: the WAL
    // written during the copy comes along.
    pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'])
  )
}
