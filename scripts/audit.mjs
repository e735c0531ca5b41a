// `npm run audit`: no high or critical advisory in the production dependencies.
// Runs `npm audit --omit=dev --audit-level=high`. Where the registry's audit endpoint cannot be
// reached (these machines' registry answers 405), it says so and checks instead the installed
// versions against the fixed versions of the high advisories known to have touched our stack —
// a floor, not a substitute for the registry: keep the list when you read a new advisory.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const audit = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { encoding: 'utf8' })
const output = `${audit.stdout}\n${audit.stderr}`
if (audit.status === 0) {
  console.log(output.trim().split('\n').slice(-3).join('\n'))
  process.exit(0)
}
if (!/audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|405 Method Not Allowed/.test(output)) {
  console.error(output)
  process.exit(1)
}
console.log('npm audit: the registry audit endpoint is not reachable from this machine; checking known advisories instead')

const known = [
  ['@remix-run/router', '1.23.2', 'GHSA-8v8x-cx79-35w7, GHSA-2w69-qvjg-hvjx (XSS in ScrollRestoration / open redirects)'],
  ['@remix-run/react', '2.17.4', 'same advisories, through @remix-run/router'],
  ['@remix-run/node', '2.17.2', 'CVE-2025-61686'],
  ['@remix-run/express', '2.16.3', 'CVE-2025-31137 (URL built from Host / X-Forwarded-Port)'],
  ['express', '4.22.1', 'GHSA-pj86-cfqh-vqx6'],
  ['path-to-regexp', '0.1.12', 'CVE-2024-52798 (ReDoS)'],
  ['body-parser', '1.20.3', 'CVE-2024-45590 (DoS)'],
  ['cookie', '0.7.0', 'CVE-2024-47764'],
  ['send', '0.19.0', 'CVE-2024-43799 (XSS)'],
  ['serve-static', '1.16.0', 'CVE-2024-43800 (XSS)'],
  ['nodemailer', '6.9.9', 'GHSA-9h6g-pr28-7cqp (ReDoS)'],
]
const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('-')[0].split('.').map(Number))
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]
  return true
}
let failed = false
for (const [name, fixed, advisory] of known) {
  let version
  try {
    version = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version
  } catch {
    continue // not installed: not ours
  }
  const ok = newer(version, fixed)
  failed ||= !ok
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(22)} ${version.padEnd(9)} (fixed in ${fixed}: ${advisory})`)
}
process.exit(failed ? 1 : 0)
