// Fixes two bugs of postgres.js 3.4.9 (the latest release) that a database outage triggers, until
// upstream releases its fix (porsager/postgres#1154, #1208; pull requests #1168, #1176, #1209).
// Run by `npm install` (postinstall); idempotent; checked by db/postgres-js-patch.test.ts.
//
// 1. A transaction whose connection dies sends its ROLLBACK on the dead connection: the write is
//    deferred with setImmediate and then calls `socket.write` on `null`: an uncaught TypeError
//    that kills the whole server (seen in tests/e2e/database-outage.failure.spec.ts).
//    Fix: a write with no socket rejects the connection's queries (CONNECTION_CLOSED) instead.
// 2. Closing a connection cancels a deferred write but leaves its timer and bytes set, so after
//    reconnecting that connection never flushes again (queries hang) or sends stale bytes.
//    Fix: forget both when the socket goes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const MARK = '/* taswiq: patched, see scripts/patch-postgres-js.mjs */'
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkgDir = path.join(root, 'node_modules', 'postgres')

const edits = [
  {
    from: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
    to: `  function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`,
  },
  {
    from: `    incomings = null
    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)`,
    to: `    incomings = null
    clearImmediate(nextWriteTimer)
    nextWriteTimer = chunk = null
    socket.removeListener('data', data)`,
  },
  {
    from: `    clearImmediate(nextWriteTimer)
    if (socket) {`,
    to: `    clearImmediate(nextWriteTimer)
    nextWriteTimer = chunk = null
    if (socket) {`,
  },
]

if (!existsSync(pkgDir)) process.exit(0)
const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))
let problems = 0
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const target = path.join(pkgDir, file)
  if (!existsSync(target)) continue
  let source = readFileSync(target, 'utf8')
  if (source.includes(MARK)) continue
  for (const { from, to } of edits) {
    if (source.split(from).length !== 2) {
      problems++
      console.warn(`patch-postgres-js: postgres ${version} ${file} changed; check whether upstream fixed porsager/postgres#1154 and drop this patch`)
      break
    }
    source = source.replace(from, to)
  }
  if (!problems) writeFileSync(target, source)
}
if (!problems) console.log(`patch-postgres-js: postgres ${version} patched (null socket write, stale deferred write)`)
